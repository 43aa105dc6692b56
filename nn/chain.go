package nn

import (
	"errors"
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
	names := [...]string{"conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "fc1", "relu3", "fc2"}
	layers := [...]string{layer, "ReLU()", "MaxPool2d(2)", fmt.Sprintf("Conv2d(20, %d, kernel_size=5)", c2), "ReLU()",
		"MaxPool2d(2)", "Flatten()", fmt.Sprintf("Linear(%d, %d)", c2*25, h), "ReLU()", fmt.Sprintf("Linear(%d, 10)", h)}
	ch := Chain{Stages: []Stage{{"input", "", x}}}
	shapes, err := n.sequentialFrom(first, nil, nil, false).Shapes(x)
	for i, s := range shapes {
		ch.Stages = append(ch.Stages, Stage{names[i], layers[i], s})
	}
	var le *LayerError
	if errors.As(err, &le) {
		ch.Broken, ch.Err = names[le.Index], le.Err
	}
	return ch
}
