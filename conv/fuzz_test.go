package conv

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

var fuzzModes = PaddingModes

// randomTensor fills a tensor with values in [-1, 1) from r.
func randomTensor(r *rand.Rand, shape ...int) *Tensor {
	t := Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = r.Float32()*2 - 1
	}
	return t
}

// checkAgainstReference runs Forward and a reused Plan on random tensors and
// compares them with referenceForward. g must be valid and small.
func checkAgainstReference(t *testing.T, c Conv2d, g Geometry, seed int64) {
	if _, err := c.Geometry(g.Input); err != nil {
		// An unbatched input PyTorch accepts while refusing its batched
		// form (reflect padding allows [0,H,W] but not [1,0,H,W]).
		return
	}
	r := rand.New(rand.NewSource(seed))
	x, w := randomTensor(r, g.Input...), randomTensor(r, g.Weight...)
	var b *Tensor
	if g.Bias != nil {
		b = randomTensor(r, g.Bias...)
	}
	want := referenceForward(c, x, w, b)
	got, err := Forward(c, x, w, b)
	if err != nil {
		t.Fatalf("%+v %v: Forward: %v", c, g.Input, err)
	}
	p, err := NewPlan(c, x.Shape)
	if err != nil {
		t.Fatal(err)
	}
	again := Zeros(g.Output...)
	for i := range again.Data {
		again.Data[i] = float32(math.NaN())
	}
	for i := 0; i < 2; i++ {
		if err := p.Forward(again, x, w, b); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(got.Shape, want.Shape) {
		t.Fatalf("%+v %v: shape %v, reference %v", c, g.Input, got.Shape, want.Shape)
	}
	for i, v := range want.Data {
		for _, y := range []float32{got.Data[i], again.Data[i]} {
			if d := math.Abs(float64(y - v)); !(d <= 1e-4*max(1, math.Abs(float64(v)))) {
				t.Fatalf("%+v %v: [%d] = %v, reference %v", c, g.Input, i, y, v)
			}
		}
	}
}

// fuzzSettings maps fuzzed bytes to small settings — every parameter, padding
// mode and padding string, channels divisible by groups — and an input shape
// (FuzzForward, FuzzBackward). Some are still invalid (e.g. a kernel larger
// than the input).
func fuzzSettings(n, cin, cout, groups, kh, kw, sh, sw, ph, pw, dh, dw, h, w, mode, padKind uint8, bias bool) (Conv2d, []int) {
	c := Conv2d{
		Groups:      int(groups%3) + 1,
		Kernel:      [2]int{int(kh%7) + 1, int(kw%7) + 1},
		Stride:      [2]int{int(sh%3) + 1, int(sw%3) + 1},
		Padding:     [2]int{int(ph % 4), int(pw % 4)},
		Dilation:    [2]int{int(dh%3) + 1, int(dw%3) + 1},
		Bias:        bias,
		PaddingMode: fuzzModes[mode%4],
	}
	c.InChannels = c.Groups * (int(cin%3) + 1)
	c.OutChannels = c.Groups * (int(cout%3) + 1)
	switch padKind % 4 {
	case 1:
		c.PaddingString, c.Stride = "same", [2]int{1, 1}
	case 2:
		c.PaddingString = "valid"
	}
	return c, []int{int(n%3) + 1, c.InChannels, int(h%30) + 1, int(w%30) + 1}
}

// FuzzForward: random valid settings (every parameter and padding mode) give
// the reference loop's numbers through Forward and through a reused Plan.
func FuzzForward(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint8(20), uint8(1), uint8(5), uint8(5), uint8(1), uint8(1), uint8(2), uint8(2), uint8(1), uint8(1), uint8(28), uint8(28), uint8(0), uint8(0), true, int64(1))
	f.Add(uint8(2), uint8(3), uint8(4), uint8(1), uint8(5), uint8(3), uint8(2), uint8(1), uint8(1), uint8(2), uint8(1), uint8(2), uint8(13), uint8(9), uint8(1), uint8(0), false, int64(2))
	f.Add(uint8(1), uint8(4), uint8(4), uint8(2), uint8(4), uint8(2), uint8(1), uint8(1), uint8(0), uint8(0), uint8(2), uint8(1), uint8(7), uint8(8), uint8(2), uint8(1), true, int64(3))
	f.Add(uint8(3), uint8(2), uint8(6), uint8(2), uint8(7), uint8(7), uint8(2), uint8(2), uint8(3), uint8(3), uint8(1), uint8(1), uint8(16), uint8(15), uint8(3), uint8(2), true, int64(4))
	f.Add(uint8(1), uint8(3), uint8(2), uint8(1), uint8(3), uint8(3), uint8(3), uint8(2), uint8(1), uint8(0), uint8(3), uint8(2), uint8(11), uint8(12), uint8(1), uint8(3), false, int64(5))
	f.Fuzz(func(t *testing.T, n, cin, cout, groups, kh, kw, sh, sw, ph, pw, dh, dw, h, w, mode, padKind uint8, bias bool, seed int64) {
		c, input := fuzzSettings(n, cin, cout, groups, kh, kw, sh, sw, ph, pw, dh, dw, h, w, mode, padKind, bias)
		g, err := c.Geometry(input)
		if err != nil {
			return // e.g. reflect padding not smaller than the input, kernel too large
		}
		checkAgainstReference(t, c, g, seed)
	})
}

// FuzzInvalid: any settings and input shape — negative, zero, huge, unknown
// strings — give an error or a usable geometry, never a panic; whatever
// Geometry refuses, Forward refuses with the same message; what it accepts
// (when small) computes the reference's numbers.
func FuzzInvalid(f *testing.F) {
	f.Add(int64(3), int64(6), int64(5), int64(5), int64(1), int64(1), int64(2), int64(2), int64(1), int64(1), int64(1), uint8(0), uint8(0), true, int64(1), int64(3), int64(8), int64(8), uint8(4))
	f.Add(int64(3), int64(6), int64(5), int64(5), int64(0), int64(1), int64(2), int64(2), int64(1), int64(1), int64(1), uint8(0), uint8(0), true, int64(1), int64(3), int64(8), int64(8), uint8(4))
	f.Add(int64(3), int64(6), int64(5), int64(5), int64(1), int64(1), int64(4), int64(2), int64(1), int64(1), int64(1), uint8(1), uint8(0), true, int64(1), int64(3), int64(8), int64(4), uint8(4))
	f.Add(int64(4), int64(6), int64(0), int64(5), int64(1), int64(1), int64(-1), int64(0), int64(0), int64(1), int64(2), uint8(3), uint8(5), false, int64(0), int64(4), int64(0), int64(8), uint8(3))
	f.Add(int64(0), int64(4), int64(3), int64(3), int64(1), int64(1), int64(1), int64(1), int64(1), int64(1), int64(2), uint8(2), uint8(1), false, int64(1), int64(0), int64(6), int64(5), uint8(4))
	f.Add(int64(1), int64(1), int64(1), int64(1), int64(1), int64(1), int64(1<<40), int64(1), int64(1), int64(1), int64(1), uint8(0), uint8(0), false, int64(1), int64(1), int64(1), int64(1), uint8(4))
	f.Add(int64(1), int64(1), int64(3), int64(3), int64(1), int64(1), int64(1<<28), int64(1<<28), int64(1), int64(1), int64(1), uint8(0), uint8(0), false, int64(1), int64(1), int64(1), int64(1), uint8(4))
	f.Add(int64(2), int64(2), int64(2), int64(2), int64(1), int64(1), int64(-1), int64(2), int64(-1), int64(1), int64(1), uint8(1), uint8(2), true, int64(2), int64(2), int64(5), int64(5), uint8(3))
	f.Fuzz(func(t *testing.T, cin, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups int64, mode, padKind uint8, bias bool, n, ch, h, w int64, ndim uint8) {
		c := Conv2d{
			InChannels: int(cin), OutChannels: int(cout), Groups: int(groups),
			Kernel: [2]int{int(kh), int(kw)}, Stride: [2]int{int(sh), int(sw)},
			Padding: [2]int{int(ph), int(pw)}, Dilation: [2]int{int(dh), int(dw)},
			Bias: bias, PaddingMode: append(fuzzModes, "", "wrap")[mode%6],
		}
		c.PaddingString = []string{"", "", "same", "valid", "full"}[padKind%5]
		input := fuzzShape(n, ch, h, w, ndim)
		g, err := c.Geometry(input)
		if err != nil {
			sameRefusal(t, err, input, func(x *Tensor) error { _, err := Forward(c, x, Zeros(1), nil); return err })
			return
		}
		for _, s := range [][]int{g.Input, g.Weight, g.Output} {
			if len(s) != 4 || Numel(s) < 0 {
				t.Fatalf("%+v %v: bad geometry %+v", c, input, g)
			}
		}
		if c.Validate() != nil {
			t.Fatalf("Geometry accepted what Validate refuses")
		}
		if Numel(g.Input)+Numel(g.Output) > 1<<14 || g.MACs > 1<<20 || g.Output[2]*g.Output[3] == 0 {
			return
		}
		g.Formula(0)
		g.Formula(1)
		g.Unreached()
		if g.Weight[2]*g.Weight[3] > 0 {
			if _, err := g.Window(g.Output[2]-1, g.Output[3]-1); err != nil {
				t.Fatal(err)
			}
		}
		checkAgainstReference(t, c, g, int64(g.MACs))
	})
}

// fuzzShape is an input shape of 0 to 5 dimensions from fuzzed numbers:
// [n, ch, h, w, 2] cut to ndim%6 dimensions, [ch, h, w] for 3.
func fuzzShape(n, ch, h, w int64, ndim uint8) []int {
	input := []int{int(n), int(ch), int(h), int(w), 2}[:ndim%6]
	if ndim%6 == 3 {
		input = input[1:4]
	}
	return input
}

// sameRefusal checks that a layer's forward pass on zeros of the input's
// shape refuses it with Geometry's message err (when the input is small
// enough to make).
func sameRefusal(t *testing.T, err error, input []int, forward func(x *Tensor) error) {
	t.Helper()
	if err.Error() == "" {
		t.Fatal("empty message")
	}
	if Numel(input) >= 0 && Numel(input) < 1<<16 {
		if ferr := forward(Zeros(input...)); ferr == nil || ferr.Error() != err.Error() {
			t.Fatalf("Geometry: %v, forward pass: %v", err, ferr)
		}
	}
}
