//go:build goexperiment.simd

package nn

import "simd/archsimd"

// The vector loops of nn's element-wise kernels (GOEXPERIMENT=simd, AVX2
// vectors of 8). Each does its loop's first elements with the same
// operations per element, so the same bits (TestAxpySameBits,
// TestReLUSameBits), and returns how many it did; the loop does the rest.

var haveAVX2 = archsimd.X86.AVX2()

// linearBlock is linearVector's outputs per pass; 0: no vectors.
var linearBlock = func() int {
	if haveAVX2 {
		return 32
	}
	return 0
}()

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

// linearVector computes y[i, o] = b[o] + Σ_k x[i, k]·W[o, k] (see linear)
// for the outputs o < len(wt)/in, 32 at a time: 4 vectors of sums,
// each x value broadcast times Wᵀ's row k of the outputs (wt). Two rows
// of x share a pass, and so each load of Wᵀ, which is larger than the
// L1 cache for fc1 (800×128 values): 8 sums, 4 weights and 2 inputs fill
// amd64's 15 vector registers.
func linearVector(y, x, wt, bias []float32, n, in, out int) {
	i := 0
	for ; i+2 <= n; i += 2 {
		linearRows2(y[i*out:][:2*out], x[i*in:][:2*in], wt, bias, in, out)
	}
	if i < n {
		linearRow(y[i*out:][:out], x[i*in:][:in], wt, bias)
	}
	archsimd.ClearAVXUpperBits()
}

// linearRow is linearVector for one row of x.
func linearRow(yi, xi, wt, bias []float32) {
	o0 := len(wt) / len(xi)
	for o := 0; o+32 <= o0; o += 32 {
		var a0, a1, a2, a3 archsimd.Float32x8
		w := wt[o:]
		for k, v := range xi {
			p := (*[32]float32)(w[k*o0:])
			b := archsimd.BroadcastFloat32x8(v)
			a0 = a0.Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(p[0:]))))
			a1 = a1.Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(p[8:]))))
			a2 = a2.Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(p[16:]))))
			a3 = a3.Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(p[24:]))))
		}
		linearStore(yi[o:], bias[o:], a0, a1, a2, a3)
	}
}

// linearRows2 is linearVector for two rows of x.
func linearRows2(y, x, wt, bias []float32, in, out int) {
	o0 := len(wt) / in
	x0, x1 := x[:in], x[in:][:in]
	for o := 0; o+32 <= o0; o += 32 {
		var a0, a1, a2, a3, c0, c1, c2, c3 archsimd.Float32x8
		w := wt[o:]
		for k, v := range x0 {
			p := (*[32]float32)(w[k*o0:])
			w0 := archsimd.LoadFloat32x8Array((*[8]float32)(p[0:]))
			w1 := archsimd.LoadFloat32x8Array((*[8]float32)(p[8:]))
			w2 := archsimd.LoadFloat32x8Array((*[8]float32)(p[16:]))
			w3 := archsimd.LoadFloat32x8Array((*[8]float32)(p[24:]))
			b := archsimd.BroadcastFloat32x8(v)
			a0 = a0.Add(b.Mul(w0))
			a1 = a1.Add(b.Mul(w1))
			a2 = a2.Add(b.Mul(w2))
			a3 = a3.Add(b.Mul(w3))
			b = archsimd.BroadcastFloat32x8(x1[k])
			c0 = c0.Add(b.Mul(w0))
			c1 = c1.Add(b.Mul(w1))
			c2 = c2.Add(b.Mul(w2))
			c3 = c3.Add(b.Mul(w3))
		}
		linearStore(y[o:], bias[o:], a0, a1, a2, a3)
		linearStore(y[out+o:], bias[o:], c0, c1, c2, c3)
	}
}

// linearStore writes 32 outputs: the sums plus their biases.
func linearStore(y, bias []float32, a0, a1, a2, a3 archsimd.Float32x8) {
	bp, yp := (*[32]float32)(bias), (*[32]float32)(y)
	a0.Add(archsimd.LoadFloat32x8Array((*[8]float32)(bp[0:]))).StoreArray((*[8]float32)(yp[0:]))
	a1.Add(archsimd.LoadFloat32x8Array((*[8]float32)(bp[8:]))).StoreArray((*[8]float32)(yp[8:]))
	a2.Add(archsimd.LoadFloat32x8Array((*[8]float32)(bp[16:]))).StoreArray((*[8]float32)(yp[16:]))
	a3.Add(archsimd.LoadFloat32x8Array((*[8]float32)(bp[24:]))).StoreArray((*[8]float32)(yp[24:]))
}

// sumsVector does sums' first columns, 32 at a time: 4 vectors of sums in
// registers over the listed terms, each g[j] broadcast.
func sumsVector(dst, src []float32, at []int, g []float32, fresh bool) int {
	if !haveAVX2 {
		return 0
	}
	g = g[:len(at)]
	k := 0
	for ; k+32 <= len(dst); k += 32 {
		var a0, a1, a2, a3 archsimd.Float32x8
		dp := (*[32]float32)(dst[k:])
		if !fresh {
			a0 = archsimd.LoadFloat32x8Array((*[8]float32)(dp[0:]))
			a1 = archsimd.LoadFloat32x8Array((*[8]float32)(dp[8:]))
			a2 = archsimd.LoadFloat32x8Array((*[8]float32)(dp[16:]))
			a3 = archsimd.LoadFloat32x8Array((*[8]float32)(dp[24:]))
		}
		for j, o := range at {
			sp := (*[32]float32)(src[o+k:])
			b := archsimd.BroadcastFloat32x8(g[j])
			a0 = a0.Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(sp[0:]))))
			a1 = a1.Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(sp[8:]))))
			a2 = a2.Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(sp[16:]))))
			a3 = a3.Add(b.Mul(archsimd.LoadFloat32x8Array((*[8]float32)(sp[24:]))))
		}
		a0.StoreArray((*[8]float32)(dp[0:]))
		a1.StoreArray((*[8]float32)(dp[8:]))
		a2.StoreArray((*[8]float32)(dp[16:]))
		a3.StoreArray((*[8]float32)(dp[24:]))
	}
	archsimd.ClearAVXUpperBits()
	return k
}

// poolIdx are the pooling kernels' constant vectors, loaded from memory
// that no store has just written: an array literal in the function is
// written to the stack a value at a time, and a vector load of it waits
// for the stores (a store cannot forward to a wider load).
var poolIdx = struct {
	split, unsplit [8]uint32
	cols           [8]int32
}{
	split:   [8]uint32{0, 2, 4, 6, 1, 3, 5, 7}, // the even columns, then the odd ones
	unsplit: [8]uint32{0, 4, 1, 5, 2, 6, 3, 7}, // split's inverse
	cols:    [8]int32{0, 2, 4, 6, 8, 10, 12, 14},
}

// pool2Vector does pool2's outputs of one row (rows r0 and r1 of the
// input, base the window's first tap's index in its plane) 8 at a time,
// a last pass overlapping the one before (the same results again): each
// lane takes pool2's comparisons in its order, so the same maxima and
// taps. The taps come apart by a permutation: r0's even columns, its odd
// columns, and r1's.
func pool2Vector(out []float32, arg []int32, r0, r1 []float32, base, w int) int {
	ow := len(out)
	if !haveAVX2 || ow < 8 || len(r0) < 2*ow || len(r1) < 2*ow || len(arg) < ow {
		return 0
	}
	split := archsimd.LoadUint32x8Array(&poolIdx.split)
	cols := archsimd.LoadInt32x8Array(&poolIdx.cols)
	one, down := archsimd.BroadcastInt32x8(1), archsimd.BroadcastInt32x8(int32(w))
	for k := 0; k < ow; k += 8 {
		k = min(k, ow-8)
		// The windows' taps in scan order: t0, t1 from r0, t2, t3 from r1.
		lo := archsimd.LoadFloat32x8Array((*[8]float32)(r0[2*k:])).Permute(split)
		hi := archsimd.LoadFloat32x8Array((*[8]float32)(r0[2*k+8:])).Permute(split)
		t0, t1 := lo.SetHi(hi.GetLo()), hi.SetLo(lo.GetHi())
		lo = archsimd.LoadFloat32x8Array((*[8]float32)(r1[2*k:])).Permute(split)
		hi = archsimd.LoadFloat32x8Array((*[8]float32)(r1[2*k+8:])).Permute(split)
		t2, t3 := lo.SetHi(hi.GetLo()), hi.SetLo(lo.GetHi())
		b0 := archsimd.BroadcastInt32x8(int32(base + 2*k)).Add(cols)
		b2 := b0.Add(down)
		v, b := t0, b0
		m := t1.Greater(v).Or(t1.IsNaN())
		v, b = t1.IfElse(m, v), b0.Add(one).IfElse(m, b)
		m = t2.Greater(v).Or(t2.IsNaN())
		v, b = t2.IfElse(m, v), b2.IfElse(m, b)
		m = t3.Greater(v).Or(t3.IsNaN())
		v, b = t3.IfElse(m, v), b2.Add(one).IfElse(m, b)
		v.StoreArray((*[8]float32)(out[k:]))
		b.StoreArray((*[8]int32)(arg[k:]))
	}
	archsimd.ClearAVXUpperBits()
	return ow
}

// pool2BackwardVector does pool2Backward's windows of one row (its
// gradients g and taps arg; rows r0 and r1 of gx, base the window's first
// tap's index in its plane) 8 at a time, a last pass overlapping the one
// before (the same values again): each tap's lane holds g + 0 where the
// window's maximum is that tap, else +0, and split's inverse puts the
// taps back in columns; with y0 and y1 (y's rows, see pool2Backward), +0
// too where y is not > 0, as reluBackwardVector does.
func pool2BackwardVector(r0, r1, g []float32, arg []int32, y0, y1 []float32, base, w int) int {
	ow := len(g)
	if !haveAVX2 || ow < 8 || len(r0) < 2*ow || len(r1) < 2*ow || len(arg) < ow || y0 != nil && (len(y0) < 2*ow || len(y1) < 2*ow) {
		return 0
	}
	unsplit := archsimd.LoadUint32x8Array(&poolIdx.unsplit)
	cols := archsimd.LoadInt32x8Array(&poolIdx.cols)
	one, down := archsimd.BroadcastInt32x8(1), archsimd.BroadcastInt32x8(int32(w))
	var zero archsimd.Float32x8
	for k := 0; k < ow; k += 8 {
		k = min(k, ow-8)
		a := archsimd.LoadInt32x8Array((*[8]int32)(arg[k:]))
		v := archsimd.LoadFloat32x8Array((*[8]float32)(g[k:])).Add(zero)
		p0 := archsimd.BroadcastInt32x8(int32(base + 2*k)).Add(cols)
		p1 := p0.Add(down)
		e, o := v.Masked(a.Equal(p0)), v.Masked(a.Equal(p0.Add(one)))
		lo, hi := e.SetHi(o.GetLo()).Permute(unsplit), o.SetLo(e.GetHi()).Permute(unsplit)
		if y0 != nil { // the ReLU's backward: +0 where y is not > 0
			lo = lo.Masked(archsimd.LoadFloat32x8Array((*[8]float32)(y0[2*k:])).Greater(zero))
			hi = hi.Masked(archsimd.LoadFloat32x8Array((*[8]float32)(y0[2*k+8:])).Greater(zero))
		}
		lo.StoreArray((*[8]float32)(r0[2*k:]))
		hi.StoreArray((*[8]float32)(r0[2*k+8:]))
		e, o = v.Masked(a.Equal(p1)), v.Masked(a.Equal(p1.Add(one)))
		lo, hi = e.SetHi(o.GetLo()).Permute(unsplit), o.SetLo(e.GetHi()).Permute(unsplit)
		if y0 != nil {
			lo = lo.Masked(archsimd.LoadFloat32x8Array((*[8]float32)(y1[2*k:])).Greater(zero))
			hi = hi.Masked(archsimd.LoadFloat32x8Array((*[8]float32)(y1[2*k+8:])).Greater(zero))
		}
		lo.StoreArray((*[8]float32)(r1[2*k:]))
		hi.StoreArray((*[8]float32)(r1[2*k+8:]))
	}
	archsimd.ClearAVXUpperBits()
	return ow
}

// adamVector does Adam.Step's update of the first elements, 8 at a time,
// with its operations in its order, each rounded to float32 (a float32
// square root is the float64 one rounded: the same bits).
func adamVector(w, m, v, g []float32, c adamConsts) int {
	if !haveAVX2 {
		return 0
	}
	b1, b2 := archsimd.BroadcastFloat32x8(c.b1), archsimd.BroadcastFloat32x8(c.b2)
	o1, o2 := archsimd.BroadcastFloat32x8(1-c.b1), archsimd.BroadcastFloat32x8(1-c.b2)
	step, c2, eps := archsimd.BroadcastFloat32x8(-c.step), archsimd.BroadcastFloat32x8(c.c2), archsimd.BroadcastFloat32x8(c.eps)
	k := 0
	for ; k+8 <= len(g) && k+8 <= len(w) && k+8 <= len(m) && k+8 <= len(v); k += 8 {
		gk := archsimd.LoadFloat32x8Array((*[8]float32)(g[k:]))
		mp, vp, wp := (*[8]float32)(m[k:]), (*[8]float32)(v[k:]), (*[8]float32)(w[k:])
		mk := archsimd.LoadFloat32x8Array(mp).Mul(b1).Add(o1.Mul(gk))
		vk := archsimd.LoadFloat32x8Array(vp).Mul(b2).Add(o2.Mul(gk).Mul(gk))
		denom := vk.Sqrt().Div(c2).Add(eps)
		archsimd.LoadFloat32x8Array(wp).Add(step.Mul(mk.Div(denom))).StoreArray(wp)
		mk.StoreArray(mp)
		vk.StoreArray(vp)
	}
	archsimd.ClearAVXUpperBits()
	return k
}
