package network

import (
	"slices"

	"convplayground/conv"
)

// ConvTranspose2d is nn.ConvTranspose2d: its settings, weight [Cin,
// Cout/groups, kh, kw] (in and out swapped against Conv2d's) and bias
// [Cout] (nil without bias), which the owner fills.
type ConvTranspose2d struct {
	Conv conv.ConvTranspose2d
	W, B *conv.Tensor

	plan *conv.TransposePlan
}

func (c *ConvTranspose2d) Kind() string { return "ConvTranspose2d" }

func (c *ConvTranspose2d) Plan(in []int) (bool, error) {
	if c.plan != nil && c.plan.Conv == c.Conv && slices.Equal(c.plan.Geom.Input, in) {
		return false, nil
	}
	p, err := conv.NewTransposePlan(c.Conv, in)
	if err != nil {
		return true, err
	}
	c.plan = p
	return true, nil
}

func (c *ConvTranspose2d) Output() []int { return c.plan.Geom.Output }

// Geometry is the planned layer's shapes.
func (c *ConvTranspose2d) Geometry() conv.TransposeGeometry { return c.plan.Geom }

// Forward computes the whole batch when any sample changed: every input
// pixel stamps a region of the output, so a sample is not worth planning
// alone here.
func (c *ConvTranspose2d) Forward(y, x *conv.Tensor, changed []bool) error {
	if !slices.Contains(changed, true) {
		return nil
	}
	return c.plan.Forward(y, x, c.W, c.B)
}
