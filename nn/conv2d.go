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
	var b *conv.Tensor
	if c.Bias {
		b = conv.Zeros(c.OutChannels)
	}
	return conv2dOn(c, conv.Zeros(weightShape(c)...), b, true), nil
}

func weightShape(c conv.Conv2d) []int {
	return []int{c.OutChannels, c.InChannels / c.Groups, c.Kernel[0], c.Kernel[1]}
}

// conv2dOn is the layer (valid settings) on a given weight and bias, with
// gradients (to train it) or without.
func conv2dOn(c conv.Conv2d, w, b *conv.Tensor, grads bool) *Conv2d {
	l := &Conv2d{Conv: c}
	l.convCore = newConvCore(l, w, b, weightShape(c), c.OutChannels, c.Bias, grads)
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

// geometry is the output shape PyTorch gives (an unbatched input's
// unbatched) and the multiply-adds, or PyTorch's refusal.
func (l *Conv2d) geometry(in []int) ([]int, int64, error) {
	g, err := l.Conv.Geometry(in)
	if err != nil {
		return nil, 0, err
	}
	if g.Unbatched {
		return g.Output[1:], g.MACs, nil
	}
	return g.Output, g.MACs, nil
}

func (l *Conv2d) forwardPlan(in []int) (forwarder, []int, []int, error) {
	p, err := conv.NewPlan(l.Conv, in)
	if err != nil {
		return nil, nil, nil, err
	}
	p.Workers = 1
	return p, p.Geom.Input, p.Geom.Output, nil
}

func (l *Conv2d) backwardPlan(in []int) (backwarder, error) {
	b, err := conv.NewBackwardPlan(l.Conv, in)
	if err != nil {
		return nil, err
	}
	b.Workers = 1
	return b, nil
}
