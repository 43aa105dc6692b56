//go:build goexperiment.simd

package nn

import "simd/archsimd"

// The vector loops of nn's element-wise kernels (GOEXPERIMENT=simd,
// WebAssembly vectors of 4): see vector_amd64.go.

// axpyVector: y += a·x.
func axpyVector(y, x []float32, a float32) int {
	b := archsimd.BroadcastFloat32x4(a)
	k := 0
	for ; k+4 <= len(y) && k+4 <= len(x); k += 4 {
		yp := (*[4]float32)(y[k:])
		archsimd.LoadFloat32x4Array(yp).Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(x[k:])))).StoreArray(yp)
	}
	return k
}

// reluVector: dst = x, or +0 where x < 0.
func reluVector(dst, x []float32) int {
	var zero archsimd.Float32x4
	k := 0
	for ; k+4 <= len(dst) && k+4 <= len(x); k += 4 {
		v := archsimd.LoadFloat32x4Array((*[4]float32)(x[k:]))
		zero.IfElse(v.Less(zero), v).StoreArray((*[4]float32)(dst[k:]))
	}
	return k
}

// reluBackwardVector: gx = gy where y > 0, else +0.
func reluBackwardVector(gx, gy, y []float32) int {
	var zero archsimd.Float32x4
	k := 0
	for ; k+4 <= len(gx) && k+4 <= len(gy) && k+4 <= len(y); k += 4 {
		g := archsimd.LoadFloat32x4Array((*[4]float32)(gy[k:]))
		g.Masked(archsimd.LoadFloat32x4Array((*[4]float32)(y[k:])).Greater(zero)).StoreArray((*[4]float32)(gx[k:]))
	}
	return k
}
