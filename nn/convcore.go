package nn

import (
	"math/rand/v2"
	"slices"

	"convplayground/conv"
)

// convCore is what Conv2d and ConvTranspose2d share: the weight and bias,
// conv's plans for the current input shape (the forward plan made by the
// first Forward on a shape, the backward plan by the first Backward: a
// network that only predicts never makes one) and the accumulation of the
// gradients. The layer gives the plans (planner).
type convCore struct {
	Weight, Bias Entry // Bias.Value is nil without bias

	in      []int        // the input shape the plans are for
	x4, y4  []int        // the plans' shapes: an unbatched input as a batch of one
	fwd     forwarder    // made by the first Forward on that shape
	bwd     backwarder   // made by the first Backward on that shape
	gw, gb  *conv.Tensor // this batch's gradients, before they accumulate
	planner planner
}

// forwarder and backwarder are conv's plans of either convolution.
type forwarder interface {
	Forward(dst, x, w, b *conv.Tensor) error
}
type backwarder interface {
	Backward(gx, gw, gb, x, w, gy *conv.Tensor) error
}

// planner is what the two layers tell apart: conv's geometry of an input
// shape, and its plans for it, each made with alone.
type planner interface {
	geometry(in []int) (geom, error)
	forwardPlan(in []int) (forwarder, error)
	backwardPlan(in []int) (backwarder, error)
}

// geom is what the core reads of conv's Geometry or TransposeGeometry.
type geom struct {
	x4, y4    []int // the plans' shapes: an unbatched input as a batch of one
	unbatched bool
	macs      int64
}

// plan is one of conv's plans.
type plan interface {
	*conv.Plan | *conv.TransposePlan | *conv.BackwardPlan | *conv.TransposeBackwardPlan
}

// alone is a new plan (or the error making it) set to run on the calling
// goroutine only: the core's caller parallelises over shares of a batch.
func alone[P plan](p P, err error) (P, error) {
	if err != nil {
		return nil, err
	}
	switch p := any(p).(type) {
	case *conv.Plan:
		p.Workers = 1
	case *conv.TransposePlan:
		p.Workers = 1
	case *conv.BackwardPlan:
		p.Workers = 1
	case *conv.TransposeBackwardPlan:
		p.Workers = 1
	}
	return p, nil
}

// zeroWeights are a layer's weight of the given shape and its bias [cout]
// (nil without bias), zeros until Sequential.Reset initialises them.
func zeroWeights(shape []int, cout int, bias bool) (w, b *conv.Tensor) {
	if bias {
		b = conv.Zeros(cout)
	}
	return conv.Zeros(shape...), b
}

// newConvCore is the core on a given weight and bias (nil: none), with
// gradients (to train it) or without.
func newConvCore(p planner, w, b *conv.Tensor, grads bool) convCore {
	c := convCore{Weight: Entry{Name: "weight", Value: w}, planner: p}
	if b != nil {
		c.Bias = Entry{Name: "bias", Value: b}
	}
	if grads {
		c.Weight.Grad, c.gw = conv.Zeros(w.Shape...), conv.Zeros(w.Shape...)
		if b != nil {
			c.Bias.Grad, c.gb = conv.Zeros(b.Shape...), conv.Zeros(b.Shape...)
		}
	}
	return c
}

func (c *convCore) State() []Entry {
	if c.Bias.Value == nil {
		return []Entry{c.Weight}
	}
	return []Entry{c.Weight, c.Bias}
}

// reset is _ConvNd's reset_parameters: kaiming_uniform(a=√5), fan_in the
// weight's size per its first dimension.
func (c *convCore) reset(r *rand.Rand) { kaimingUniform(r, c.Weight.Value, c.Bias.Value) }

// OutShape is the output shape PyTorch gives (an unbatched input's
// unbatched), or PyTorch's refusal.
func (c *convCore) OutShape(in []int) ([]int, error) {
	g, err := c.planner.geometry(in)
	switch {
	case err != nil:
		return nil, err
	case g.unbatched:
		return g.y4[1:], nil
	}
	return g.y4, nil
}

func (c *convCore) macs(in []int) int64 {
	g, _ := c.planner.geometry(in)
	return g.macs
}

// plan makes the forward plan for an input shape, once per shape.
func (c *convCore) plan(in []int) error {
	if c.fwd != nil && slices.Equal(c.in, in) {
		return nil
	}
	g, err := c.planner.geometry(in)
	if err != nil {
		return err
	}
	p, err := c.planner.forwardPlan(in)
	if err != nil {
		return err
	}
	c.fwd, c.bwd, c.in, c.x4, c.y4 = p, nil, slices.Clone(in), g.x4, g.y4
	return nil
}

func (c *convCore) Forward(y, x *conv.Tensor, _ bool) error {
	if err := c.plan(x.Shape); err != nil {
		return err
	}
	return c.fwd.Forward(reshaped(y, c.y4), reshaped(x, c.x4), c.Weight.Value, c.Bias.Value)
}

func (c *convCore) Backward(gx, gy, x, _ *conv.Tensor) error {
	if err := c.plan(x.Shape); err != nil {
		return err
	}
	if c.bwd == nil {
		b, err := c.planner.backwardPlan(x.Shape)
		if err != nil {
			return err
		}
		c.bwd = b
	}
	if err := c.bwd.Backward(reshaped(gx, c.x4), c.gw, c.gb, reshaped(x, c.x4), c.Weight.Value, reshaped(gy, c.y4)); err != nil {
		return err
	}
	addInto(c.Weight.Grad.Data, c.gw.Data)
	if c.gb != nil {
		addInto(c.Bias.Grad.Data, c.gb.Data)
	}
	return nil
}
