package nn

import (
	"math"

	"convplayground/conv"
)

// linear is nn.Linear on a batch of n rows: y[i,o] = b[o] + Σ_k x[i,k]·W[o,k],
// W of shape [out, in]. Four outputs per pass share each load of x.
func linear(y, x []float32, W, b *conv.Tensor, n int) {
	out, in := W.Shape[0], W.Shape[1]
	bias := b.Data
	for i := 0; i < n; i++ {
		xi := x[i*in : (i+1)*in]
		yi := y[i*out : (i+1)*out]
		o := 0
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
}

// linearBackward writes gx = gy·W (gx nil: not needed) and adds gyᵀ·x into
// gW and Σ_i gy[i] into gb (nil without bias) for linear, given its input x
// and the gradient gy of its output.
func linearBackward(gx []float32, gW, gb *conv.Tensor, gy, x []float32, W *conv.Tensor, n int) {
	out, in := W.Shape[0], W.Shape[1]
	clear(gx)
	for i := 0; i < n; i++ {
		xi := x[i*in : (i+1)*in]
		for o, g := range gy[i*out : (i+1)*out] {
			if g == 0 {
				continue // common after a ReLU: nothing flows
			}
			if gb != nil {
				gb.Data[o] += g
			}
			axpy(gW.Data[o*in:(o+1)*in], xi, g)
			if gx != nil {
				axpy(gx[i*in:(i+1)*in], W.Data[o*in:(o+1)*in], g)
			}
		}
	}
}

// axpy: y += a·x.
func axpy(y, x []float32, a float32) {
	x = x[:len(y)]
	for k, v := range x {
		y[k] += a * v
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
