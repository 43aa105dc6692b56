package conv

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestReLU(t *testing.T) {
	x := FromData([]float32{-2, -0, 0.5, 3}, 1, 1, 2, 2)
	y := Zeros(1, 1, 2, 2)
	if err := ReLU(y, x); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(y.Data, []float32{0, 0, 0.5, 3}) {
		t.Errorf("relu = %v", y.Data)
	}
	g := FromData([]float32{1, 2, 3, 4}, 1, 1, 2, 2)
	gx := Zeros(1, 1, 2, 2)
	if err := ReLUBackward(gx, g, y); err != nil {
		t.Fatal(err)
	}
	// PyTorch: the gradient at exactly 0 is 0.
	if !slices.Equal(gx.Data, []float32{0, 0, 3, 4}) {
		t.Errorf("relu backward = %v", gx.Data)
	}
	if ReLU(Zeros(3), x) == nil || ReLUBackward(gx, Zeros(3), y) == nil {
		t.Error("size mismatch accepted")
	}
	// torch.relu of -0, NaN, +Inf, -Inf, -2, 0.5 (python3-torch 1.13):
	// -0, NaN, +Inf, 0, 0, 0.5, bit for bit.
	negZero, nan, inf := float32(math.Copysign(0, -1)), float32(math.NaN()), float32(math.Inf(1))
	x = FromData([]float32{negZero, nan, inf, -inf, -2, 0.5}, 6)
	y = Zeros(6)
	if err := ReLU(y, x); err != nil {
		t.Fatal(err)
	}
	for i, want := range []float32{negZero, nan, inf, 0, 0, 0.5} {
		if got := y.Data[i]; math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
			t.Errorf("relu(%v) = %v (bits %#x), torch gives %v (bits %#x)", x.Data[i], got, math.Float32bits(got), want, math.Float32bits(want))
		}
	}
}

// A worked example of nn.MaxPool2d(2): odd sizes drop the last row/column
// (floor), ties go to the first maximum in scan order.
func TestMaxPool2dForwardBackward(t *testing.T) {
	x := FromData([]float32{
		1, 5, 2, 2, 9,
		3, 4, 2, 0, 9,
		-1, -2, 7, 8, 9,
		-3, -1, 8, 6, 9,
		9, 9, 9, 9, 9,
	}, 1, 1, 5, 5)
	m := MaxPool2d{Kernel: 2}
	shape, err := m.OutShape(x.Shape)
	if err != nil || !slices.Equal(shape, []int{1, 1, 2, 2}) {
		t.Fatalf("shape %v, %v", shape, err)
	}
	y, arg := Zeros(shape...), make([]int32, 4)
	if err := m.Forward(y, x, arg); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(y.Data, []float32{5, 2, -1, 8}) || !slices.Equal(arg, []int32{1, 2, 10, 13}) {
		t.Errorf("pool = %v arg %v", y.Data, arg)
	}
	gx := Zeros(1, 1, 5, 5)
	if err := m.Backward(gx, FromData([]float32{1, 2, 3, 4}, 1, 1, 2, 2), arg); err != nil {
		t.Fatal(err)
	}
	want := make([]float32, 25)
	want[1], want[2], want[10], want[13] = 1, 2, 3, 4
	if !slices.Equal(gx.Data, want) {
		t.Errorf("pool backward = %v", gx.Data)
	}
}

// Overlapping windows (stride < kernel): gradients accumulate, and match a
// finite difference of Σ pool(x)·gy on distinct values.
func TestMaxPool2dOverlapFiniteDifference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	m := MaxPool2d{Kernel: 3, Stride: 2}
	x := gradRand(r, 2, 3, 7, 8)
	shape, err := m.OutShape(x.Shape)
	if err != nil {
		t.Fatal(err)
	}
	gy := gradRand(r, shape...)
	y, arg := Zeros(shape...), make([]int32, Numel(shape))
	loss := func() float64 {
		if err := m.Forward(y, x, nil); err != nil {
			t.Fatal(err)
		}
		var s float64
		for i, v := range y.Data {
			s += float64(v) * float64(gy.Data[i])
		}
		return s
	}
	if err := m.Forward(y, x, arg); err != nil {
		t.Fatal(err)
	}
	gx := Zeros(x.Shape...)
	if err := m.Backward(gx, gy, arg); err != nil {
		t.Fatal(err)
	}
	const eps = 1e-3
	for i := range x.Data {
		v := x.Data[i]
		x.Data[i] = v + eps
		lp := loss()
		x.Data[i] = v - eps
		lm := loss()
		x.Data[i] = v
		if d := (lp - lm) / (2 * eps); math.Abs(d-float64(gx.Data[i])) > 1e-2 {
			t.Fatalf("grad[%d] = %g, finite difference %g", i, gx.Data[i], d)
		}
	}
}

// MaxPool2d(2) (its own unrolled loop) against the definition: the first
// maximum in scan order, a NaN wins (the last one), on planes with ties,
// NaNs and odd sizes.
func TestMaxPool2dTwoByTwo(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 300; trial++ {
		n, c, h, w := 1+r.IntN(2), 1+r.IntN(3), 2+r.IntN(7), 2+r.IntN(7)
		x := Zeros(n, c, h, w)
		for i := range x.Data {
			x.Data[i] = float32(r.IntN(4)) // ties
			if r.IntN(25) == 0 {
				x.Data[i] = float32(math.NaN())
			}
		}
		m := MaxPool2d{Kernel: 2}
		shape, _ := m.OutShape(x.Shape)
		y, arg := Zeros(shape...), make([]int32, Numel(shape))
		if err := m.Forward(y, x, arg); err != nil {
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
					if arg[o] != int32(best) || math.Float32bits(y.Data[o]) != math.Float32bits(in[best]) {
						t.Fatalf("%dx%d plane %d (%d, %d): %v at %d, want %v at %d", h, w, pl, oy, ox, y.Data[o], arg[o], in[best], best)
					}
				}
			}
		}
	}
}

func TestMaxPool2dErrors(t *testing.T) {
	m := MaxPool2d{Kernel: 2}
	if _, err := m.OutShape([]int{1, 1, 1, 5}); err == nil {
		t.Error("input smaller than kernel accepted")
	}
	if _, err := (MaxPool2d{}).OutShape([]int{1, 1, 4, 4}); err == nil {
		t.Error("kernel 0 accepted")
	}
	if err := m.Forward(Zeros(1, 1, 3, 3), Zeros(1, 1, 4, 4), nil); err == nil {
		t.Error("wrong output shape accepted")
	}
	if err := m.Backward(Zeros(1, 1, 4, 4), Zeros(1, 1, 2, 2), []int32{0, 1, 2, 99}); err == nil {
		t.Error("argmax outside the plane accepted")
	}
}

// NewTensor refuses a negative or oversized shape, with the messages of
// torch.empty and of Geometry, before allocating.
func TestNewTensorRefuses(t *testing.T) {
	for _, tc := range []struct {
		shape []int
		want  string
	}{
		{[]int{2, -1}, "Trying to create tensor with negative dimension -1: [2, -1]"},
		{[]int{1 << 15, 1 << 15, 1}, "tensor of shape [32768, 32768, 1] is too large (limit 268435456 elements)"},
		{[]int{MaxElements, 2, 0, -3}, "Trying to create tensor with negative dimension -3: [268435456, 2, 0, -3]"},
	} {
		if _, err := NewTensor(tc.shape...); err == nil || err.Error() != tc.want {
			t.Errorf("NewTensor(%v): %v, want %q", tc.shape, err, tc.want)
		}
	}
	if tt, err := NewTensor(MaxElements/4, 0, 4); err != nil || tt.Len() != 0 {
		t.Errorf("an empty tensor: %v, %v", tt, err)
	}
}
