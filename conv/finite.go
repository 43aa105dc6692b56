package conv

import "math"

// FiniteRange counts the values of v that are ±Inf or NaN and gives the
// range of the others (lo > hi when there are none; a zero comes back as
// +0, whichever zeros v holds). The feature maps' colour scale spans the
// finite values of a result that overflowed float32. Under
// GOEXPERIMENT=simd it takes vectors while every value is finite: a
// browser's 256x192 camera frame gives 400,000 values a frame.
func FiniteRange(v []float32) (nonFinite int, lo, hi float32) {
	n, lo, hi := rangeVectors(v)
	for _, x := range v[n:] {
		if x-x != 0 { // ±Inf or NaN; plain comparisons below (min and max order NaNs, slowly)
			nonFinite++
			continue
		}
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	return nonFinite, lo + 0, hi + 0 // −0 + 0 is +0
}

// noRange is the range of no values.
var noRange = [2]float32{float32(math.Inf(1)), float32(math.Inf(-1))}
