package teach

import (
	"math"
	"math/rand/v2"
	"testing"

	"convplayground/conv"
	"convplayground/internal/golden"
)

// goldenDir holds package conv's golden fixtures (package golden).
const goldenDir = "../../conv/testdata/golden"

// goldenConv is the layer a golden case names.
func goldenConv(gc golden.Case) conv.Conv2d {
	return conv.Conv2d{InChannels: gc.InChannels, OutChannels: gc.OutChannels, Kernel: gc.Kernel,
		Stride: gc.Stride, Padding: gc.Padding, PaddingString: gc.PaddingString, Dilation: gc.Dilation,
		Groups: gc.Groups, Bias: gc.Bias, PaddingMode: conv.PaddingMode(gc.PaddingMode)}
}

// goldenTensors reads a case's arrays; an unbatched x or out comes back batched.
func goldenTensors(t *testing.T, gc golden.Case) map[string]*conv.Tensor {
	arrays, err := gc.Arrays(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*conv.Tensor{}
	for name, a := range arrays {
		if len(a.Shape) == 3 && (name == "x" || name == "out") {
			a.Shape = append([]int{1}, a.Shape...)
		}
		m[name] = conv.FromData(a.Data, a.Shape...)
	}
	return m
}

// near is the panel's promise: float64 sum and float32 value within
// 1e-5·max(1, |y|).
func near(sum float64, y float32) bool {
	return math.Abs(sum-float64(y)) <= 1e-5*max(1, math.Abs(float64(y)))
}

// The first cell of every golden setting with batch 1: the explanation's
// sum equals the core's value (conv.Forward on the fixture's tensors), and
// the value shown is torch's.
func TestExplainGoldenFirstCell(t *testing.T) {
	n := 0
	cases, err := golden.Cases(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, gc := range cases {
		if gc.Error != "" || gc.Seed || len(gc.Input) == 4 && gc.Input[0] != 1 {
			continue
		}
		m := goldenTensors(t, gc)
		x, w, b, want := m["x"], m["weight"], m["bias"], m["out"]
		y, err := conv.Forward(goldenConv(gc), x, w, b)
		if err != nil {
			t.Fatalf("case %d: %v", gc.ID, err)
		}
		if y.Len() == 0 {
			continue
		}
		for ch := 0; ch < y.Shape[1]; ch++ {
			e, err := Explain(goldenConv(gc), x, w, b, y, ch, 0, 0)
			if err != nil {
				t.Fatalf("case %d (%s): %v", gc.ID, gc.Name, err)
			}
			torch := want.At(0, ch, 0, 0)
			if !near(e.Sum, e.Value) || math.Abs(float64(e.Value-torch)) > 1e-4*max(1, math.Abs(float64(torch))) {
				t.Errorf("case %d (%s) map %d: sum %v, core %v, torch %v", gc.ID, gc.Name, ch, e.Sum, e.Value, torch)
			}
		}
		n++
	}
	t.Logf("%d golden settings with batch 1", n)
	if n < 50 {
		t.Errorf("only %d golden settings with batch 1", n)
	}
}

// Every output cell of random settings per padding mode (groups, odd
// shapes, dilation, stride): the sum agrees with conv.Forward, each
// channel's taps are that channel of the group, and padding taps read the
// pixel their mode copies.
func TestExplainEveryCell(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for _, mode := range modes {
		for trial := 0; trial < 4; trial++ {
			c, x := randomSetting(r, mode)
			w := randomTensor(r, c.OutChannels, c.InChannels/c.Groups, c.Kernel[0], c.Kernel[1])
			b := randomTensor(r, c.OutChannels)
			y, err := conv.Forward(c, x, w, b)
			if err != nil {
				t.Fatalf("%+v: %v", c, err)
			}
			g, _ := c.Geometry(x.Shape)
			var e Explanation
			for ch := 0; ch < y.Shape[1]; ch++ {
				for oy := 0; oy < y.Shape[2]; oy++ {
					for ox := 0; ox < y.Shape[3]; ox++ {
						if err := e.Compute(g, x, w, b, y, Cell{Map: ch, OY: oy, OX: ox}); err != nil {
							t.Fatal(err)
						}
						if !near(e.Sum, e.Value) || e.Value != y.At(0, ch, oy, ox) {
							t.Fatalf("%+v cell (%d,%d,%d): sum %v, core %v", c, ch, oy, ox, e.Sum, e.Value)
						}
						checkTaps(t, g, &e, x)
					}
				}
			}
		}
	}
}

// checkTaps holds each tap to conv.Geometry.Window and the values to x.
func checkTaps(t *testing.T, g conv.Geometry, e *Explanation, x *conv.Tensor) {
	t.Helper()
	win, err := g.Window(e.Cell.OY, e.Cell.OX)
	if err != nil {
		t.Fatal(err)
	}
	cpg, opg := g.Weight[1], g.Output[1]/g.Conv.Groups
	if len(e.Channels) != cpg {
		t.Fatalf("%d channels, want %d", len(e.Channels), cpg)
	}
	for c, ct := range e.Channels {
		if ct.Channel != e.Cell.Map/opg*cpg+c {
			t.Fatalf("map %d: channel %d is input channel %d", e.Cell.Map, c, ct.Channel)
		}
		for i, tap := range ct.Taps {
			if tap.Tap != win.Taps[i] || tap.PY != tap.Y+g.Pad[0] || tap.PX != tap.X+g.Pad[2] {
				t.Fatalf("tap %+v, conv's %+v", tap, win.Taps[i])
			}
			want := float32(0)
			if tap.SrcY >= 0 {
				want = x.At(0, ct.Channel, tap.SrcY, tap.SrcX)
			}
			if tap.Input != want {
				t.Fatalf("tap %+v reads %v, want %v", tap, tap.Input, want)
			}
		}
	}
}

// randomSetting is a small valid Conv2d in mode with a non-square input.
func randomSetting(r *rand.Rand, mode conv.PaddingMode) (conv.Conv2d, *conv.Tensor) {
	for {
		groups := 1 + r.IntN(2)
		c := conv.Conv2d{InChannels: groups * (1 + r.IntN(2)), OutChannels: groups * (1 + r.IntN(2)),
			Kernel: [2]int{1 + r.IntN(4), 1 + r.IntN(4)}, Stride: [2]int{1 + r.IntN(3), 1 + r.IntN(3)},
			Padding: [2]int{r.IntN(3), r.IntN(3)}, Dilation: [2]int{1 + r.IntN(2), 1 + r.IntN(2)},
			Groups: groups, Bias: true, PaddingMode: mode}
		x := randomTensor(r, 1, c.InChannels, 3+r.IntN(6), 3+r.IntN(6))
		if _, err := c.Geometry(x.Shape); err == nil {
			return c, x
		}
	}
}

func randomTensor(r *rand.Rand, shape ...int) *conv.Tensor {
	t := conv.Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = float32(r.NormFloat64())
	}
	return t
}

// The padding taps name their source as PyTorch's F.pad reads it: reflect
// −1 reads 1, replicate −1 reads 0, circular −1 reads n−1, zeros nothing.
func TestExplainPaddingSource(t *testing.T) {
	for mode, want := range map[conv.PaddingMode][2]int{
		conv.ZerosMode: {-1, -1}, conv.ReflectMode: {1, 1}, conv.ReplicateMode: {0, 0}, conv.CircularMode: {5, 6},
	} {
		c := conv.New(1, 1, 3, 1, 1)
		c.PaddingMode = mode
		x := conv.Zeros(1, 1, 6, 7)
		for i := range x.Data {
			x.Data[i] = float32(i)
		}
		w, b := conv.Zeros(1, 1, 3, 3), conv.Zeros(1)
		w.Data[0] = 1 // only the top-left tap, at (−1, −1)
		y, _ := conv.Forward(c, x, w, b)
		e, err := Explain(c, x, w, b, y, 0, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		tap := e.Channels[0].Taps[0]
		if !tap.InPadding || tap.PY != 0 || tap.SrcY != want[0] || tap.SrcX != want[1] || tap.Reads() != (want[0] >= 0) {
			t.Errorf("%s: tap %+v, want source %v", mode, tap, want)
		}
		if e.Value != float32(tap.Product) {
			t.Errorf("%s: value %v, product %v", mode, e.Value, tap.Product)
		}
	}
}

// modes are the padding modes.
var modes = conv.PaddingModes
