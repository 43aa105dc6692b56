package conv

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// The vector weight and bias gradients give the scalar loops' bits, on
// random settings: kernel widths across one and two kernel calls, any
// height, height stride and dilation, groups, every padding mode, batches,
// channel counts that leave a short last block, rows narrower and wider
// than a vector, width strides; at a width dilation the weight gradient
// stays scalar and the bias gradient is still vector.
func TestBackwardVectorSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	modes := PaddingModes
	vectors := 0
	for i := range 60 {
		c := New(0, 0, 1, 1, 0)
		c.Groups = 1 + r.IntN(3)
		c.InChannels, c.OutChannels = c.Groups*(1+r.IntN(3)), c.Groups*(1+r.IntN(20))
		c.Kernel = [2]int{1 + r.IntN(6), 1 + r.IntN(12)}
		c.Stride[0], c.Dilation[0] = 1+r.IntN(2), 1+r.IntN(2)
		switch i % 6 {
		case 4:
			c.Stride[1] = 2 + r.IntN(2) // phases
		case 5:
			c.Stride[1], c.Dilation[1] = 1+r.IntN(2), 2 // scalar weight gradient
		}
		c.Padding = [2]int{r.IntN(3), r.IntN(3)}
		c.Bias, c.PaddingMode = r.IntN(4) > 0, modes[r.IntN(len(modes))]
		in := []int{1 + r.IntN(3), c.InChannels, (c.Kernel[0]-1)*c.Dilation[0] + 1 + r.IntN(12), (c.Kernel[1]-1)*c.Dilation[1] + 1 + r.IntN(20)}
		if _, err := c.Geometry(in); err != nil {
			c.PaddingMode = ZerosMode // the others need padding smaller than the input
		}
		name := fmt.Sprintf("%d: %+v on %v", i, c, in)
		p, err := NewBackwardPlan(c, in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.vec == nil {
			continue
		}
		if vectorWeights(p) {
			vectors++
		}
		p.wl = nil // these kernels, not the lists' (TestWeightGradListSameBits)
		x, w, gy := gradRand(r, in...), gradRand(r, p.Geom.Weight...), gradRand(r, p.Geom.Output...)
		_, gw, gb := newGrads(in, p.Geom.Weight, p.Geom.Bias)
		if err := p.Backward(nil, gw, gb, x, w, gy); err != nil {
			t.Fatal(err)
		}
		p.vec = nil
		_, sw, sb := newGrads(in, p.Geom.Weight, p.Geom.Bias)
		if err := p.Backward(nil, sw, sb, x, w, gy); err != nil {
			t.Fatal(err)
		}
		sameBitsT(t, name+" vector grad_weight", gw.Data, sw.Data)
		if gb != nil {
			sameBitsT(t, name+" vector grad_bias", gb.Data, sb.Data)
		}
	}
	if !vectorsBuilt {
		t.Skip("built without GOEXPERIMENT=simd, or no vectors on this CPU: scalar path only")
	}
	if vectors != 50 { // all but the width dilations
		t.Errorf("%d settings took the vector weight gradient, want 50", vectors)
	}
}

// A reused BackwardPlan allocates nothing: the LeNet's layers, all three
// gradients, on the calling goroutine.
func TestBackwardNoAllocs(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, l := range lenetLayers {
		in := append([]int{2}, l.in[1:]...)
		p, err := NewBackwardPlan(l.c, in)
		if err != nil {
			t.Fatal(err)
		}
		p.Workers = 1
		g := p.Geom
		x, w, gy := gradRand(r, in...), gradRand(r, g.Weight...), gradRand(r, g.Output...)
		gx, gw, gb := newGrads(g.Input, g.Weight, g.Bias)
		if n := testing.AllocsPerRun(5, func() { p.Backward(gx, gw, gb, x, w, gy) }); n != 0 {
			t.Errorf("%s: %v allocations per Backward", l.name, n)
		}
	}
}

// Training's LeNet runs its backward passes on vectors: the weight
// gradient on its kernels, the input gradient on its own (amd64, conv2
// with its 20 input channels; nn never asks for conv1's) or as a
// transposed convolution on Forward's.
func TestBackwardLeNetOnVectors(t *testing.T) {
	if !vectorsBuilt {
		t.Skip("built without GOEXPERIMENT=simd, or no vectors on this CPU: scalar path only")
	}
	for _, l := range lenetLayers {
		p, err := NewBackwardPlan(l.c, l.in)
		if err != nil {
			t.Fatal(err)
		}
		if !vectorWeights(p) {
			t.Errorf("%s: the weight gradient is scalar", l.name)
		}
		if want := l.c.InChannels > 1 && runtime.GOARCH == "amd64"; (p.wl != nil) != want {
			t.Errorf("%s: weight gradient from gy's lists %v, want %v", l.name, p.wl != nil, want)
		}
		if want := l.c.InChannels > 1 && runtime.GOARCH == "amd64"; (p.ivec != nil) != want {
			t.Errorf("%s: vector input gradient %v, want %v", l.name, p.ivec != nil, want)
		}
		for _, ph := range p.tplan.phases {
			if ph.plan.path != vectorPath && ph.plan.path != lanePath {
				t.Errorf("%s: the input gradient runs on the %v path", l.name, ph.plan.path)
			}
		}
	}
}

// ConvTranspose2d's weight gradient, its Conv2d's with gy and x in each
// other's place, takes the same vector kernels with the same bits.
func TestTransposeBackwardVectorSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	vectors := 0
	for i := range 12 {
		c := NewTranspose(1+r.IntN(4), 1+r.IntN(12), 1+r.IntN(5), 1+r.IntN(2), 0)
		c.Kernel[1] = 1 + r.IntN(6)
		c.Padding = [2]int{r.IntN(c.Kernel[0]), r.IntN(c.Kernel[1])}
		in := []int{1 + r.IntN(2), c.InChannels, 1 + r.IntN(9), 1 + r.IntN(14)}
		name := fmt.Sprintf("%d: %+v on %v", i, c, in)
		p, err := NewTransposeBackwardPlan(c, in)
		if err != nil || p.wg == nil {
			continue // an output too small for the padding
		}
		if vectorWeights(p.wg) {
			vectors++
		}
		x, w, gy := gradRand(r, in...), gradRand(r, p.Geom.Weight...), gradRand(r, p.Geom.Output...)
		vec, scalar := Zeros(p.Geom.Weight...), Zeros(p.Geom.Weight...)
		if err := p.Backward(nil, vec, nil, x, w, gy); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p.wg.vec, p.wg.wl = nil, nil
		if err := p.Backward(nil, scalar, nil, x, w, gy); err != nil {
			t.Fatal(err)
		}
		sameBitsT(t, name+" vector grad_weight", vec.Data, scalar.Data)
	}
	if vectorsBuilt && vectors < 8 {
		t.Errorf("%d settings took the vector weight gradient, want 8 or more", vectors)
	}
}

// The vector input gradient gives the transposed convolution's bits, on
// random settings: strides, dilations, groups, every padding mode,
// channel counts that leave lanes unused and that take two kernel calls,
// rows narrower and wider than a pass, weights with an infinity or NaN
// (where the transposed convolution sums as gather does) and gy with them,
// and gy mostly zeros (+0 and −0, as MaxPool2d's and ReLU's backward
// leave it), which the vector kernels skip unless a weight is not finite.
func TestInputGradVectorSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	modes := PaddingModes
	vectors := 0
	for i := range 60 {
		c := New(0, 0, 1, 1, 0)
		c.Groups = 1 + r.IntN(2)
		c.InChannels, c.OutChannels = c.Groups*(2+r.IntN(40)), c.Groups*(1+r.IntN(6))
		c.Kernel = [2]int{1 + r.IntN(6), 1 + r.IntN(6)}
		c.Stride = [2]int{1 + r.IntN(3), 1 + r.IntN(3)}
		c.Dilation = [2]int{1 + r.IntN(2), 1 + r.IntN(2)}
		c.Padding = [2]int{r.IntN(3), r.IntN(3)}
		c.PaddingMode = modes[r.IntN(len(modes))]
		in := []int{1 + r.IntN(3), c.InChannels, (c.Kernel[0]-1)*c.Dilation[0] + 1 + r.IntN(12), (c.Kernel[1]-1)*c.Dilation[1] + 1 + r.IntN(20)}
		if _, err := c.Geometry(in); err != nil {
			c.PaddingMode = ZerosMode // the others need padding smaller than the input
		}
		name := fmt.Sprintf("%d: %+v on %v", i, c, in)
		p, err := NewBackwardPlan(c, in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p.Workers = 1
		if p.ivec == nil {
			continue
		}
		vectors++
		x, w, gy := gradRand(r, in...), gradRand(r, p.Geom.Weight...), gradRand(r, p.Geom.Output...)
		switch i % 5 {
		case 3:
			w.Data[r.IntN(len(w.Data))] = float32(math.Inf(1 - 2*r.IntN(2)))
		case 4:
			gy.Data[r.IntN(len(gy.Data))] = float32(math.NaN())
			gy.Data[r.IntN(len(gy.Data))] = float32(math.Inf(-1))
		}
		if i%3 == 0 {
			sparseGy(r, gy.Data)
		}
		vec, ref := Zeros(in...), Zeros(in...)
		if err := p.Backward(vec, nil, nil, x, w, gy); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p.ivec = nil
		if err := p.Backward(ref, nil, nil, x, w, gy); err != nil {
			t.Fatal(err)
		}
		sameBitsT(t, name+" vector grad_input", vec.Data, ref.Data)
	}
	if vectors == 0 {
		t.Skip("no vector input gradient in this build (amd64 with GOEXPERIMENT=simd and AVX2 only)")
	}
	if vectors < 40 {
		t.Errorf("%d settings took the vector input gradient, want 40 or more", vectors)
	}
}

// sparseGy zeroes three values of gy in four at random, half of them −0.
func sparseGy(r *rand.Rand, gy []float32) {
	for i := range gy {
		if r.IntN(4) > 0 {
			gy[i] = float32(math.Copysign(0, float64(r.IntN(2)*2-1)))
		}
	}
}

// The weight and bias gradients from gy's lists give the scalar loops'
// bits, on random settings: strides, dilations, groups, every padding
// mode, input channel counts that leave lanes unused and that take two
// kernel calls, kernel widths that take one to three calls, gy mostly
// zeros (+0 and −0), which the lists skip unless an input is not finite,
// inputs with an infinity (where a zero gy makes a NaN), gy with a NaN,
// the bias gradient alone; a dense gy takes the kernels across output
// channels instead.
func TestWeightGradListSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	modes := PaddingModes
	lists := 0
	for i := range 60 {
		c := New(0, 0, 1, 1, 0)
		c.Groups = 1 + r.IntN(2)
		c.InChannels, c.OutChannels = c.Groups*(4+r.IntN(38)), c.Groups*(1+r.IntN(6))
		c.Kernel = [2]int{1 + r.IntN(6), 1 + r.IntN(13)}
		c.Stride = [2]int{1 + r.IntN(3), 1 + r.IntN(3)}
		c.Dilation = [2]int{1 + r.IntN(2), 1 + r.IntN(2)}
		c.Padding = [2]int{r.IntN(3), r.IntN(3)}
		c.Bias, c.PaddingMode = r.IntN(2) > 0, modes[r.IntN(len(modes))]
		in := []int{1 + r.IntN(3), c.InChannels, (c.Kernel[0]-1)*c.Dilation[0] + 1 + r.IntN(12), (c.Kernel[1]-1)*c.Dilation[1] + 1 + r.IntN(20)}
		if _, err := c.Geometry(in); err != nil {
			c.PaddingMode = ZerosMode // the others need padding smaller than the input
		}
		name := fmt.Sprintf("%d: %+v on %v", i, c, in)
		p, err := NewBackwardPlan(c, in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		x, w, gy := gradRand(r, in...), gradRand(r, p.Geom.Weight...), gradRand(r, p.Geom.Output...)
		if p.lists(gy) {
			t.Fatalf("%s: a dense gy takes the lists", name)
		}
		sparseGy(r, gy.Data)
		switch i % 4 {
		case 1:
			x.Data[r.IntN(len(x.Data))] = float32(math.Inf(1 - 2*r.IntN(2)))
		case 2:
			gy.Data[r.IntN(len(gy.Data))] = float32(math.NaN())
		}
		if p.lists(gy) {
			lists++
		}
		_, gw, gb := newGrads(in, p.Geom.Weight, p.Geom.Bias)
		_, sw, sb := newGrads(in, p.Geom.Weight, p.Geom.Bias)
		if i%5 == 3 && gb != nil {
			gw, sw = nil, nil
		}
		if err := p.Backward(nil, gw, gb, x, w, gy); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p.wl, p.vec = nil, nil
		if err := p.Backward(nil, sw, sb, x, w, gy); err != nil {
			t.Fatal(err)
		}
		if gw != nil {
			sameBitsT(t, name+" listed grad_weight", gw.Data, sw.Data)
		}
		if gb != nil {
			sameBitsT(t, name+" listed grad_bias", gb.Data, sb.Data)
		}
	}
	if !vectorsBuilt || runtime.GOARCH != "amd64" {
		t.Skip("no listed gradients in this build (amd64 with GOEXPERIMENT=simd and AVX2 only)")
	}
	if lists < 50 {
		t.Errorf("%d settings took the listed gradients, want 50 or more", lists)
	}
}
