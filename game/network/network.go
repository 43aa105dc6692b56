// Package network is the playground's model of a network: an ordered list
// of layers, each a typed value behind the Layer interface, and every
// layer's output for an input batch, recomputed through package conv. The
// screen today is a network of one layer, a Conv2d: the maps are layer
// 0's output, the filter bank its weight. Nothing here knows the screen.
package network

import (
	"fmt"
	"slices"

	"convplayground/conv"
)

// Layer is one layer of a network.
type Layer interface {
	// Kind is the layer's class as PyTorch names it: "Conv2d".
	Kind() string
	// Plan readies the layer for inputs of shape in, with PyTorch's checks
	// and messages; replanned says the last outputs no longer hold (new
	// settings or input shape).
	Plan(in []int) (replanned bool, err error)
	// Output is the shape of the layer's output for the planned input.
	Output() []int
	// Forward computes y from x (shaped as planned), only for the batch
	// samples marked in changed (len = N): the others keep their values.
	Forward(y, x *conv.Tensor, changed []bool) error
}

// Network is layers applied in order to an input batch.
type Network struct {
	Layers []Layer
	outs   []*conv.Tensor // each layer's output of the last run that succeeded
	valid  bool           // outs are the forward of the input as last given
}

// Out is layer i's output of the last run that succeeded (nil before one):
// kept, stale, while a later run fails.
func (n *Network) Out(i int) *conv.Tensor {
	if i < 0 || i >= len(n.outs) {
		return nil
	}
	return n.outs[i]
}

// Error is a layer's refusal of its input or settings, with PyTorch's message.
type Error struct {
	Layer int
	Err   error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Run computes every layer's output from x. changed (len = N) marks the
// samples of x whose values changed since the last run; params says a
// layer's parameters changed, which recomputes every sample, as do new
// settings, a new input shape and a run after a failed one. Outputs are
// reused while their shapes stay: a run allocates nothing then. On an error
// (an *Error) the outputs of the last good run stay.
func (n *Network) Run(x *conv.Tensor, changed []bool, params bool) error {
	all := params || !n.valid
	n.valid = false
	n.outs = slices.Grow(n.outs, len(n.Layers))[:len(n.Layers)]
	in := x
	for i, l := range n.Layers {
		replanned, err := l.Plan(in.Shape)
		if err != nil {
			return &Error{i, err}
		}
		out := n.outs[i]
		if out == nil || !slices.Equal(out.Shape, l.Output()) {
			if out, err = conv.NewTensor(l.Output()...); err != nil {
				return &Error{i, err}
			}
			replanned = true
		}
		if all = all || replanned; all {
			for j := range changed {
				changed[j] = true
			}
		}
		if err := l.Forward(out, in, changed); err != nil {
			return &Error{i, err}
		}
		n.outs[i], in = out, out
	}
	n.valid = true
	return nil
}

// Conv2d is nn.Conv2d: its settings, weight [Cout, Cin/groups, kh, kw] and
// bias [Cout] (nil without bias), which the owner fills.
type Conv2d struct {
	Conv    conv.Conv2d
	W, B    *conv.Tensor
	Planned int // plans made: one per new settings or input shape

	plan  *conv.Plan // for the whole batch
	plan1 *conv.Plan // for one sample: a stroke recomputes sample 0 alone
}

func (c *Conv2d) Kind() string { return "Conv2d" }

func (c *Conv2d) Plan(in []int) (bool, error) {
	if c.plan != nil && c.plan.Conv == c.Conv && slices.Equal(c.plan.Geom.Input, in) {
		return false, nil
	}
	p, err := conv.NewPlan(c.Conv, in)
	if err != nil {
		return true, err
	}
	c.plan, c.Planned = p, c.Planned+1
	return true, nil
}

func (c *Conv2d) Output() []int { return c.plan.Geom.Output }

// Geometry is the planned layer's shapes, padding and windows.
func (c *Conv2d) Geometry() conv.Geometry { return c.plan.Geom }

// Forward computes the changed samples: the whole batch in one call when
// all changed, else sample by sample with a plan for one.
func (c *Conv2d) Forward(y, x *conv.Tensor, changed []bool) error {
	n := len(changed)
	if n != x.Shape[0] {
		return fmt.Errorf("%d changed marks for a batch of %d", n, x.Shape[0])
	}
	if !slices.Contains(changed, false) {
		return c.plan.Forward(y, x, c.W, c.B)
	}
	one := append([]int{1}, x.Shape[1:]...)
	if c.plan1 == nil || c.plan1.Conv != c.plan.Conv || !slices.Equal(c.plan1.Geom.Input, one) {
		p, err := conv.NewPlan(c.plan.Conv, one)
		if err != nil {
			return err
		}
		c.plan1 = p
	}
	in, on := x.Len()/n, y.Len()/n
	for i, ch := range changed {
		if ch {
			xi := conv.FromData(x.Data[i*in:(i+1)*in], one...)
			yi := conv.FromData(y.Data[i*on:(i+1)*on], c.plan1.Geom.Output...)
			if err := c.plan1.Forward(yi, xi, c.W, c.B); err != nil {
				return err
			}
		}
	}
	return nil
}
