package conv

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// referenceTranspose is the plain definition of nn.ConvTranspose2d and its
// three gradients, written independently of the phases: every input pixel
// adds its value times every kernel tap at i·s − p + k·d, in float64.
// gy may be nil (no gradients).
func referenceTranspose(c ConvTranspose2d, x, w, b, gy *Tensor) (y, gx, gw, gb []float64) {
	g, err := c.Geometry(x.Shape)
	if err != nil {
		panic(err)
	}
	n, cin, h, wd := g.Input[0], g.Input[1], g.Input[2], g.Input[3]
	cout, oh, ow := g.Output[1], g.Output[2], g.Output[3]
	cpg, opg, kh, kw := cin/c.Groups, cout/c.Groups, c.Kernel[0], c.Kernel[1]
	y, gx, gw, gb = make([]float64, Numel(g.Output)), make([]float64, len(x.Data)), make([]float64, len(w.Data)), make([]float64, cout)
	for i := range y {
		if b != nil {
			y[i] = float64(b.Data[i/(oh*ow)%cout])
		}
		if gy != nil {
			gb[i/(oh*ow)%cout] += float64(gy.Data[i])
		}
	}
	for bi := 0; bi < n; bi++ {
		for ci := 0; ci < cin; ci++ {
			for j := 0; j < opg; j++ {
				co := ci/cpg*opg + j
				for iy := 0; iy < h; iy++ {
					for ix := 0; ix < wd; ix++ {
						xi := ((bi*cin+ci)*h+iy)*wd + ix
						for ky := 0; ky < kh; ky++ {
							for kx := 0; kx < kw; kx++ {
								oy, ox := iy*c.Stride[0]-c.Padding[0]+ky*c.Dilation[0], ix*c.Stride[1]-c.Padding[1]+kx*c.Dilation[1]
								if oy < 0 || oy >= oh || ox < 0 || ox >= ow {
									continue
								}
								wi := ((ci*opg+j)*kh+ky)*kw + kx
								yi := ((bi*cout+co)*oh+oy)*ow + ox
								y[yi] += float64(x.Data[xi]) * float64(w.Data[wi])
								if gy != nil {
									gx[xi] += float64(w.Data[wi]) * float64(gy.Data[yi])
									gw[wi] += float64(x.Data[xi]) * float64(gy.Data[yi])
								}
							}
						}
					}
				}
			}
		}
	}
	return y, gx, gw, gb
}

// randomTranspose draws a valid setting: rectangular kernels 1–7 (so every
// row kernel width appears in some phase), strides 1–4, dilation 1–3,
// output_padding, groups, batches, bias or not, and inputs up to 20 wide
// (phases at least a vector wide among them).
func randomTranspose(rng *rand.Rand) (ConvTranspose2d, []int) {
	for {
		c := ConvTranspose2d{Groups: 1 + rng.Intn(3), Bias: rng.Intn(4) > 0}
		c.InChannels, c.OutChannels = c.Groups*(1+rng.Intn(3)), c.Groups*(1+rng.Intn(6))
		for a := 0; a < 2; a++ {
			c.Kernel[a], c.Stride[a] = 1+rng.Intn(7), 1+rng.Intn(4)
			c.Dilation[a] = 1 + rng.Intn(3)*rng.Intn(2)
			c.Padding[a] = rng.Intn(4)
			c.OutputPadding[a] = rng.Intn(max(c.Stride[a], c.Dilation[a]))
		}
		in := []int{1 + rng.Intn(2), c.InChannels, 1 + rng.Intn(12), 1 + rng.Intn(20)}
		if _, err := c.Geometry(in); err == nil {
			return c, in
		}
	}
}

// The phases agree with the reference loop, forward and backward, on random
// settings; and every path the phases can take (vectors, the scalar
// kernels, the general loop) gives the same bits.
func TestTransposeRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(19))
	vector := 0
	for i := 0; i < 150; i++ {
		c, in := randomTranspose(rng)
		name := fmt.Sprintf("#%d %+v on %v", i, c, in)
		p, err := NewTransposePlan(c, in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		g := p.Geom
		x, w, gy := randTensor(rng, g.Input), randTensor(rng, g.Weight), randTensor(rng, g.Output)
		var b *Tensor
		if c.Bias {
			b = randTensor(rng, g.Bias)
		}
		y := Zeros(g.Output...)
		if err := p.Forward(y, x, w, b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ry, rgx, rgw, rgb := referenceTranspose(c, x, w, b, gy)
		closeTo(t, name+" forward", y.Data, ry, 1e-5)
		exact := Zeros(g.Output...)
		p.gather(exact, x, w, b) // the path of non-finite weights
		closeTo(t, name+" gather", exact.Data, ry, 1e-5)
		for _, ph := range p.phases {
			if ph.plan.path == vectorPath {
				vector++
			}
		}
		for _, k := range []path{preferred()[2], generalPath} {
			p.usePath(k)
			got := Zeros(g.Output...)
			if err := p.Forward(got, x, w, b); err != nil {
				t.Fatal(err)
			}
			sameBitsT(t, fmt.Sprintf("%s on the %v path", name, k), got.Data, y.Data)
		}
		gx, gw, gb, err := TransposeBackward(c, x, w, gy)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		closeTo(t, name+" gx", gx.Data, rgx, 1e-4)
		closeTo(t, name+" gw", gw.Data, rgw, 1e-4)
		if gb != nil {
			closeTo(t, name+" gb", gb.Data, rgb, 1e-4)
		}
	}
	t.Logf("%d phases on the vector path", vector)
	if vectorsBuilt && vector == 0 {
		t.Error("no phase took the vector path")
	}
}

// A cell's contributions, and the zero-insertion view's stride-1
// convolution, both sum to PyTorch's value.
func TestTransposeGoldenCells(t *testing.T) {
	for _, gc := range transposeCases(t) {
		if gc.Error != "" || gc.Input[0] == 0 {
			continue
		}
		name, c := transposeName(gc), transposeOf(gc)
		g, err := c.Geometry(gc.Input)
		if err != nil {
			t.Fatal(err)
		}
		m := caseTensors(t, transposeDir, gc)
		x, w, b, out := batched(m["x"]), m["weight"], m["bias"], batched(m["out"])
		cpg, opg := c.InChannels/c.Groups, c.OutChannels/c.Groups
		rows, cols := g.Stuffed(0), g.Stuffed(1)
		if rows.Size != rows.Before+(g.Input[2]-1)*c.Stride[0]+1+rows.After {
			t.Fatalf("%s: stuffed rows %+v", name, rows)
		}
		kh, kw := c.Kernel[0], c.Kernel[1]
		for _, cell := range [][2]int{{0, 0}, {g.Output[2] - 1, g.Output[3] - 1}, {g.Output[2] / 2, g.Output[3] / 3}} {
			oy, ox := cell[0], cell[1]
			cs, err := g.Contributions(oy, ox)
			if err != nil {
				t.Fatal(err)
			}
			for co := 0; co < c.OutChannels; co++ {
				var sum, stuffed float64
				if b != nil {
					sum, stuffed = float64(b.Data[co]), float64(b.Data[co])
				}
				for ci := co / opg * cpg; ci < (co/opg+1)*cpg; ci++ {
					for _, k := range cs {
						sum += float64(x.At(0, ci, k.IY, k.IX)) * float64(w.At(ci, co%opg, k.KY, k.KX))
					}
					for ky := 0; ky < kh; ky++ {
						for kx := 0; kx < kw; kx++ {
							iy, ix := rows.Source(oy+ky*c.Dilation[0]), cols.Source(ox+kx*c.Dilation[1])
							if iy >= 0 && ix >= 0 {
								stuffed += float64(x.At(0, ci, iy, ix)) * float64(w.At(ci, co%opg, kh-1-ky, kw-1-kx))
							}
						}
					}
				}
				want := float64(out.At(0, co, oy, ox))
				for _, v := range []struct {
					view string
					got  float64
				}{{"contributions", sum}, {"zero insertion", stuffed}} {
					if math.Abs(v.got-want) > 1e-4*max(1, math.Abs(want)) {
						t.Fatalf("%s: cell (%d, %d) channel %d: %s sum %v, torch %v", name, oy, ox, co, v.view, v.got, want)
					}
				}
			}
		}
	}
}

// The formula, evaluated, is the output size, for every valid fixture.
func TestTransposeGoldenFormula(t *testing.T) {
	for _, gc := range transposeCases(t) {
		if gc.Error != "" {
			continue
		}
		g, err := transposeOf(gc).Geometry(gc.Input)
		if err != nil {
			t.Fatal(err)
		}
		for axis := 0; axis < 2; axis++ {
			f := g.Formula(axis)
			left, right, ok := strings.Cut(strings.NewReplacer("−", "-", "·", "*").Replace(f), " = ")
			v, err := evalFormula(left)
			if !ok || err != nil || v != g.Output[2+axis] || right != fmt.Sprint(g.Output[2+axis]) {
				t.Errorf("%s: %q evaluates to %d (%v), output %d", transposeName(gc), f, v, err, g.Output[2+axis])
			}
		}
	}
	g, _ := NewTranspose(8, 1, 4, 2, 1).Geometry([]int{1, 8, 14, 14})
	if f := g.Formula(0); f != "(14 − 1)·2 − 2·1 + 1·(4 − 1) + 0 + 1 = 28" {
		t.Errorf("Formula = %q", f)
	}
}

// FuzzTranspose: any settings and input shape give either PyTorch's kind of
// refusal, the same from Geometry and TransposeForward, or a geometry whose
// forward and backward passes agree with the reference loop; never a panic.
func FuzzTranspose(f *testing.F) {
	f.Add(int64(8), int64(1), int64(4), int64(4), int64(2), int64(2), int64(1), int64(1), int64(0), int64(0), int64(1), int64(1), int64(1), true, int64(1), int64(8), int64(14), int64(14), uint8(4))
	f.Add(int64(2), int64(4), int64(3), int64(2), int64(3), int64(1), int64(0), int64(2), int64(2), int64(0), int64(2), int64(1), int64(2), false, int64(2), int64(2), int64(3), int64(5), uint8(4))
	f.Add(int64(2), int64(2), int64(3), int64(3), int64(1), int64(1), int64(0), int64(0), int64(1), int64(1), int64(1), int64(1), int64(1), true, int64(0), int64(2), int64(0), int64(5), uint8(4))
	f.Add(int64(1), int64(1), int64(2), int64(2), int64(1), int64(1), int64(1<<29), int64(0), int64(0), int64(0), int64(1<<30), int64(1), int64(1), false, int64(1), int64(1), int64(1), int64(1), uint8(4))
	f.Add(int64(1), int64(1), int64(1), int64(1), int64(1<<40), int64(1), int64(0), int64(0), int64(0), int64(0), int64(1), int64(1), int64(1), false, int64(1), int64(1), int64(1), int64(1), uint8(4))
	f.Add(int64(3), int64(3), int64(2), int64(1), int64(1), int64(1), int64(0), int64(0), int64(0), int64(0), int64(-1), int64(2), int64(1), true, int64(3), int64(5), int64(5), int64(0), uint8(3))
	f.Fuzz(func(t *testing.T, cin, cout, kh, kw, sh, sw, ph, pw, oph, opw, dh, dw, groups int64, bias bool, n, ch, h, w int64, ndim uint8) {
		c := ConvTranspose2d{
			InChannels: int(cin), OutChannels: int(cout), Groups: int(groups),
			Kernel: [2]int{int(kh), int(kw)}, Stride: [2]int{int(sh), int(sw)},
			Padding: [2]int{int(ph), int(pw)}, OutputPadding: [2]int{int(oph), int(opw)},
			Dilation: [2]int{int(dh), int(dw)}, Bias: bias,
		}
		input := fuzzShape(n, ch, h, w, ndim)
		g, err := c.Geometry(input)
		if err != nil {
			sameRefusal(t, err, input, func(x *Tensor) error { _, err := TransposeForward(c, x, Zeros(1), nil); return err })
			return
		}
		if c.Validate() != nil {
			t.Fatalf("Geometry accepted what Validate refuses")
		}
		if Numel(g.Input)+Numel(g.Output) > 1<<14 || g.MACs > 1<<18 || Numel(g.Output) == 0 {
			return
		}
		g.Formula(0)
		if _, err := g.Contributions(g.Output[2]-1, g.Output[3]-1); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewSource(int64(g.MACs)))
		x, wt, gy := randTensor(rng, g.Input), randTensor(rng, g.Weight), randTensor(rng, g.Output)
		var b *Tensor
		if bias {
			b = randTensor(rng, g.Bias)
		}
		y, err := TransposeForward(c, x, wt, b)
		if err != nil {
			t.Fatalf("%+v on %v: %v", c, input, err)
		}
		ry, rgx, rgw, _ := referenceTranspose(c, x, wt, b, gy)
		closeTo(t, "forward", y.Data, ry, 1e-4)
		gx, gw, _, err := TransposeBackward(c, x, wt, gy)
		if err != nil && strings.HasPrefix(err.Error(), "padded input of shape") {
			return // our limit: the output padded by the padding (a padding far beyond the input)
		}
		if err != nil {
			t.Fatalf("%+v on %v: backward: %v", c, input, err)
		}
		closeTo(t, "gx", gx.Data, rgx, 1e-4)
		closeTo(t, "gw", gw.Data, rgw, 1e-4)
	})
}

// The shape inverse, on a table of settings: the Conv2d with the same
// kernel, stride, padding and dilation maps a ConvTranspose2d's output
// shape back to its input shape, whatever the output_padding below the
// stride; and Geometry.Transposed, whose output_padding restores what
// Conv2d's floor dropped, maps a Conv2d's output shape back to its input
// shape, which output_padding 0 does not when the floor dropped rows.
func TestShapeInverse(t *testing.T) {
	exact, needed := 0, 0
	for h := 1; h <= 12; h++ {
		for k := 1; k <= 5; k++ {
			for s := 1; s <= 3; s++ {
				for p := 0; p <= 2; p++ {
					for d := 1; d <= 2; d++ {
						c := Conv2d{InChannels: 2, OutChannels: 3, Kernel: [2]int{k, 2}, Stride: [2]int{s, 1},
							Padding: [2]int{p, 0}, Dilation: [2]int{d, 1}, Groups: 1, PaddingMode: ZerosMode}
						in := []int{1, 2, h, 7}
						g, err := c.Geometry(in)
						if err != nil {
							continue // the kernel does not fit
						}
						tc, ok := g.Transposed()
						if !ok {
							t.Fatalf("%+v: no transposed", c)
						}
						tg, err := tc.Geometry(g.Output)
						if err != nil || !slices.Equal(tg.Output, in) || tc.Inverse().Kernel != c.Kernel {
							t.Fatalf("%+v on %v: transposed %+v gives %v, %v", c, in, tc, tg.Output, err)
						}
						exact++
						if tc.OutputPadding[0] > 0 {
							needed++
							tc.OutputPadding[0] = 0
							if tg, err := tc.Geometry(g.Output); err == nil && tg.Output[2] == h {
								t.Fatalf("%+v: output_padding 0 gives back the height %d too", c, h)
							}
						}
						// And the other way: Inverse maps the transposed output back.
						for op := 0; op < s; op++ {
							tc.OutputPadding[0] = op
							tg, err := tc.Geometry(g.Output)
							if err != nil {
								continue
							}
							ig, err := tc.Inverse().Geometry(tg.Output)
							if err != nil || !slices.Equal(ig.Output, g.Output) {
								t.Fatalf("%+v: Inverse of %v gives %v, %v; want %v", tc, tg.Output, ig.Output, err, g.Output)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d settings, %d of them need output_padding", exact, needed)
	if needed == 0 || exact < 300 {
		t.Errorf("%d settings, %d needing output_padding: the table is too thin", exact, needed)
	}
	if _, ok := (Geometry{Conv: New(1, 1, 4, 1, 0), Pad: [4]int{1, 2, 1, 2}}).Transposed(); ok {
		t.Error("'same' with an even kernel has no transposed")
	}
}

// A reused plan allocates nothing per call, forward and backward.
func TestTransposeNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	c := NewTranspose(8, 4, 4, 2, 1)
	in := []int{2, 8, 14, 14}
	p, err := NewTransposePlan(c, in)
	if err != nil {
		t.Fatal(err)
	}
	bp, err := NewTransposeBackwardPlan(c, in)
	if err != nil {
		t.Fatal(err)
	}
	g := p.Geom
	x, w, b, y := randTensor(rng, g.Input), randTensor(rng, g.Weight), randTensor(rng, g.Bias), Zeros(g.Output...)
	gx, gw, gb := newGrads(g.Input, g.Weight, g.Bias)
	p.Workers, bp.Workers = 1, 1
	if n := testing.AllocsPerRun(5, func() {
		if err := p.Forward(y, x, w, b); err != nil {
			t.Fatal(err)
		}
		if err := bp.Backward(gx, gw, gb, x, w, y); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("%v allocations per call", n)
	}
}

// Beyond maxPhases (a stride of 16 with a 9x9 kernel: 81 phases) a plan
// makes no phases and every call takes the plain loop, with the
// reference's numbers.
func TestTransposeManyPhases(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	c := ConvTranspose2d{InChannels: 2, OutChannels: 3, Kernel: [2]int{9, 9}, Stride: [2]int{16, 16},
		Padding: [2]int{3, 0}, OutputPadding: [2]int{5, 0}, Dilation: [2]int{1, 1}, Groups: 1, Bias: true}
	p, err := NewTransposePlan(c, []int{1, 2, 3, 2})
	if err != nil {
		t.Fatal(err)
	}
	if !p.gathered || p.phases != nil {
		t.Fatalf("%d phases, gathered %v; want none, gathered", len(p.phases), p.gathered)
	}
	g := p.Geom
	x, w, b := randTensor(rng, g.Input), randTensor(rng, g.Weight), randTensor(rng, g.Bias)
	y := Zeros(g.Output...)
	if err := p.Forward(y, x, w, b); err != nil {
		t.Fatal(err)
	}
	ry, _, _, _ := referenceTranspose(c, x, w, b, nil)
	closeTo(t, "forward", y.Data, ry, 1e-5)
}
