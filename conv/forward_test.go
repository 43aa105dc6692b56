package conv

import (
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"testing"
)

// randomConv draws settings that PyTorch accepts for a small random input.
func randomConv(rng *rand.Rand) (Conv2d, []int) {
	for {
		groups := 1 + rng.Intn(3)
		c := Conv2d{
			InChannels:  groups * (1 + rng.Intn(3)),
			OutChannels: groups * (1 + rng.Intn(6)),
			Kernel:      [2]int{1 + rng.Intn(7), 1 + rng.Intn(7)},
			Stride:      [2]int{1 + rng.Intn(3), 1 + rng.Intn(3)},
			Padding:     [2]int{rng.Intn(6) - 2, rng.Intn(6) - 2}, // negative crops (not in zeros mode)
			Dilation:    [2]int{1 + rng.Intn(3)*rng.Intn(2), 1 + rng.Intn(3)*rng.Intn(2)},
			Groups:      groups,
			Bias:        rng.Intn(4) > 0,
			PaddingMode: PaddingModes[rng.Intn(4)],
		}
		switch rng.Intn(6) {
		case 0:
			c.PaddingString = "valid"
		case 1:
			c.PaddingString, c.Stride = "same", [2]int{1, 1}
		}
		in := []int{1 + rng.Intn(3), c.InChannels, 1 + rng.Intn(20), 1 + rng.Intn(20)}
		if _, err := c.Geometry(in); err == nil {
			return c, in
		}
	}
}

// String names a path in test messages.
func (k path) String() string {
	return [...]string{"vector", "lanes", "block", "wide", "general"}[k]
}

// checkForward runs a fresh plan on random data, on each path that covers
// the settings, and compares with the reference.
func checkForward(t *testing.T, c Conv2d, in []int, rng *rand.Rand) {
	t.Helper()
	p, err := NewPlan(c, in)
	if err != nil {
		t.Fatalf("%+v %v: %v", c, in, err)
	}
	x, w := randTensor(rng, p.Geom.Input), randTensor(rng, p.Geom.Weight)
	var b *Tensor
	if c.Bias {
		b = randTensor(rng, p.Geom.Bias)
	}
	want := referenceForward(c, x, w, b)
	for k := vectorPath; k <= generalPath; k++ {
		if !p.use(k) {
			continue
		}
		got := Zeros(p.Geom.Output...)
		// Twice through one plan: stale workspace must not leak into a second call.
		for i := 0; i < 2; i++ {
			if err := p.Forward(got, x, w, b); err != nil {
				t.Fatal(err)
			}
		}
		for i, v := range want.Data {
			if d := math.Abs(float64(got.Data[i] - v)); d > 1e-4*max(1, math.Abs(float64(v))) {
				t.Fatalf("%+v input %v (%v path): element %d = %v, reference %v", c, in, k, i, got.Data[i], v)
			}
		}
	}
}

func TestForwardMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	fast := 0
	for i := 0; i < 400; i++ {
		c, in := randomConv(rng)
		if unrolledFor(c) != nil {
			fast++
		}
		checkForward(t, c, in, rng)
	}
	if fast < 40 {
		t.Errorf("only %d of 400 random settings took the fast path", fast)
	}
}

// Every unrolled kernel, with odd and even widths (the tail pixel), channel
// counts that are not a multiple of the block, groups and tall kernels.
func TestForwardFastKernels(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, u := range unrolledKernels {
		k, s := u.kw, u.sw
		for _, tc := range []struct{ cin, cout, groups, kh, h, w, pad, ow int }{
			{1, 20, 1, k, 28, 28, k / 2, 0},
			{3, 6, 1, k, 17, 19, 0, 0},
			{4, 6, 2, 2, 9, 12, 1, 0},
			{3, 3, 3, 7, 11, 8, 2, 0},
			{2, 5, 1, 3, 6, 0, 0, 5}, // only the 4-pixel pass, twice
			{2, 5, 1, 3, 6, 0, 0, 4},
			{2, 5, 1, 3, 6, 0, 0, 3}, // too narrow for the wide shape
		} {
			c := New(tc.cin, tc.cout, k, s, tc.pad)
			c.Kernel[0], c.Groups = tc.kh, tc.groups
			c.Stride[0] = 1 + rng.Intn(2)
			if tc.ow > 0 {
				tc.w = (tc.ow-1)*s + k
			}
			if unrolledFor(c) == nil {
				t.Fatalf("k=%d s=%d: no fast kernel", k, s)
			}
			t.Run(fmt.Sprintf("k%ds%d_%v", k, s, tc), func(t *testing.T) {
				checkForward(t, c, []int{2, tc.cin, tc.h, tc.w}, rng)
			})
		}
	}
}

// The split over cores must not change a single bit: each output element is
// computed by the same operations whatever goroutine computes it.
func TestForwardSameBitsAnyWorkers(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	k4 := New(3, 10, 4, 1, 1)
	k4.Dilation = [2]int{2, 2}
	for _, c := range []Conv2d{New(3, 18, 5, 1, 2), k4} {
		p, err := NewPlan(c, []int{2, 3, 64, 64})
		if err != nil {
			t.Fatal(err)
		}
		if p.Geom.MACs < parallelMACs {
			t.Fatalf("%d MACs: too small to be split", p.Geom.MACs)
		}
		x, w, b := randTensor(rng, p.Geom.Input), randTensor(rng, p.Geom.Weight), randTensor(rng, p.Geom.Bias)
		for k := vectorPath; k <= generalPath; k++ {
			if !p.use(k) {
				continue
			}
			one, all := Zeros(p.Geom.Output...), Zeros(p.Geom.Output...)
			prev := runtime.GOMAXPROCS(1)
			err = p.Forward(one, x, w, b)
			runtime.GOMAXPROCS(prev)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Forward(all, x, w, b); err != nil {
				t.Fatal(err)
			}
			for i := range one.Data {
				if math.Float32bits(one.Data[i]) != math.Float32bits(all.Data[i]) {
					t.Fatalf("%v path: element %d is %v on one core, %v on %d", k, i, one.Data[i], all.Data[i], prev)
				}
			}
		}
	}
}

// A reused plan allocates nothing, on one goroutine or split over cores.
func TestForwardNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	k4 := New(3, 6, 4, 2, 1) // no fast kernel: the general path
	for _, tc := range []struct {
		c  Conv2d
		in []int
	}{
		{New(1, 20, 5, 1, 2), []int{1, 1, 28, 28}},
		{New(1, 20, 5, 1, 2), []int{16, 1, 28, 28}}, // split over cores
		{New(3, 8, 5, 2, 2), []int{2, 3, 40, 40}},   // width stride 2: the vector path splits phases
		{k4, []int{2, 3, 30, 30}},
		{k4, []int{8, 3, 64, 64}}, // split over cores
	} {
		p, err := NewPlan(tc.c, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		x, w, b := randTensor(rng, p.Geom.Input), randTensor(rng, p.Geom.Weight), randTensor(rng, p.Geom.Bias)
		out := Zeros(p.Geom.Output...)
		for k := vectorPath; k <= generalPath; k++ {
			if !p.use(k) {
				continue
			}
			p.Forward(out, x, w, b) // starts the helper goroutines once
			if n := testing.AllocsPerRun(10, func() { p.Forward(out, x, w, b) }); n != 0 {
				t.Errorf("%v %v path: %v allocations per Forward", tc.in, k, n)
			}
		}
	}
}

// Tensors that do not match the plan are refused with a message, not a panic.
func TestForwardRejectsMismatch(t *testing.T) {
	c := New(1, 2, 3, 1, 1)
	p, err := NewPlan(c, []int{1, 1, 5, 5})
	if err != nil {
		t.Fatal(err)
	}
	x, w, b, out := Zeros(1, 1, 5, 5), Zeros(2, 1, 3, 3), Zeros(2), Zeros(1, 2, 5, 5)
	short := &Tensor{Shape: []int{1, 1, 5, 5}, Data: make([]float32, 3)}
	for i, tc := range []struct{ dst, x, w, b *Tensor }{
		{out, Zeros(1, 1, 5, 6), w, b},
		{out, x, Zeros(2, 1, 3, 2), b},
		{Zeros(1, 2, 4, 5), x, w, b},
		{out, x, w, nil},
		{out, x, w, Zeros(3)},
		{out, short, w, b},
	} {
		if err := p.Forward(tc.dst, tc.x, tc.w, tc.b); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
}

// A plan packs the weights once for calls with the same weights and bias,
// and again when any value changes in place, even only a zero's sign: each
// result is a fresh plan's, bit for bit.
func TestPlanRepacks(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, c := range []Conv2d{New(3, 6, 5, 1, 2), New(1, 20, 3, 2, 1)} {
		in := []int{2, c.InChannels, 12, 16}
		p, err := NewPlan(c, in)
		if err != nil {
			t.Fatal(err)
		}
		x, w, b := randTensor(rng, in), randTensor(rng, p.Geom.Weight), randTensor(rng, p.Geom.Bias)
		w.Data[0] = 0
		for step, change := range []func(){
			func() {},
			func() {}, // the same values again
			func() { w.Data[7] *= -2 },
			func() { w.Data[0] = float32(math.Copysign(0, -1)) },
			func() { b.Data[len(b.Data)-1] += 1 },
		} {
			change()
			got, want := Zeros(p.Geom.Output...), Zeros(p.Geom.Output...)
			fresh, _ := NewPlan(c, in)
			if err := p.Forward(got, x, w, b); err != nil {
				t.Fatal(err)
			}
			if err := fresh.Forward(want, x, w, b); err != nil {
				t.Fatal(err)
			}
			for i, v := range got.Data {
				if math.Float32bits(v) != math.Float32bits(want.Data[i]) {
					t.Fatalf("%+v step %d: element %d is %v, a fresh plan gives %v", c, step, i, v, want.Data[i])
				}
			}
		}
	}
}
