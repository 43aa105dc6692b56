//go:build goexperiment.simd

package nn

import "simd/archsimd"

// axpyVector does axpy's y += a·x on WebAssembly vectors of 4 and
// returns how many elements it did.
func axpyVector(y, x []float32, a float32) int {
	b := archsimd.BroadcastFloat32x4(a)
	k := 0
	for ; k+4 <= len(y) && k+4 <= len(x); k += 4 {
		yp := (*[4]float32)(y[k:])
		archsimd.LoadFloat32x4Array(yp).Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(x[k:])))).StoreArray(yp)
	}
	return k
}
