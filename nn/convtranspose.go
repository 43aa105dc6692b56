package nn

import (
	"fmt"

	"convplayground/conv"
)

// ConvTranspose2d is nn.ConvTranspose2d: conv's transposed plans (made
// again when the input shape changes) around a weight [Cin, Cout/groups,
// kh, kw] and a bias [Cout] (without bias: none).
type ConvTranspose2d struct {
	Conv conv.ConvTranspose2d
	convCore
}

// NewConvTranspose2d checks the settings as nn.ConvTranspose2d's
// constructor does and makes the layer with zero weights.
func NewConvTranspose2d(c conv.ConvTranspose2d) (*ConvTranspose2d, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	shape := []int{c.InChannels, c.OutChannels / c.Groups, c.Kernel[0], c.Kernel[1]}
	var b *conv.Tensor
	if c.Bias {
		b = conv.Zeros(c.OutChannels)
	}
	l := &ConvTranspose2d{Conv: c}
	l.convCore = newConvCore(l, conv.Zeros(shape...), b, shape, c.OutChannels, c.Bias, true)
	return l, nil
}

// String is the module's repr, e.g. ConvTranspose2d(8, 4, kernel_size=(4, 4), stride=(2, 2)).
func (l *ConvTranspose2d) String() string {
	c := l.Conv
	s := fmt.Sprintf("ConvTranspose2d(%d, %d, kernel_size=%s, stride=%s", c.InChannels, c.OutChannels, pair(c.Kernel), pair(c.Stride))
	if c.Padding != [2]int{} {
		s += ", padding=" + pair(c.Padding)
	}
	if c.Dilation != [2]int{1, 1} {
		s += ", dilation=" + pair(c.Dilation)
	}
	if c.OutputPadding != [2]int{} {
		s += ", output_padding=" + pair(c.OutputPadding)
	}
	if c.Groups != 1 {
		s += fmt.Sprintf(", groups=%d", c.Groups)
	}
	if !c.Bias {
		s += ", bias=False"
	}
	return s + ")"
}

// geometry is the output shape PyTorch gives (an unbatched input's
// unbatched) and the multiply-adds, or PyTorch's refusal.
func (l *ConvTranspose2d) geometry(in []int) ([]int, int64, error) {
	g, err := l.Conv.Geometry(in)
	if err != nil {
		return nil, 0, err
	}
	if g.Unbatched {
		return g.Output[1:], g.MACs, nil
	}
	return g.Output, g.MACs, nil
}

func (l *ConvTranspose2d) forwardPlan(in []int) (forwarder, []int, []int, error) {
	p, err := conv.NewTransposePlan(l.Conv, in)
	if err != nil {
		return nil, nil, nil, err
	}
	p.Workers = 1
	return p, p.Geom.Input, p.Geom.Output, nil
}

func (l *ConvTranspose2d) backwardPlan(in []int) (backwarder, error) {
	b, err := conv.NewTransposeBackwardPlan(l.Conv, in)
	if err != nil {
		return nil, err
	}
	b.Workers = 1
	return b, nil
}
