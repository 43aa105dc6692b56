package network

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"convplayground/conv"
)

func random(r *rand.Rand, shape ...int) *conv.Tensor {
	t := conv.Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = float32(r.NormFloat64())
	}
	return t
}

// A one-layer network computes conv.Forward's output; a run with one
// sample marked changed recomputes that sample only; a layer that refuses
// its input keeps the last output and names itself.
func TestRun(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	c := conv.New(3, 4, 3, 2, 1)
	layer := &Conv2d{Conv: c, W: random(r, 4, 3, 3, 3), B: random(r, 4)}
	n := Network{Layers: []Layer{layer}}
	x := random(r, 3, 3, 9, 11)
	if err := n.Run(x, make([]bool, 3), false); err != nil {
		t.Fatal(err)
	}
	want, err := conv.Forward(c, x, layer.W, layer.B)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(n.Out(0).Data, want.Data) || !slices.Equal(n.Out(0).Shape, want.Shape) {
		t.Fatal("the network's output is not conv.Forward's")
	}
	// Sample 1 changes in x, and the output's sample 2 is spoiled: only
	// sample 1 is computed again, the spoiled one stays.
	plane := want.Len() / 3
	for i := range x.Len() / 3 {
		x.Data[x.Len()/3+i] = 0
	}
	n.Out(0).Data[2*plane] = 42
	if err := n.Run(x, []bool{false, true, false}, false); err != nil {
		t.Fatal(err)
	}
	want, _ = conv.Forward(c, x, layer.W, layer.B)
	if got := n.Out(0).Data; !slices.Equal(got[:2*plane], want.Data[:2*plane]) || got[2*plane] != 42 {
		t.Error("a run for sample 1 did not recompute it alone")
	}
	if planned := layer.Planned; planned != 1 {
		t.Errorf("%d plans for one setting and shape", planned)
	}
	out := n.Out(0)
	layer.Conv.Stride = [2]int{0, 1}
	err = n.Run(x, make([]bool, 3), false)
	var le *Error
	if err == nil || err.Error() != "non-positive stride is not supported" || !errors.As(err, &le) || le.Layer != 0 || n.Out(0) != out {
		t.Errorf("stride 0: %v, output kept: %v", err, n.Out(0) == out)
	}
}
