package nn

import (
	"fmt"

	"convplayground/conv"
)

// Chain is the network layer by layer on one input, as PyTorch runs
// net(x): the stages that ran with the shapes they made and, when a layer
// refuses what the one before hands on, that layer and torch 1.13's message.
type Chain struct {
	Stages []Stage // from the input to the last layer that ran
	Broken string  // the layer that refuses its input, "" when the logits come out
	Err    error   // its message, in PyTorch's words
}

// OK reports whether the chain reaches the logits.
func (c Chain) OK() bool { return c.Err == nil }

// ChainFrom follows the network on an input of shape x (NCHW) with first
// as conv1 (the layer on screen; layer is how it reads in PyTorch, e.g.
// "Conv2d(1, 20, kernel_size=3, stride=1, padding=2)"). Every later layer
// is the network's own, so a conv1 that hands on another shape makes a
// later layer refuse, exactly where and as PyTorch would.
func (n *Net) ChainFrom(first conv.Conv2d, layer string, x []int) Chain {
	c2, h := n.Widths()
	ch := Chain{Stages: []Stage{{"input", "", x}}}
	step := func(name, layer string, shape []int, err error) bool {
		if err != nil {
			ch.Broken, ch.Err = name, err
			return false
		}
		ch.Stages = append(ch.Stages, Stage{name, layer, shape})
		return true
	}
	g, err := first.Geometry(x)
	if !step("conv1", layer, g.Output, err) || !step("relu1", "ReLU()", g.Output, nil) {
		return ch
	}
	p1, err := poolShape(g.Output)
	if !step("pool1", "MaxPool2d(2)", p1, err) {
		return ch
	}
	g2, err := n.conv2.Geometry(p1)
	if !step("conv2", fmt.Sprintf("Conv2d(20, %d, kernel_size=5)", c2), g2.Output, err) ||
		!step("relu2", "ReLU()", g2.Output, nil) {
		return ch
	}
	p2, err := poolShape(g2.Output)
	if !step("pool2", "MaxPool2d(2)", p2, err) {
		return ch
	}
	flat := []int{p2[0], p2[1] * p2[2] * p2[3]}
	step("flatten", "Flatten()", flat, nil)
	if !step("fc1", fmt.Sprintf("Linear(%d, %d)", c2*25, h), []int{flat[0], h}, linearCheck(flat, n.Params[4])) {
		return ch
	}
	step("relu3", "ReLU()", []int{flat[0], h}, nil)
	step("fc2", fmt.Sprintf("Linear(%d, 10)", h), []int{flat[0], Classes}, nil)
	return ch
}

// poolShape is nn.MaxPool2d(2)'s output shape for an NCHW input, or
// PyTorch's message when a side is below the kernel.
func poolShape(in []int) ([]int, error) { return newPool().OutShape(in) }

// linearCheck is F.linear's check of a [N,F] input against a weight [out,in].
func linearCheck(x []int, w *conv.Tensor) error {
	if x[1] != w.Shape[1] {
		return fmt.Errorf("mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", x[0], x[1], w.Shape[1], w.Shape[0])
	}
	return nil
}
