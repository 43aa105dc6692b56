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
	w, b := zeroWeights([]int{c.InChannels, c.OutChannels / c.Groups, c.Kernel[0], c.Kernel[1]}, c.OutChannels, c.Bias)
	l := &ConvTranspose2d{Conv: c}
	l.convCore = newConvCore(l, w, b, true)
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

func (l *ConvTranspose2d) geometry(in []int) (geom, error) {
	g, err := l.Conv.Geometry(in)
	return geom{g.Input, g.Output, g.Unbatched, g.MACs}, err
}

func (l *ConvTranspose2d) forwardPlan(in []int) (forwarder, error) {
	return alone(conv.NewTransposePlan(l.Conv, in))
}

func (l *ConvTranspose2d) backwardPlan(in []int) (backwarder, error) {
	return alone(conv.NewTransposeBackwardPlan(l.Conv, in))
}
