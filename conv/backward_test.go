package conv

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func gradRand(r *rand.Rand, shape ...int) *Tensor {
	t := Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = float32(r.NormFloat64())
	}
	return t
}

// lossRef is L = Σ out·gy with out from the plain reference loop (float64
// accumulation). L is linear in each of x, w and b, so a central difference
// is exact up to rounding whatever the step: the check below is sharp.
func lossRef(c Conv2d, x, w, b, gy *Tensor) float64 {
	out := referenceForward(c, x, w, b)
	var s float64
	for i, v := range out.Data {
		s += float64(v) * float64(gy.Data[i])
	}
	return s
}

// numCheck compares grad with the central-difference gradient of loss with
// respect to t, on every element of small tensors and on 40 random ones of
// larger tensors (the reference loop is slow, above all under wasm).
func numCheck(t *testing.T, what string, r *rand.Rand, p *Tensor, grad []float32, loss func() float64) {
	t.Helper()
	const eps = 0.5
	idx := make([]int, len(p.Data))
	for i := range idx {
		idx[i] = i
	}
	if len(idx) > 40 {
		r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		idx = idx[:40]
	}
	for _, i := range idx {
		v := p.Data[i]
		p.Data[i] = v + eps
		lp := loss()
		p.Data[i] = v - eps
		lm := loss()
		p.Data[i] = v
		want := (lp - lm) / (2 * eps)
		if d := math.Abs(float64(grad[i]) - want); d > 1e-4*max(1, math.Abs(want)) || math.IsNaN(d) {
			t.Fatalf("%s[%d] = %g, finite difference %g", what, i, grad[i], want)
		}
	}
}

func closeTo(t *testing.T, what string, got []float32, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if d := math.Abs(float64(got[i]) - want[i]); d > tol*max(1, math.Abs(want[i])) || math.IsNaN(d) {
			t.Fatalf("%s[%d] = %g, want %g", what, i, got[i], want[i])
		}
	}
}

// gradCases covers every setting Forward supports: padding numbers, same and
// valid, the four padding modes, strides, dilation, groups, bias on and off,
// non-square inputs and kernels, and the kw=5 stride-1 fast paths.
func gradCases() []struct {
	c  Conv2d
	in []int
} {
	conv := func(cin, cout, kh, kw int, mut func(*Conv2d)) Conv2d {
		c := New(cin, cout, 1, 1, 0)
		c.Kernel = [2]int{kh, kw}
		if mut != nil {
			mut(&c)
		}
		return c
	}
	type tc = struct {
		c  Conv2d
		in []int
	}
	cases := []tc{
		{New(1, 4, 5, 1, 2), []int{2, 1, 6, 5}}, // the network's first layer, small
		{New(3, 2, 5, 1, 0), []int{1, 3, 7, 6}}, // the second layer's shape of setting
		{conv(2, 3, 3, 2, func(c *Conv2d) { c.Stride = [2]int{2, 3}; c.Padding = [2]int{1, 2} }), []int{2, 2, 7, 8}},
		{conv(4, 6, 3, 3, func(c *Conv2d) { c.Groups = 2; c.Bias = false }), []int{1, 4, 6, 7}},
		{conv(2, 2, 3, 2, func(c *Conv2d) { c.Dilation = [2]int{2, 3}; c.Padding = [2]int{2, 1} }), []int{2, 2, 8, 9}},
		{conv(3, 3, 5, 5, func(c *Conv2d) { c.Groups = 3; c.PaddingString = "same" }), []int{1, 3, 7, 6}},
		{conv(2, 4, 4, 3, func(c *Conv2d) { c.PaddingString = "same"; c.Dilation = [2]int{2, 1} }), []int{1, 2, 8, 6}},
		{conv(2, 2, 3, 5, func(c *Conv2d) { c.PaddingString = "valid"; c.Stride = [2]int{1, 2} }), []int{2, 2, 6, 9}},
	}
	for _, mode := range PaddingModes[1:] {
		cases = append(cases,
			tc{conv(2, 3, 5, 5, func(c *Conv2d) { c.PaddingMode = mode; c.Padding = [2]int{2, 2} }), []int{1, 2, 5, 6}},
			tc{conv(2, 2, 3, 3, func(c *Conv2d) { c.PaddingMode = mode; c.Padding = [2]int{2, 1}; c.Stride = [2]int{2, 1} }), []int{1, 2, 5, 6}},
			tc{conv(2, 2, 2, 3, func(c *Conv2d) { c.PaddingMode = mode; c.PaddingString = "same"; c.Groups = 2 }), []int{1, 2, 4, 5}},
		)
	}
	return cases
}

func TestBackwardFiniteDifferences(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i, tc := range gradCases() {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			g, err := tc.c.Geometry(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			x, w, gy := gradRand(r, tc.in...), gradRand(r, g.Weight...), gradRand(r, g.Output...)
			var b *Tensor
			if tc.c.Bias {
				b = gradRand(r, g.Bias...)
			}
			gx, gw, gb, err := Backward(tc.c, x, w, gy)
			if err != nil {
				t.Fatal(err)
			}
			loss := func() float64 { return lossRef(tc.c, x, w, b, gy) }
			numCheck(t, "grad_input", r, x, gx.Data, loss)
			numCheck(t, "grad_weight", r, w, gw.Data, loss)
			if b != nil {
				numCheck(t, "grad_bias", r, b, gb.Data, loss)
			} else if gb != nil {
				t.Error("grad_bias for a layer without bias")
			}
		})
	}
}

// The fast paths (the input gradient as a transposed convolution, the kw=5
// weight gradient) agree with the reference loop and the general weight
// gradient on the training layers' settings.
func TestBackwardFastPathsMatchGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		c  Conv2d
		in []int
	}{
		{New(1, 20, 5, 1, 2), []int{3, 1, 28, 28}},
		{New(20, 32, 5, 1, 0), []int{2, 20, 14, 14}},
	} {
		p, err := NewBackwardPlan(tc.c, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		x, w, gy := gradRand(r, tc.in...), gradRand(r, p.Geom.Weight...), gradRand(r, p.Geom.Output...)
		gx, gw := Zeros(tc.in...), Zeros(p.Geom.Weight...)
		if err := p.Backward(gx, gw, nil, x, w, gy); err != nil {
			t.Fatal(err)
		}
		want, _, _ := referenceBackward(tc.c, x, w, gy)
		closeTo(t, "fast grad_input", gx.Data, want, 1e-4)
		n, cin, h, wd := tc.in[0], tc.in[1], tc.in[2], tc.in[3]
		gw2 := Zeros(p.Geom.Weight...)
		oh, ow := p.Geom.Output[2], p.Geom.Output[3]
		cout := p.Geom.Output[1]
		for bi := 0; bi < n; bi++ {
			padInput(p.xpad, x.Data[bi*cin*h*wd:(bi+1)*cin*h*wd], cin, h, wd, p.Geom.Pad, ZerosMode)
			for co := 0; co < cout; co++ {
				for ci := 0; ci < cin; ci++ {
					ph, pw := len(p.rowSrc), len(p.colSrc)
					p.weightGradGeneral(gw2.Data[(co*cin+ci)*25:], p.xpad[ci*ph*pw:], gy.Data[(bi*cout+co)*oh*ow:], oh, ow, pw)
				}
			}
		}
		closeTo(t, "fast grad_weight", gw.Data, toF64(gw2.Data), 1e-4)
	}
}

func toF64(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

func TestBackwardShapeErrors(t *testing.T) {
	c := New(1, 2, 3, 1, 1)
	p, err := NewBackwardPlan(c, []int{1, 1, 5, 5})
	if err != nil {
		t.Fatal(err)
	}
	x, w, gy := Zeros(1, 1, 5, 5), Zeros(2, 1, 3, 3), Zeros(1, 2, 5, 5)
	if err := p.Backward(nil, nil, nil, x, w, Zeros(1, 2, 4, 4)); err == nil {
		t.Error("wrong gy shape accepted")
	}
	if err := p.Backward(Zeros(1, 1, 4, 5), nil, nil, x, w, gy); err == nil {
		t.Error("wrong grad_input shape accepted")
	}
	if err := p.Backward(nil, Zeros(2, 1, 3, 2), nil, x, w, gy); err == nil {
		t.Error("wrong grad_weight shape accepted")
	}
	short := &Tensor{Shape: []int{1, 1, 5, 5}, Data: make([]float32, 3)}
	if err := p.Backward(nil, Zeros(2, 1, 3, 3), nil, short, w, gy); err == nil {
		t.Error("input with too few values accepted")
	}
	if err := p.Backward(nil, nil, Zeros(2), x, w, gy); err != nil {
		t.Errorf("bias gradient refused: %v", err)
	}
	noBias := New(1, 2, 3, 1, 1)
	noBias.Bias = false
	q, err := NewBackwardPlan(noBias, []int{1, 1, 5, 5})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Backward(nil, nil, &Tensor{Data: []float32{0}}, x, w, gy); err == nil {
		t.Error("bias gradient accepted for a layer without bias")
	}
	if _, err := NewBackwardPlan(New(1, 2, 7, 1, 0), []int{1, 1, 5, 5}); err == nil {
		t.Error("kernel larger than input accepted")
	}
}

// PyTorch's gradients of (out*gy).sum() for every valid golden case
// (scripts/golden.py): the input gradient folds the padding back as F.pad's
// backward does, for every padding mode.
func TestGoldenBackward(t *testing.T) {
	checked := 0
	for _, gc := range loadGolden(t) {
		if gc.Error != "" || gc.Seed {
			continue
		}
		m := gc.tensors(t)
		if m["gy"] == nil {
			t.Errorf("%v: no gy in the fixture", gc)
			continue
		}
		x, w, gy := batched(m["x"]), m["weight"], batched(m["gy"])
		var gx, gw, gb *Tensor
		_, err := noPanic(func() (*Tensor, error) {
			var err error
			gx, gw, gb, err = Backward(gc.conv(), x, w, gy)
			return nil, err
		})
		if err != nil {
			t.Errorf("%v: Backward: %v", gc, err)
			continue
		}
		goldenClose(t, gc.String()+" grad_input", gx.Data, m["gx"].Data)
		goldenClose(t, gc.String()+" grad_weight", gw.Data, m["gw"].Data)
		if (gb == nil) != (m["gb"] == nil) {
			t.Errorf("%v: grad_bias %v, torch %v", gc, gb != nil, m["gb"] != nil)
		} else if gb != nil {
			goldenClose(t, gc.String()+" grad_bias", gb.Data, m["gb"].Data)
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d golden gradient cases", checked)
	}
	t.Logf("%d golden gradient cases", checked)
}

// referenceBackward is the plain-loop definition of the three gradients,
// written independently of Backward: every tap maps its coordinate into the
// input through the padding mode (refIndex) and adds, in float64.
func referenceBackward(c Conv2d, x, w, gy *Tensor) (gx, gw, gb []float64) {
	g, err := c.Geometry(x.Shape)
	if err != nil {
		panic(err)
	}
	n, cin, h, wd := g.Input[0], g.Input[1], g.Input[2], g.Input[3]
	cout, oh, ow := g.Output[1], g.Output[2], g.Output[3]
	cpg, opg := cin/c.Groups, cout/c.Groups
	gx, gw, gb = make([]float64, len(x.Data)), make([]float64, len(w.Data)), make([]float64, cout)
	for bi := 0; bi < n; bi++ {
		for co := 0; co < cout; co++ {
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					gv := float64(gy.Data[((bi*cout+co)*oh+oy)*ow+ox])
					gb[co] += gv
					for ci := 0; ci < cpg; ci++ {
						for ky := 0; ky < c.Kernel[0]; ky++ {
							for kx := 0; kx < c.Kernel[1]; kx++ {
								y := refIndex(oy*c.Stride[0]+ky*c.Dilation[0]-g.Pad[0], h, c.mode())
								xx := refIndex(ox*c.Stride[1]+kx*c.Dilation[1]-g.Pad[2], wd, c.mode())
								if y < 0 || xx < 0 {
									continue
								}
								xi := ((bi*cin+co/opg*cpg+ci)*h+y)*wd + xx
								wi := ((co*cpg+ci)*c.Kernel[0]+ky)*c.Kernel[1] + kx
								gx[xi] += float64(w.Data[wi]) * gv
								gw[wi] += float64(x.Data[xi]) * gv
							}
						}
					}
				}
			}
		}
	}
	return gx, gw, gb
}

// FuzzBackward: random valid settings (every parameter and padding mode)
// give the reference loop's gradients, through a plan used twice.
func FuzzBackward(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint8(20), uint8(1), uint8(5), uint8(5), uint8(1), uint8(1), uint8(2), uint8(2), uint8(1), uint8(1), uint8(28), uint8(28), uint8(0), uint8(0), true, uint64(1))
	f.Add(uint8(2), uint8(3), uint8(4), uint8(1), uint8(5), uint8(3), uint8(2), uint8(1), uint8(1), uint8(2), uint8(1), uint8(2), uint8(13), uint8(9), uint8(1), uint8(0), false, uint64(2))
	f.Add(uint8(1), uint8(4), uint8(4), uint8(2), uint8(4), uint8(2), uint8(1), uint8(1), uint8(0), uint8(0), uint8(2), uint8(1), uint8(7), uint8(8), uint8(2), uint8(1), true, uint64(3))
	f.Add(uint8(3), uint8(2), uint8(6), uint8(2), uint8(7), uint8(7), uint8(2), uint8(2), uint8(3), uint8(3), uint8(1), uint8(1), uint8(16), uint8(15), uint8(3), uint8(2), true, uint64(4))
	f.Add(uint8(1), uint8(3), uint8(2), uint8(1), uint8(3), uint8(3), uint8(3), uint8(2), uint8(1), uint8(0), uint8(3), uint8(2), uint8(11), uint8(12), uint8(1), uint8(3), false, uint64(5))
	f.Add(uint8(2), uint8(2), uint8(2), uint8(0), uint8(5), uint8(5), uint8(1), uint8(1), uint8(2), uint8(1), uint8(1), uint8(1), uint8(6), uint8(9), uint8(2), uint8(1), true, uint64(6))
	f.Fuzz(func(t *testing.T, n, cin, cout, groups, kh, kw, sh, sw, ph, pw, dh, dw, h, w, mode, padKind uint8, bias bool, seed uint64) {
		c, input := fuzzSettings(n, cin, cout, groups, kh, kw, sh, sw, ph, pw, dh, dw, h, w, mode, padKind, bias)
		g, err := c.Geometry(input)
		if err != nil {
			return
		}
		r := rand.New(rand.NewPCG(seed, 9))
		x, wt, gy := gradRand(r, input...), gradRand(r, g.Weight...), gradRand(r, g.Output...)
		wantX, wantW, wantB := referenceBackward(c, x, wt, gy)
		p, err := NewBackwardPlan(c, input)
		if err != nil {
			t.Fatal(err)
		}
		gx, gw := Zeros(input...), Zeros(g.Weight...)
		var gb *Tensor
		if bias {
			gb = Zeros(g.Bias...)
		}
		for i := 0; i < 2; i++ { // a reused plan, gradients overwritten
			if err := p.Backward(gx, gw, gb, x, wt, gy); err != nil {
				t.Fatal(err)
			}
		}
		closeTo(t, "grad_input", gx.Data, wantX, 1e-4)
		closeTo(t, "grad_weight", gw.Data, wantW, 1e-4)
		if gb != nil {
			closeTo(t, "grad_bias", gb.Data, wantB, 1e-4)
		}
	})
}
