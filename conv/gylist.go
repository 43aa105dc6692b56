//go:build goexperiment.simd && amd64

package conv

import "math"

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
	offs []int // each pixel's offset
	at   []int
	g    []float32
}

// newGyList makes the list of a plane of oh rows of ow pixels, the pixel
// (oy, ox) at offset oy·ys + ox·xs.
func newGyList(oh, ow, ys, xs int) gyList {
	l := gyList{offs: make([]int, 0, oh*ow), at: make([]int, oh*ow), g: make([]float32, oh*ow)}
	for oy := range oh {
		for ox := range ow {
			l.offs = append(l.offs, oy*ys+ox*xs)
		}
	}
	return l
}

// fill lists the plane gy in pixel order, leaving out the zeros when skip
// is set. Every value is written and a zero's slot reused, and the count
// takes no branch: one per value would be mispredicted at random.
func (l *gyList) fill(gy []float32, skip bool) {
	keep := uint32(0) // 1: keep the zeros
	if !skip {
		keep = 1
	}
	at, g := l.at[:len(l.offs)], l.g[:len(l.offs)]
	gy = gy[:len(l.offs)]
	n := 0
	for i, o := range l.offs {
		v := gy[i]
		at[n], g[n] = o, v
		mag := math.Float32bits(v) &^ (1 << 31) // 0 for ±0 only
		n += int((mag+(1<<31-1))>>31 | keep)    // 1 unless v is ±0 (and zeros are skipped)
	}
	l.at, l.g = at[:n], g[:n]
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
