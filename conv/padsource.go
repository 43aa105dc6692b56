package conv

// PadSource maps coordinate i of one axis of a padded input (relative to
// the input's origin: i < 0 and i >= n are the padding) to the input
// coordinate F.pad copies there: i itself inside [0, n); for the padding,
// reflect mirrors without repeating the edge (−1 reads 1), replicate
// repeats the edge (−1 reads 0), circular wraps (−1 reads n−1). ok is false
// where nothing is read: zero padding (mode "zeros" or ""), an empty axis
// (n ≤ 0), or a reflection that lands outside the input (a padding of n or
// more, which PyTorch refuses, or the taps of a negative dilation, which it
// lets through on an empty batch).
func PadSource(i, n int, mode PaddingMode) (int, bool) {
	if i >= 0 && i < n {
		return i, true
	}
	if n <= 0 {
		return 0, false
	}
	var j int
	switch mode {
	case ReflectMode:
		j = -i
		if i >= n {
			j = 2*(n-1) - i
		}
	case ReplicateMode:
		j = min(max(i, 0), n-1)
	case CircularMode:
		j = ((i % n) + n) % n
	default:
		return 0, false
	}
	return j, j >= 0 && j < n
}
