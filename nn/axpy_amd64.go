//go:build goexperiment.simd

package nn

import "simd/archsimd"

var haveAVX2 = archsimd.X86.AVX2()

// axpyVector does axpy's y += a·x on AVX2 vectors of 8 (none without
// AVX2) and returns how many elements it did.
func axpyVector(y, x []float32, a float32) int {
	if !haveAVX2 {
		return 0
	}
	b := archsimd.BroadcastFloat32x8(a)
	k := 0
	for ; k+8 <= len(y) && k+8 <= len(x); k += 8 {
		yp := (*[8]float32)(y[k:])
		archsimd.LoadFloat32x8Array(yp).Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(x[k:])))).StoreArray(yp)
	}
	archsimd.ClearAVXUpperBits() // the Go code after this is SSE
	return k
}
