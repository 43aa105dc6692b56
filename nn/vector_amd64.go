//go:build goexperiment.simd

package nn

import "simd/archsimd"

// The vector loops of nn's element-wise kernels (GOEXPERIMENT=simd, AVX2
// vectors of 8). Each does its loop's first elements with the same
// operations per element, so the same bits (TestAxpySameBits,
// TestReLUSameBits), and returns how many it did; the loop does the rest.

var haveAVX2 = archsimd.X86.AVX2()

// axpyVector: y += a·x.
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

// reluVector: dst = x, or +0 where x < 0.
func reluVector(dst, x []float32) int {
	if !haveAVX2 {
		return 0
	}
	var zero archsimd.Float32x8
	k := 0
	for ; k+8 <= len(dst) && k+8 <= len(x); k += 8 {
		v := archsimd.LoadFloat32x8Array((*[8]float32)(x[k:]))
		zero.IfElse(v.Less(zero), v).StoreArray((*[8]float32)(dst[k:]))
	}
	archsimd.ClearAVXUpperBits()
	return k
}

// reluBackwardVector: gx = gy where y > 0, else +0.
func reluBackwardVector(gx, gy, y []float32) int {
	if !haveAVX2 {
		return 0
	}
	var zero archsimd.Float32x8
	k := 0
	for ; k+8 <= len(gx) && k+8 <= len(gy) && k+8 <= len(y); k += 8 {
		g := archsimd.LoadFloat32x8Array((*[8]float32)(gy[k:]))
		g.Masked(archsimd.LoadFloat32x8Array((*[8]float32)(y[k:])).Greater(zero)).StoreArray((*[8]float32)(gx[k:]))
	}
	archsimd.ClearAVXUpperBits()
	return k
}
