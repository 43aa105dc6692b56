package picture

import "convplayground/nn"

// ResizeDigit writes a side×side greyscale image (bytes, an MNIST digit)
// as h×w values byte/255, area averaged (nn.BoxTaps) when the size
// differs: what the batch shows next to a photo or a tensor of another
// size.
func ResizeDigit(dst []float32, px []byte, side, h, w int) {
	if h == side && w == side { // exactly as a picked digit loads
		for i, p := range px {
			dst[i] = float32(p) / 255
		}
		return
	}
	rows, cols := nn.BoxTaps(side, h), nn.BoxTaps(side, w)
	for y, ty := range rows {
		for x, tx := range cols {
			var acc float64
			for _, a := range ty {
				for _, b := range tx {
					acc += a.W * b.W * float64(px[a.I*side+b.I])
				}
			}
			dst[y*w+x] = float32(acc / 255)
		}
	}
}
