//go:build goexperiment.simd && (wasm || amd64)

package conv

import "simd/archsimd"

// rangeVectors gives the range of v's first n values, n a multiple of 8,
// when they are all finite; else n = 0 and FiniteRange counts them one by
// one. Float32x4 on both GOARCHes, 2 vectors a pass: few enough live
// vectors that amd64 spills none (its spills are SSE moves, slow beside
// the AVX code).
func rangeVectors(v []float32) (n int, lo, hi float32) {
	n = len(v) &^ 7
	if !haveVectors || n == 0 {
		return 0, noRange[0], noRange[1]
	}
	load := func(i int) archsimd.Float32x4 { return archsimd.LoadFloat32x4Array((*[4]float32)(v[i:])) }
	l0, h0 := load(0), load(0)
	l1, h1 := l0, h0
	var z archsimd.Float32x4 // stays 0 while x − x is: NaN from the first ±Inf or NaN
	for i := 0; i < n; i += 8 {
		x0, x1 := load(i), load(i+4)
		l0, l1, h0, h1 = l0.Min(x0), l1.Min(x1), h0.Max(x0), h1.Max(x1)
		z = z.Add(x0.Sub(x0).Add(x1.Sub(x1)))
	}
	l, h := l0.Min(l1), h0.Max(h1)
	lo, hi = noRange[0], noRange[1]
	for j := range uint8(4) {
		if z.GetElem(j) != 0 {
			return 0, noRange[0], noRange[1]
		}
		lo, hi = min(lo, l.GetElem(j)), max(hi, h.GetElem(j))
	}
	return n, lo, hi
}
