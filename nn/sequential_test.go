package nn

import (
	"errors"
	"math"
	"slices"
	"testing"

	"convplayground/conv"
	"convplayground/nn/arch"
)

// Dropout (not compared with torch: its mask is our generator's): the
// identity in eval; in training about p of the values zeroed, the others
// scaled by 1/(1−p), the gradient through the same mask; the masks repeat
// from a seed.
func TestDropout(t *testing.T) {
	d, err := NewDropout(0.25, false)
	if err != nil {
		t.Fatal(err)
	}
	s := &Sequential{Layers: []Layer{d}}
	s.Reset(3)
	x := conv.Zeros(4, 1000)
	for i := range x.Data {
		x.Data[i] = float32(i%7) + 1
	}
	y, err := s.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(y.Data, x.Data) {
		t.Error("eval mode changed the values")
	}
	s.Train = true
	y, err = s.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	kept := slices.Clone(y.Data)
	zeros := 0
	for i, v := range kept {
		switch {
		case v == 0:
			zeros++
		case math.Abs(float64(v)-float64(x.Data[i])/0.75) > 1e-6:
			t.Fatalf("kept value %g, want %g/0.75", v, x.Data[i])
		}
	}
	if f := float64(zeros) / 4000; math.Abs(f-0.25) > 0.03 {
		t.Errorf("%.3f of the values dropped, want about 0.25", f)
	}
	gy := conv.Zeros(4, 1000)
	for i := range gy.Data {
		gy.Data[i] = 1
	}
	gx, err := s.Backward(gy)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range gx.Data {
		if (g == 0) != (kept[i] == 0) {
			t.Fatalf("gradient %d is %g where the output is %g", i, g, kept[i])
		}
	}
	s.Reset(3)
	if y, _ = s.Forward(x); !slices.Equal(y.Data, kept) {
		t.Error("the same seed drew another mask")
	}
	for _, p := range []float64{-0.1, 1.5} {
		if _, err := NewDropout(p, false); err == nil {
			t.Errorf("Dropout(%g) accepted", p)
		}
	}
}

// Backward needs a Forward first; a failed Forward does not leave one.
func TestSequentialBackwardNeedsForward(t *testing.T) {
	l, err := NewLinear(3, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	s := &Sequential{Layers: []Layer{l}}
	if _, err := s.Backward(conv.Zeros(1, 2)); err == nil {
		t.Error("Backward without Forward accepted")
	}
	if _, err := s.Forward(conv.Zeros(1, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backward(conv.Zeros(1, 3)); err == nil {
		t.Error("a gradient of the wrong shape accepted")
	}
	if _, err := s.Forward(conv.Zeros(1, 4)); err == nil {
		t.Fatal("Linear(3, 2) accepted 4 features")
	}
	if _, err := s.Backward(conv.Zeros(1, 2)); err == nil {
		t.Error("Backward after a failed Forward accepted")
	}
}

// Gradients accumulate over backward passes until ZeroGrad, as autograd's.
func TestGradientsAccumulate(t *testing.T) {
	c, err := NewConv2d(conv.New(1, 2, 3, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	s := &Sequential{Layers: []Layer{c, &ReLU{}, NewFlatten()}}
	s.Reset(1)
	x := conv.Zeros(1, 1, 4, 4)
	for i := range x.Data {
		x.Data[i] = float32(i) - 7
	}
	gy := conv.Zeros(1, 32)
	for i := range gy.Data {
		gy.Data[i] = float32(i%5) - 2
	}
	pass := func() []float32 {
		if _, err := s.Forward(x); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Backward(gy); err != nil {
			t.Fatal(err)
		}
		return slices.Clone(c.Weight.Grad.Data)
	}
	once := pass()
	twice := pass()
	for i := range once {
		if math.Abs(float64(twice[i]-2*once[i])) > 1e-5 {
			t.Fatalf("after two passes grad[%d] = %g, after one %g", i, twice[i], once[i])
		}
	}
	s.ZeroGrad()
	if again := pass(); !slices.Equal(again, once) {
		t.Error("ZeroGrad did not restart the sum")
	}
}

// Build refuses a network whose parameters exceed conv.MaxElements before
// allocating them, naming the layer where the sum passes it.
func TestBuildRefusesHugeNetworks(t *testing.T) {
	for text, layer := range map[string]int{
		"nn.Sequential(nn.Linear(100000, 100000))":                                   0,
		"nn.Sequential(nn.ReLU(), nn.Linear(12000, 12000), nn.Linear(12000, 12000))": 2,
		"nn.Sequential(nn.Conv2d(4096, 4096, 9))":                                    0,
	} {
		spec, err := arch.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Build(spec)
		var le *LayerError
		if !errors.As(err, &le) || le.Index != layer {
			t.Errorf("%s: %v, want a refusal at layer %d", text, err, layer)
		}
	}
}

// Forward refuses before allocating when the layers' outputs together pass
// conv.MaxElements values, each alone being allowed.
func TestForwardBoundsTheOutputs(t *testing.T) {
	var layers []Layer
	for range 40 {
		layers = append(layers, &ReLU{})
	}
	s := &Sequential{Layers: layers}
	x := &conv.Tensor{Shape: []int{1 << 12, 1 << 12, 1}} // no data: refused before it is read
	_, err := s.Forward(x)
	var le *LayerError
	if !errors.As(err, &le) || le.Index != 16 {
		t.Errorf("%v, want a refusal at layer 16 (16 outputs of 2^24 values fill the limit)", err)
	}
}
