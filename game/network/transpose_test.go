package network

import (
	"math/rand/v2"
	"slices"
	"testing"

	"convplayground/conv"
)

// A ConvTranspose2d layer computes conv.TransposeForward's output, again
// when a sample changed, and says PyTorch's message for refused settings.
func TestTransposeLayer(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	c := conv.NewTranspose(3, 4, 3, 2, 1)
	c.OutputPadding = [2]int{1, 1}
	layer := &ConvTranspose2d{Conv: c, W: random(r, 3, 4, 3, 3), B: random(r, 4)}
	n := Network{Layers: []Layer{layer}}
	x := random(r, 2, 3, 5, 6)
	check := func() {
		t.Helper()
		if err := n.Run(x, []bool{false, true}, false); err != nil {
			t.Fatal(err)
		}
		want, err := conv.TransposeForward(c, x, layer.W, layer.B)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(n.Out(0).Data, want.Data) || !slices.Equal(n.Out(0).Shape, []int{2, 4, 10, 12}) {
			t.Fatalf("the layer's output %v is not conv.TransposeForward's", n.Out(0).Shape)
		}
	}
	check()
	x.Data[x.Len()-1] += 1 // sample 1
	check()
	layer.Conv.OutputPadding = [2]int{2, 2}
	if err := n.Run(x, []bool{true, true}, false); err == nil || layer.Kind() != "ConvTranspose2d" {
		t.Error("output_padding 2 with stride 2 was accepted")
	}
}
