package nn

import (
	"fmt"

	"convplayground/conv"
)

// Conv2d is nn.Conv2d: conv's forward and backward plans (made again when
// the input shape changes) around a weight [Cout, Cin/groups, kh, kw] and
// a bias [Cout] (without bias: none).
type Conv2d struct {
	Conv conv.Conv2d
	convCore
}

// NewConv2d checks the settings as nn.Conv2d's constructor does and makes
// the layer with zero weights (Sequential.Reset initialises them).
func NewConv2d(c conv.Conv2d) (*Conv2d, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	w, b := zeroWeights([]int{c.OutChannels, c.InChannels / c.Groups, c.Kernel[0], c.Kernel[1]}, c.OutChannels, c.Bias)
	return conv2dOn(c, w, b, true), nil
}

// conv2dOn is the layer (valid settings) on a given weight and bias, with
// gradients (to train it) or without.
func conv2dOn(c conv.Conv2d, w, b *conv.Tensor, grads bool) *Conv2d {
	l := &Conv2d{Conv: c}
	l.convCore = newConvCore(l, w, b, grads)
	return l
}

// String is the module's repr, e.g. Conv2d(1, 20, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2)).
func (l *Conv2d) String() string {
	c := l.Conv
	s := fmt.Sprintf("Conv2d(%d, %d, kernel_size=%s, stride=%s", c.InChannels, c.OutChannels, pair(c.Kernel), pair(c.Stride))
	switch {
	case c.PaddingString != "":
		s += fmt.Sprintf(", padding=%s", c.PaddingString)
	case c.Padding != [2]int{}:
		s += ", padding=" + pair(c.Padding)
	}
	if c.Dilation != [2]int{1, 1} {
		s += ", dilation=" + pair(c.Dilation)
	}
	if c.Groups != 1 {
		s += fmt.Sprintf(", groups=%d", c.Groups)
	}
	if !c.Bias {
		s += ", bias=False"
	}
	if c.PaddingMode != "" && c.PaddingMode != conv.ZerosMode {
		s += ", padding_mode=" + string(c.PaddingMode)
	}
	return s + ")"
}

func (l *Conv2d) geometry(in []int) (geom, error) {
	g, err := l.Conv.Geometry(in)
	return geom{g.Input, g.Output, g.Unbatched, g.MACs}, err
}

func (l *Conv2d) forwardPlan(in []int) (forwarder, error) {
	return alone(conv.NewPlan(l.Conv, in))
}

func (l *Conv2d) backwardPlan(in []int) (backwarder, error) {
	return alone(conv.NewBackwardPlan(l.Conv, in))
}
