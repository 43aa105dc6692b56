package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"convplayground/conv"
)

func TestReLU(t *testing.T) {
	x := conv.FromData([]float32{-2, -0, 0.5, 3}, 1, 1, 2, 2)
	y := conv.Zeros(1, 1, 2, 2)
	relu(y.Data, x.Data)
	if !slices.Equal(y.Data, []float32{0, 0, 0.5, 3}) {
		t.Errorf("relu = %v", y.Data)
	}
	g := conv.FromData([]float32{1, 2, 3, 4}, 1, 1, 2, 2)
	gx := conv.Zeros(1, 1, 2, 2)
	reluBackward(gx.Data, g.Data, y.Data)
	// PyTorch: the gradient at exactly 0 is 0.
	if !slices.Equal(gx.Data, []float32{0, 0, 3, 4}) {
		t.Errorf("relu backward = %v", gx.Data)
	}
	// torch.relu of -0, NaN, +Inf, -Inf, -2, 0.5 (python3-torch 1.13):
	// -0, NaN, +Inf, 0, 0, 0.5, bit for bit.
	negZero, nan, inf := float32(math.Copysign(0, -1)), float32(math.NaN()), float32(math.Inf(1))
	x = conv.FromData([]float32{negZero, nan, inf, -inf, -2, 0.5}, 6)
	y = conv.Zeros(6)
	relu(y.Data, x.Data)
	for i, want := range []float32{negZero, nan, inf, 0, 0, 0.5} {
		if got := y.Data[i]; math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
			t.Errorf("relu(%v) = %v (bits %#x), torch gives %v (bits %#x)", x.Data[i], got, math.Float32bits(got), want, math.Float32bits(want))
		}
	}
}

// A worked example of nn.MaxPool2d(2): odd sizes drop the last row/column
// (floor), ties go to the first maximum in scan order.
func TestMaxPool2dForwardBackward(t *testing.T) {
	x := conv.FromData([]float32{
		1, 5, 2, 2, 9,
		3, 4, 2, 0, 9,
		-1, -2, 7, 8, 9,
		-3, -1, 8, 6, 9,
		9, 9, 9, 9, 9,
	}, 1, 1, 5, 5)
	m := newPool()
	shape, err := m.OutShape(x.Shape)
	if err != nil || !slices.Equal(shape, []int{1, 1, 2, 2}) {
		t.Fatalf("shape %v, %v", shape, err)
	}
	y := conv.Zeros(shape...)
	if err := m.Forward(y, x, false); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(y.Data, []float32{5, 2, -1, 8}) || !slices.Equal(m.arg, []int32{1, 2, 10, 13}) {
		t.Errorf("pool = %v arg %v", y.Data, m.arg)
	}
	gx := conv.Zeros(1, 1, 5, 5)
	if err := m.Backward(gx, conv.FromData([]float32{1, 2, 3, 4}, 1, 1, 2, 2), x, y); err != nil {
		t.Fatal(err)
	}
	want := make([]float32, 25)
	want[1], want[2], want[10], want[13] = 1, 2, 3, 4
	if !slices.Equal(gx.Data, want) {
		t.Errorf("pool backward = %v", gx.Data)
	}
}

// MaxPool2d(2) (its own unrolled loop) against the definition: the first
// maximum in scan order, a NaN wins (the last one), on planes with ties,
// NaNs and odd sizes.
func TestMaxPool2dTwoByTwo(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 300; trial++ {
		n, c, h, w := 1+r.IntN(2), 1+r.IntN(3), 2+r.IntN(7), 2+r.IntN(40) // the vectors' widths too
		x := conv.Zeros(n, c, h, w)
		for i := range x.Data {
			x.Data[i] = float32(r.IntN(4)) // ties
			switch r.IntN(25) {
			case 0:
				x.Data[i] = float32(math.NaN())
			case 1:
				x.Data[i] = float32(math.Copysign(0, -1))
			}
		}
		m := newPool()
		shape, _ := m.OutShape(x.Shape)
		y := conv.Zeros(shape...)
		if err := m.Forward(y, x, false); err != nil {
			t.Fatal(err)
		}
		oh, ow := shape[2], shape[3]
		for pl := 0; pl < n*c; pl++ {
			in := x.Data[pl*h*w:]
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					best := 2*oy*w + 2*ox
					for _, i := range []int{best + 1, best + w, best + w + 1} {
						if in[i] > in[best] || in[i] != in[i] {
							best = i
						}
					}
					o := pl*oh*ow + oy*ow + ox
					if m.arg[o] != int32(best) || math.Float32bits(y.Data[o]) != math.Float32bits(in[best]) {
						t.Fatalf("%dx%d plane %d (%d, %d): %v at %d, want %v at %d", h, w, pl, oy, ox, y.Data[o], m.arg[o], in[best], best)
					}
				}
			}
		}
		// Backward: each maximum gets +0 + its gradient, the rest +0.
		gy, gx := conv.Zeros(shape...), conv.Zeros(x.Shape...)
		for i := range gy.Data {
			gy.Data[i] = float32(r.IntN(3)) - 1
			if r.IntN(5) == 0 {
				gy.Data[i] = float32(math.Copysign(0, -1))
			}
		}
		for i := range gx.Data {
			gx.Data[i] = float32(math.NaN()) // all overwritten
		}
		if err := m.Backward(gx, gy, x, y); err != nil {
			t.Fatal(err)
		}
		want := make([]float32, len(gx.Data))
		for pl := 0; pl < n*c; pl++ {
			for i := range oh * ow {
				want[pl*h*w+int(m.arg[pl*oh*ow+i])] += gy.Data[pl*oh*ow+i]
			}
		}
		for i := range want {
			if math.Float32bits(gx.Data[i]) != math.Float32bits(want[i]) {
				t.Fatalf("%dx%d: gx[%d] = %v, want %v", h, w, i, gx.Data[i], want[i])
			}
		}
	}
}

// Sequential takes a ReLU and the MaxPool2d(2) after it in one backward
// pass where the windows tile the input (MaxPool2d.backwardTiled): the
// same bits as the two layers' own backward passes one after the other,
// on planes of both vector and scalar widths and odd sizes (not taken
// together), with NaNs, signed zeros and ties in the input.
func TestReLUPoolBackwardTogether(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for trial := range 60 {
		n, c, h, w := 1+r.IntN(2), 1+r.IntN(3), 2+r.IntN(9), 2+r.IntN(40)
		x := conv.Zeros(n, c, h, w)
		for i := range x.Data {
			x.Data[i] = float32(r.IntN(5)) - 2 // ties, and a ReLU's zeros
			switch r.IntN(25) {
			case 0:
				x.Data[i] = float32(math.NaN())
			case 1:
				x.Data[i] = float32(math.Copysign(0, -1))
			}
		}
		relu, pool := &ReLU{}, newPool()
		s := &Sequential{Layers: []Layer{relu, pool}}
		y, err := s.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		gy := conv.Zeros(y.Shape...)
		for i := range gy.Data {
			gy.Data[i] = float32(r.IntN(3)) - 1
			if r.IntN(5) == 0 {
				gy.Data[i] = float32(math.Copysign(0, -1))
			}
		}
		got, err := s.Backward(gy)
		if err != nil {
			t.Fatal(err)
		}
		yr := s.Outputs()[0]
		gp, want := conv.Zeros(x.Shape...), conv.Zeros(x.Shape...)
		if err := pool.Backward(gp, gy, yr, y); err != nil {
			t.Fatal(err)
		}
		if err := relu.Backward(want, gp, x, yr); err != nil {
			t.Fatal(err)
		}
		for i, v := range want.Data {
			if math.Float32bits(got.Data[i]) != math.Float32bits(v) {
				t.Fatalf("trial %d, %v: gx[%d] = %v, want %v", trial, x.Shape, i, got.Data[i], v)
			}
		}
	}
}
