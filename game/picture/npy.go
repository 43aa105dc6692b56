package picture

// MaxNPYSide bounds the height and width of a dropped .npy input.
const MaxNPYSide = 256

// NPYInput reads N, C, H, W from a .npy array's shape: a batch [N,C,H,W]
// with N up to maxBatch, [C,H,W] or [H,W], with C 1 or 3 and H and W up
// to MaxNPYSide; ok is false for any other shape.
func NPYInput(shape []int, maxBatch int) (n, c, h, w int, ok bool) {
	n = 1
	switch len(shape) {
	case 2:
		c, h, w = 1, shape[0], shape[1]
	case 3:
		c, h, w = shape[0], shape[1], shape[2]
	case 4:
		n, c, h, w = shape[0], shape[1], shape[2], shape[3]
	default:
		return 0, 0, 0, 0, false
	}
	ok = n >= 1 && n <= maxBatch && (c == 1 || c == RGB) && h >= 1 && w >= 1 && h <= MaxNPYSide && w <= MaxNPYSide
	return n, c, h, w, ok
}
