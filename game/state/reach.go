package state

import (
	"convplayground/game/teach"
	"errors"
)

// WeightReach fills r for weight (c, ky, kx) of map m of the shown maps.
func (te *Teach) WeightReach(r *teach.WeightReach, m, c, ky, kx int) error {
	s := te.s
	if !s.Layers.convShown() {
		return errors.New("no Conv2d maps")
	}
	return r.Compute(s.Geom, m, c, ky, kx)
}

// PixelReach fills r for input pixel (c, y, x) of the shown maps.
func (te *Teach) PixelReach(r *teach.PixelReach, c, y, x int) error {
	s := te.s
	if s.Out == nil || !s.MapsFitInput() {
		return errors.New("no maps for this input yet")
	}
	return r.Compute(s.Geom, c, y, x)
}
