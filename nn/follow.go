package nn

import (
	"errors"
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

// follower holds PredictWith's plans and activations for one conv1 and
// input shape; they are rebuilt when either changes.
type follower struct {
	conv1                            conv.Conv2d
	in                               []int
	p1, p2                           *conv.Plan
	pool                             *MaxPool2d
	a1, m1, a2, m2, h, logits, probs *conv.Tensor
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
		var err error
		if f, err = n.newFollower(first.Conv, x.Shape); err != nil {
			return p, err
		}
		n.follow = f
	}
	if err := f.p1.Forward(f.a1, x, first.W, first.B); err != nil {
		return p, err
	}
	relu(f.a1.Data, f.a1.Data)
	P := n.Params
	if err := errors.Join(f.pool.Forward(f.m1, f.a1, false), f.p2.Forward(f.a2, f.m1, P[2], P[3])); err != nil {
		return p, err
	}
	relu(f.a2.Data, f.a2.Data)
	if err := f.pool.Forward(f.m2, f.a2, false); err != nil {
		return p, err
	}
	linear(f.h.Data, f.m2.Data, P[4], P[5], 1)
	relu(f.h.Data, f.h.Data)
	linear(f.logits.Data, f.h.Data, P[6], P[7], 1)
	softmax(f.probs.Data, f.logits.Data)
	copy(p[:], f.probs.Data)
	return p, nil
}

// newFollower checks the chain for conv1 on an input shape and makes its buffers.
func (n *Net) newFollower(c conv.Conv2d, in []int) (*follower, error) {
	ch := n.ChainFrom(c, "", in)
	if !ch.OK() {
		return nil, fmt.Errorf("%s: %w", ch.Broken, ch.Err)
	}
	shape := func(name string) []int {
		for _, s := range ch.Stages {
			if s.Name == name {
				return s.Shape
			}
		}
		panic("nn: no stage " + name) // ChainFrom names every stage
	}
	f := &follower{conv1: c, in: slices.Clone(in), pool: newPool()}
	var err error
	if f.p1, err = conv.NewPlan(c, in); err != nil {
		return nil, err
	}
	if f.p2, err = conv.NewPlan(n.conv2, shape("pool1")); err != nil {
		return nil, err
	}
	f.p1.Workers, f.p2.Workers = 1, 1 // small layers: no goroutines
	f.a1, f.m1 = conv.Zeros(shape("conv1")...), conv.Zeros(shape("pool1")...)
	f.a2, f.m2 = conv.Zeros(shape("conv2")...), conv.Zeros(shape("pool2")...)
	f.h, f.logits, f.probs = conv.Zeros(shape("fc1")...), conv.Zeros(1, Classes), conv.Zeros(1, Classes)
	return f, nil
}
