//go:build goexperiment.simd

package nn

import "simd/archsimd"

// The vector loops of nn's element-wise kernels (GOEXPERIMENT=simd,
// WebAssembly vectors of 4): see vector_amd64.go.

// linearBlock is linearVector's outputs per pass.
const linearBlock = 16

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

// linearVector computes y[i, o] = b[o] + Σ_k x[i, k]·W[o, k] (see linear)
// for the outputs o < len(wt)/in, 16 at a time: 4 vectors of sums,
// each x value broadcast times Wᵀ's row k of the outputs (wt).
func linearVector(y, x, wt, bias []float32, n, in, out int) {
	o0 := len(wt) / in
	for i := range n {
		xi, yi := x[i*in:][:in], y[i*out:][:out]
		for o := 0; o+16 <= o0; o += 16 {
			var a0, a1, a2, a3 archsimd.Float32x4
			w := wt[o:]
			for k, v := range xi {
				p := (*[16]float32)(w[k*o0:])
				b := archsimd.BroadcastFloat32x4(v)
				a0 = a0.Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(p[0:]))))
				a1 = a1.Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(p[4:]))))
				a2 = a2.Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(p[8:]))))
				a3 = a3.Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(p[12:]))))
			}
			bp, yp := (*[16]float32)(bias[o:]), (*[16]float32)(yi[o:])
			a0.Add(archsimd.LoadFloat32x4Array((*[4]float32)(bp[0:]))).StoreArray((*[4]float32)(yp[0:]))
			a1.Add(archsimd.LoadFloat32x4Array((*[4]float32)(bp[4:]))).StoreArray((*[4]float32)(yp[4:]))
			a2.Add(archsimd.LoadFloat32x4Array((*[4]float32)(bp[8:]))).StoreArray((*[4]float32)(yp[8:]))
			a3.Add(archsimd.LoadFloat32x4Array((*[4]float32)(bp[12:]))).StoreArray((*[4]float32)(yp[12:]))
		}
	}
}

// sumsVector does sums' first columns, 16 at a time: 4 vectors of sums
// over the listed terms, each g[j] broadcast.
func sumsVector(dst, src []float32, at []int, g []float32, fresh bool) int {
	g = g[:len(at)]
	k := 0
	for ; k+16 <= len(dst); k += 16 {
		var a0, a1, a2, a3 archsimd.Float32x4
		dp := (*[16]float32)(dst[k:])
		if !fresh {
			a0 = archsimd.LoadFloat32x4Array((*[4]float32)(dp[0:]))
			a1 = archsimd.LoadFloat32x4Array((*[4]float32)(dp[4:]))
			a2 = archsimd.LoadFloat32x4Array((*[4]float32)(dp[8:]))
			a3 = archsimd.LoadFloat32x4Array((*[4]float32)(dp[12:]))
		}
		for j, o := range at {
			sp := (*[16]float32)(src[o+k:])
			b := archsimd.BroadcastFloat32x4(g[j])
			a0 = a0.Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(sp[0:]))))
			a1 = a1.Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(sp[4:]))))
			a2 = a2.Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(sp[8:]))))
			a3 = a3.Add(b.Mul(archsimd.LoadFloat32x4Array((*[4]float32)(sp[12:]))))
		}
		a0.StoreArray((*[4]float32)(dp[0:]))
		a1.StoreArray((*[4]float32)(dp[4:]))
		a2.StoreArray((*[4]float32)(dp[8:]))
		a3.StoreArray((*[4]float32)(dp[12:]))
	}
	return k
}

// pool2BackwardVector: as pool2Vector, every window one by one.
func pool2BackwardVector(r0, r1, g []float32, arg []int32, y0, y1 []float32, base, w int) int {
	return 0
}

// pool2Vector: WebAssembly's vectors have no permutation to take a
// window's taps apart, so pool2 takes every output one by one.
func pool2Vector(out []float32, arg []int32, r0, r1 []float32, base, w int) int { return 0 }

// adamVector does Adam.Step's update of the first elements, 4 at a time,
// with its operations in its order, each rounded to float32 (a float32
// square root is the float64 one rounded: the same bits).
func adamVector(w, m, v, g []float32, c adamConsts) int {
	b1, b2 := archsimd.BroadcastFloat32x4(c.b1), archsimd.BroadcastFloat32x4(c.b2)
	o1, o2 := archsimd.BroadcastFloat32x4(1-c.b1), archsimd.BroadcastFloat32x4(1-c.b2)
	step, c2, eps := archsimd.BroadcastFloat32x4(-c.step), archsimd.BroadcastFloat32x4(c.c2), archsimd.BroadcastFloat32x4(c.eps)
	k := 0
	for ; k+4 <= len(g) && k+4 <= len(w) && k+4 <= len(m) && k+4 <= len(v); k += 4 {
		gk := archsimd.LoadFloat32x4Array((*[4]float32)(g[k:]))
		mp, vp, wp := (*[4]float32)(m[k:]), (*[4]float32)(v[k:]), (*[4]float32)(w[k:])
		mk := archsimd.LoadFloat32x4Array(mp).Mul(b1).Add(o1.Mul(gk))
		vk := archsimd.LoadFloat32x4Array(vp).Mul(b2).Add(o2.Mul(gk).Mul(gk))
		denom := vk.Sqrt().Div(c2).Add(eps)
		archsimd.LoadFloat32x4Array(wp).Add(step.Mul(mk.Div(denom))).StoreArray(wp)
		mk.StoreArray(mp)
		vk.StoreArray(vp)
	}
	return k
}
