package nn

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"convplayground/conv"
)

// Conv2d is nn.Conv2d: conv's forward and backward plans (made again when
// the input shape changes) around a weight [Cout, Cin/groups, kh, kw] and
// a bias [Cout] (without bias: none).
type Conv2d struct {
	Conv         conv.Conv2d
	Weight, Bias Entry // Bias.Value is nil without bias

	in     []int              // the input shape the plans are for
	fwd    *conv.Plan         // made by the first Forward on that shape
	bwd    *conv.BackwardPlan // made by the first Backward on that shape
	gw, gb *conv.Tensor       // this batch's gradients, before they accumulate
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
	l := &Conv2d{Conv: c, Weight: Entry{Name: "weight", Value: w}}
	if c.Bias {
		l.Bias = Entry{Name: "bias", Value: b}
	}
	if grads {
		l.Weight.Grad, l.gw = conv.Zeros(weightShape(c)...), conv.Zeros(weightShape(c)...)
		if c.Bias {
			l.Bias.Grad, l.gb = conv.Zeros(c.OutChannels), conv.Zeros(c.OutChannels)
		}
	}
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
		s += ", padding_mode=" + c.PaddingMode
	}
	return s + ")"
}

func (l *Conv2d) State() []Entry {
	if l.Bias.Value == nil {
		return []Entry{l.Weight}
	}
	return []Entry{l.Weight, l.Bias}
}

func (l *Conv2d) reset(r *rand.Rand) { kaimingUniform(r, l.Weight.Value, l.Bias.Value) }

func (l *Conv2d) OutShape(in []int) ([]int, error) {
	g, err := l.Conv.Geometry(in)
	if err != nil {
		return nil, err
	}
	if g.Unbatched {
		return g.Output[1:], nil
	}
	return g.Output, nil
}

func (l *Conv2d) macs(in []int) int64 {
	g, err := l.Conv.Geometry(in)
	if err != nil {
		return 0
	}
	return g.MACs
}

// plan makes the forward plan for an input shape, once per shape.
func (l *Conv2d) plan(in []int) (*conv.Plan, error) {
	if l.fwd == nil || !slices.Equal(l.in, in) {
		p, err := conv.NewPlan(l.Conv, in)
		if err != nil {
			return nil, err
		}
		p.Workers = 1 // the caller parallelises over shares of a batch
		l.fwd, l.bwd, l.in = p, nil, slices.Clone(in)
	}
	return l.fwd, nil
}

func (l *Conv2d) Forward(y, x *conv.Tensor, _ bool) error {
	p, err := l.plan(x.Shape)
	if err != nil {
		return err
	}
	return p.Forward(reshaped(y, p.Geom.Output), reshaped(x, p.Geom.Input), l.Weight.Value, l.Bias.Value)
}

// Backward makes its plan on first use: a network that only predicts
// never needs one.
func (l *Conv2d) Backward(gx, gy, x, _ *conv.Tensor) error {
	if _, err := l.plan(x.Shape); err != nil {
		return err
	}
	if l.bwd == nil {
		b, err := conv.NewBackwardPlan(l.Conv, x.Shape)
		if err != nil {
			return err
		}
		b.Workers = 1
		l.bwd = b
	}
	g := l.bwd.Geom
	if err := l.bwd.Backward(reshaped(gx, g.Input), l.gw, l.gb, reshaped(x, g.Input), l.Weight.Value, reshaped(gy, g.Output)); err != nil {
		return err
	}
	addInto(l.Weight.Grad.Data, l.gw.Data)
	if l.gb != nil {
		addInto(l.Bias.Grad.Data, l.gb.Data)
	}
	return nil
}
