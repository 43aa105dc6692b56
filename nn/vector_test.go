package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"convplayground/conv"
)

// linearBackward (on vectors where the build has them) gives the bits of
// its loop: for each row i and output o with gy[i,o] ≠ 0, gb[o] += g,
// gW[o] += g·x[i], gx[i] += g·W[o] from a cleared gx (whatever gx held);
// on sizes around the vectors' blocks, gW and gb holding earlier sums,
// with infinities, NaNs, zeros of both signs (gy's skipped) and tiny
// values. Any NaN matches any NaN (see TestLinearSameBits).
func TestLinearBackwardSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	odd := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.NaN()), 1e-30, -1e-30}
	val := func(zeros int) float32 {
		switch {
		case r.IntN(zeros) == 0:
			return float32(math.Copysign(0, float64(r.IntN(2)*2-1)))
		case r.IntN(30) == 0:
			return odd[r.IntN(len(odd))]
		}
		return r.Float32()*2 - 1
	}
	ls := &termList{}
	for _, in := range []int{1, 7, 15, 16, 17, 31, 32, 33, 64, 70} {
		out, n := 1+r.IntN(40), 1+r.IntN(5)
		W, x, gy := conv.Zeros(out, in), make([]float32, n*in), make([]float32, n*out)
		gW, gb, gx := conv.Zeros(out, in), conv.Zeros(out), make([]float32, n*in)
		for _, s := range [][]float32{W.Data, x, gW.Data, gb.Data, gx} { // gx is overwritten
			for k := range s {
				s[k] = val(20)
			}
		}
		for k := range gy {
			gy[k] = val(2) // half zeros, as after a ReLU
		}
		wW, wb, wx := slices.Clone(gW.Data), slices.Clone(gb.Data), make([]float32, n*in)
		for i := range n {
			for o, g := range gy[i*out : (i+1)*out] {
				if g == 0 {
					continue
				}
				wb[o] += g
				for k := range in {
					wW[o*in+k] += g * x[i*in+k]
					wx[i*in+k] += g * W.Data[o*in+k]
				}
			}
		}
		linearBackward(gx, gW, gb, gy, x, W, n, ls)
		for name, c := range map[string][2][]float32{"gW": {gW.Data, wW}, "gb": {gb.Data, wb}, "gx": {gx, wx}} {
			for k, got := range c[0] {
				if want := c[1][k]; math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
					t.Fatalf("in %d out %d n %d: %s[%d] = %v, want %v", in, out, n, name, k, got, want)
				}
			}
		}
	}
}

// relu and reluBackward (on vectors where the build has them) give the
// bits of their definitions: x, or +0 where x < 0 (a NaN and −0 kept);
// gy where y > 0, else +0; on lengths around the vector widths, in
// place and not.
func TestReLUSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	odd := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 1e-40, -1e-40}
	val := func() float32 {
		if r.IntN(4) == 0 {
			return odd[r.IntN(len(odd))]
		}
		return r.Float32()*2 - 1
	}
	for n := range 40 {
		x, gy := make([]float32, n), make([]float32, n)
		for k := range x {
			x[k], gy[k] = val(), val()
		}
		fwd, back := make([]float32, n), make([]float32, n)
		for k, v := range x {
			if fwd[k] = v; v < 0 {
				fwd[k] = 0
			}
			if v > 0 {
				back[k] = gy[k]
			}
		}
		y := make([]float32, n)
		relu(y, x)
		gx := make([]float32, n)
		reluBackward(gx, gy, x)
		reluBackward(gy, gy, x) // in place
		for k := range x {
			for _, c := range []struct {
				what      string
				got, want float32
			}{{"relu", y[k], fwd[k]}, {"reluBackward", gx[k], back[k]}, {"reluBackward in place", gy[k], back[k]}} {
				if math.Float32bits(c.got) != math.Float32bits(c.want) {
					t.Fatalf("n=%d: %s[%d] = %v, want %v", n, c.what, k, c.got, c.want)
				}
			}
		}
	}
}

// linear (its first outputs on vectors where the build has them) gives
// the bits of its definition, b[o] + Σ_k x[i,k]·W[o,k] summed in k's
// order, on output counts below, at and past the vectors' blocks, with
// infinities, NaNs and signed zeros, and reuses its workspace. Any NaN
// matches any NaN: which of two NaN operands an addition keeps depends
// on the order Go's compiler gives the commutative operands, in the
// scalar loop too.
func TestLinearSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	odd := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.NaN()), 1e-30}
	val := func() float32 {
		if r.IntN(30) == 0 {
			return odd[r.IntN(len(odd))]
		}
		return r.Float32()*2 - 1
	}
	var wt []float32
	for _, out := range []int{1, 10, 15, 16, 17, 32, 33, 70, 128} {
		in, n := 1+r.IntN(40), 1+r.IntN(4)
		W, b, x := conv.Zeros(out, in), conv.Zeros(out), make([]float32, n*in)
		for _, s := range [][]float32{W.Data, b.Data, x} {
			for k := range s {
				s[k] = val()
			}
		}
		y := make([]float32, n*out)
		wt = linear(y, x, W, b, n, wt)
		for i := range n {
			for o := range out {
				var a float32
				for k := range in {
					a += x[i*in+k] * W.Data[o*in+k]
				}
				want, got := a+b.Data[o], y[i*out+o]
				if math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
					t.Fatalf("out %d: y[%d, %d] = %v, want %v", out, i, o, got, want)
				}
			}
		}
	}
}

// Adam's step (on vectors where the build has them) gives the bits of its
// loop in torch's order, on lengths around the vector widths, at several
// steps and learning rates, with zero, tiny and large gradients.
func TestAdamSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	odd := []float32{0, float32(math.Copysign(0, -1)), 1e-30, -1e-38, 3e4, -1e-20}
	for n := range 40 {
		for _, lr := range []float64{1e-3, 3e-3} {
			s := &Sequential{Layers: []Layer{linearOn(conv.Zeros(1, n), nil, true)}}
			a, err := NewAdam(s, lr)
			if err != nil {
				t.Fatal(err)
			}
			p := s.Params()[0]
			w, g := p.Value.Data, p.Grad.Data
			for k := range w {
				w[k] = r.Float32()*2 - 1
			}
			m, v, want := make([]float32, n), make([]float32, n), slices.Clone(w)
			for step := 1; step <= 4; step++ {
				for k := range g {
					g[k] = (r.Float32()*2 - 1) / 10
					if r.IntN(4) == 0 {
						g[k] = odd[r.IntN(len(odd))]
					}
				}
				a.Step()
				stepSize := float32(lr / (1 - math.Pow(0.9, float64(step))))
				c2 := float32(math.Sqrt(1 - math.Pow(0.999, float64(step))))
				b1, b2, eps := float32(0.9), float32(0.999), float32(1e-8)
				for k, gk := range g {
					m[k] = m[k]*b1 + (1-b1)*gk
					v[k] = v[k]*b2 + (1-b2)*gk*gk
					want[k] += -stepSize * (m[k] / (float32(math.Sqrt(float64(v[k])))/c2 + eps))
				}
				for k := range w {
					if math.Float32bits(w[k]) != math.Float32bits(want[k]) || a.m[0][k] != m[k] || a.v[0][k] != v[k] {
						t.Fatalf("n=%d lr %v step %d: w[%d] = %v, want %v (m %v/%v, v %v/%v)", n, lr, step, k, w[k], want[k], a.m[0][k], m[k], a.v[0][k], v[k])
					}
				}
			}
		}
	}
}
