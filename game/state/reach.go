package state

import (
	"convplayground/game/teach"
	"errors"
)

// WeightReach fills r for weight (c, ky, kx) of map m of the selected
// layer's convolution (Shown).
func (te *Teach) WeightReach(r *teach.WeightReach, m, c, ky, kx int) error {
	sh, ok := te.Shown()
	if !ok {
		return errors.New("no Conv2d maps")
	}
	return r.Compute(sh.Geom, m, c, ky, kx)
}

// PixelReach fills r for pixel (c, y, x) of the selected layer's input:
// the input on screen for layer 0, layer i−1's maps for a deeper Conv2d.
func (te *Teach) PixelReach(r *teach.PixelReach, c, y, x int) error {
	s := te.s
	sh, ok := te.Shown()
	if s.Layer == 0 {
		ok = s.Out != nil && s.MapsFitInput()
	}
	if !ok {
		return errors.New("no maps for this input yet")
	}
	return r.Compute(sh.Geom, c, y, x)
}
