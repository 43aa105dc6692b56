//go:build goexperiment.simd && amd64

package conv

import (
	"math"
	"math/bits"
	"simd/archsimd"
)

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
	offs []int32 // each pixel's offset
	at   []int32
	g    []float32
}

// newGyList makes the list of a plane of oh rows of ow pixels, the pixel
// (oy, ox) at offset oy·ys + ox·xs (less than MaxElements: an int32).
func newGyList(oh, ow, ys, xs int) gyList {
	// fill's vectors write 8 values past the list's end at most.
	l := gyList{offs: make([]int32, 0, oh*ow), at: make([]int32, oh*ow+8), g: make([]float32, oh*ow+8)}
	for oy := range oh {
		for ox := range ow {
			l.offs = append(l.offs, int32(oy*ys+ox*xs))
		}
	}
	return l
}

// fill lists the plane gy in pixel order, leaving out the zeros when skip
// is set: 8 values at a time, the kept ones moved to the front of the
// vector by a permutation (compressIdx) and the whole vector stored where
// the list ends, which then grows by their count; the rest one by one,
// without a branch (one per value would be mispredicted at random).
func (l *gyList) fill(gy []float32, skip bool) {
	npix := len(l.offs)
	at, g := l.at[:npix+8], l.g[:npix+8]
	gy = gy[:npix]
	keepAll := uint8(0) // 0xff: keep the zeros
	if !skip {
		keepAll = 0xff
	}
	var zero archsimd.Float32x8
	n, i := 0, 0
	for ; i+8 <= npix; i += 8 {
		v := archsimd.LoadFloat32x8Array((*[8]float32)(gy[i:]))
		keep := ^v.Equal(zero).ToBits() | keepAll // a NaN is not equal to 0: kept
		idx := archsimd.LoadUint32x8Array(&compressIdx[keep])
		v.Permute(idx).StoreArray((*[8]float32)(g[n:]))
		archsimd.LoadInt32x8Array((*[8]int32)(l.offs[i:])).Permute(idx).StoreArray((*[8]int32)(at[n:]))
		n += bits.OnesCount8(keep)
	}
	archsimd.ClearAVXUpperBits()
	for ; i < npix; i++ {
		v := gy[i]
		at[n], g[n] = l.offs[i], v
		mag := math.Float32bits(v) &^ (1 << 31)           // 0 for ±0 only
		n += int((mag+(1<<31-1))>>31 | uint32(keepAll&1)) // 1 unless v is ±0 (and zeros are skipped)
	}
	l.at, l.g = at[:n], g[:n]
}

// compressIdx[m] lists the lanes set in m, then zeros: the permutation
// that moves them to the front of a vector.
var compressIdx = func() (t [256][8]uint32) {
	for m := range t {
		j := 0
		for lane := range uint32(8) {
			if m>>lane&1 == 1 {
				t[m][j] = lane
				j++
			}
		}
	}
	return t
}()

// nonZeros counts the values of v that are not ±0 (a NaN counts), 8 at a
// time on vectors.
func nonZeros(v []float32) int {
	var zero archsimd.Float32x8
	n, i := 0, 0
	for ; i+8 <= len(v); i += 8 {
		n += bits.OnesCount8(^archsimd.LoadFloat32x8Array((*[8]float32)(v[i:])).Equal(zero).ToBits())
	}
	archsimd.ClearAVXUpperBits()
	for _, x := range v[i:] {
		if x != 0 || x != x {
			n++
		}
	}
	return n
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
