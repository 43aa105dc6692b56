//go:build goexperiment.simd && (wasm || amd64)

package conv

// gy's zeros. In training, the gradient reaching a convolution through
// MaxPool2d is zero at three pixels of every four (only a window's
// maximum gets one) and ReLU zeroes more, so the vector input gradient
// scatters only gy's non-zero values. Skipping a zero changes no bit
// where every factor it would meet is finite: its product is ±0, and a
// sum that starts at +0 is never −0, so adding ±0 leaves it as it is
// (a NaN too). An Inf or NaN factor (0·Inf is NaN) keeps every value.

// gyList is one plane of gy as a list: its values and, beside each, an
// offset the caller gives the value's pixel.
type gyList struct {
	at []int
	g  []float32
}

// newGyList makes room for a plane of npix pixels.
func newGyList(npix int) gyList {
	return gyList{at: make([]int, 0, npix), g: make([]float32, 0, npix)}
}

// fill lists the plane gy (oh rows of ow values) in pixel order, the
// pixel (oy, ox) at offset oy·ys + ox·xs, leaving out the zeros when
// skip is set.
func (l *gyList) fill(gy []float32, oh, ow, ys, xs int, skip bool) {
	l.at, l.g = l.at[:0], l.g[:0]
	for oy := range oh {
		for ox, g := range gy[oy*ow : (oy+1)*ow] {
			if g != 0 || !skip {
				l.at = append(l.at, oy*ys+ox*xs)
				l.g = append(l.g, g)
			}
		}
	}
}

// allFinite reports whether v holds no ±Inf and no NaN.
func allFinite(v []float32) bool {
	for _, x := range v {
		if x-x != 0 {
			return false
		}
	}
	return true
}
