package nn

import (
	"fmt"
	"slices"

	"convplayground/conv"
)

// FirstLayer is a first layer to run the network with in place of its own
// conv1: settings, weight [Cout,Cin,kh,kw] and bias [Cout] (nil without).
type FirstLayer struct {
	Conv conv.Conv2d
	W, B *conv.Tensor
}

// follower is PredictWith's network for one conv1 and input shape (the
// Net's layers after a conv1 of those settings); it is made again when
// either changes.
type follower struct {
	conv1 conv.Conv2d
	in    []int
	seq   *Sequential
	first *Conv2d // seq's conv1, whose weight and bias each call sets
}

// PredictWith returns the class probabilities for one image x [1,C,H,W]
// with first as conv1, then the network's own layers (ReLU, pooling, conv2,
// fc1, fc2, softmax). When a layer refuses what first hands on, the error
// names it with PyTorch's message (Chain says the same, shape by shape).
// With unchanged shapes it allocates nothing.
func (n *Net) PredictWith(first FirstLayer, x *conv.Tensor) ([Classes]float32, error) {
	var p [Classes]float32
	if len(x.Shape) != 4 || x.Shape[0] != 1 {
		return p, fmt.Errorf("nn: PredictWith wants one image [1,C,H,W], got %v", x.Shape)
	}
	f := n.follow
	if f == nil || f.conv1 != first.Conv || !slices.Equal(f.in, x.Shape) {
		ch := n.ChainFrom(first.Conv, "", x.Shape)
		if !ch.OK() {
			return p, fmt.Errorf("%s: %w", ch.Broken, ch.Err)
		}
		seq := n.sequentialFrom(first.Conv, nil, nil, false)
		f = &follower{conv1: first.Conv, in: slices.Clone(x.Shape), seq: seq, first: seq.Layers[0].(*Conv2d)}
		n.follow = f
	}
	f.first.Weight.Value, f.first.Bias.Value = first.W, first.B
	logits, err := f.seq.Forward(x)
	if err != nil {
		return p, err
	}
	softmax(p[:], logits.Data)
	return p, nil
}
