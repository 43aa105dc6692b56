package nn

import (
	"math"

	"convplayground/conv"
)

// linear is nn.Linear on a batch of n rows: y[i,o] = b[o] + Σ_k x[i,k]·W[o,k],
// W of shape [out, in]. The first outputs, linearBlock at a time, go on
// vectors (linearVector, lanes across outputs: the same sums in the same
// order) from wt, Wᵀ's columns for them, packed here into the workspace wt
// (grown when short, and returned); the others take the loop, four
// outputs per pass sharing each load of x.
func linear(y, x []float32, W, b *conv.Tensor, n int, wt []float32) []float32 {
	out, in := W.Shape[0], W.Shape[1]
	bias := b.Data
	o0 := 0
	if linearBlock > 0 {
		o0 = out / linearBlock * linearBlock
	}
	if o0 > 0 {
		if len(wt) < in*o0 {
			wt = make([]float32, in*o0)
		}
		// Eight rows of W at a time: each k then writes 8 adjacent values
		// of wt (a row of W at a time wrote one value per cache line).
		for ob := 0; ob < o0; ob += 8 {
			for k := range in {
				for o := ob; o < min(ob+8, o0); o++ {
					wt[k*o0+o] = W.Data[o*in+k]
				}
			}
		}
		linearVector(y, x, wt[:in*o0], bias, n, in, out)
	}
	for i := 0; i < n; i++ {
		xi := x[i*in : (i+1)*in]
		yi := y[i*out : (i+1)*out]
		o := o0
		for ; o+4 <= out; o += 4 {
			w0, w1, w2, w3 := W.Data[o*in:(o+1)*in], W.Data[(o+1)*in:(o+2)*in], W.Data[(o+2)*in:(o+3)*in], W.Data[(o+3)*in:(o+4)*in]
			var a0, a1, a2, a3 float32
			for k, v := range xi {
				a0 += v * w0[k]
				a1 += v * w1[k]
				a2 += v * w2[k]
				a3 += v * w3[k]
			}
			yi[o], yi[o+1], yi[o+2], yi[o+3] = a0+bias[o], a1+bias[o+1], a2+bias[o+2], a3+bias[o+3]
		}
		for ; o < out; o++ {
			var a float32
			for k, v := range W.Data[o*in : (o+1)*in] {
				a += v * xi[k]
			}
			yi[o] = a + bias[o]
		}
	}
	return wt
}

// linearBackward writes gx = gy·W (gx nil: not needed) and adds gyᵀ·x into
// gW and Σ_i gy[i] into gb (nil without bias) for linear, given its input x
// and n rows. Each sum takes its terms in the order of the loop "for each
// row i, for each output o with gy[i,o] ≠ 0 (after a ReLU, often zero:
// nothing flows), add gy[i,o]·x[i] to gW[o] and gy[i,o]·W[o] to gx[i]"
// (gW[o] over the rows, gx[i] over the outputs), but in registers: the
// terms of a column of gy (for gW) or of a row (for gx) are listed (ls,
// the workspace) and summed column by column of x or W, on vectors as far
// as sumsVector goes (the same bits, TestLinearBackwardSameBits).
func linearBackward(gx []float32, gW, gb *conv.Tensor, gy, x []float32, W *conv.Tensor, n int, ls *termList) {
	out, in := W.Shape[0], W.Shape[1]
	if gb != nil {
		for i := range n {
			for o, g := range gy[i*out : (i+1)*out] {
				if g != 0 {
					gb.Data[o] += g
				}
			}
		}
	}
	for o := range out {
		ls.fill(gy[o:], n, out, in) // column o: the rows i, at x[i]
		sums(gW.Data[o*in:(o+1)*in], x, ls, false)
	}
	if gx == nil {
		return
	}
	for i := range n {
		ls.fill(gy[i*out:], out, 1, in) // row i: the outputs o, at W[o]
		sums(gx[i*in:(i+1)*in], W.Data, ls, true)
	}
}

// termList lists the non-zero values of a row or column of gy, each with
// the offset of the row of x or W it multiplies.
type termList struct {
	at []int
	g  []float32
}

// fill lists the non-zero values among gy[j·stride] (j < n), at j·scale.
func (l *termList) fill(gy []float32, n, stride, scale int) {
	l.at, l.g = l.at[:0], l.g[:0]
	for j := range n {
		if g := gy[j*stride]; g != 0 {
			l.at = append(l.at, j*scale)
			l.g = append(l.g, g)
		}
	}
}

// sums adds to each dst[k] (from +0 when fresh) the listed terms
// g[j]·src[at[j] + k] in their order.
func sums(dst, src []float32, l *termList, fresh bool) {
	for k := sumsVector(dst, src, l.at, l.g, fresh); k < len(dst); k++ {
		s := dst[k]
		if fresh {
			s = 0
		}
		for j, o := range l.at {
			s += l.g[j] * src[o+k]
		}
		dst[k] = s
	}
}

// softmax of each row of 10 logits, shifted by the row's maximum for range.
func softmax(p, logits []float32) {
	for i := 0; i+Classes <= len(logits); i += Classes {
		l, q := logits[i:i+Classes], p[i:i+Classes]
		m := l[0]
		for _, v := range l {
			m = max(m, v)
		}
		var s float64
		for k, v := range l {
			e := math.Exp(float64(v - m))
			q[k] = float32(e)
			s += e
		}
		for k := range q {
			q[k] = float32(float64(q[k]) / s)
		}
	}
}
