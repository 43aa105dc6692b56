package state

import (
	"convplayground/game/teach"
	"errors"
	"fmt"

	"convplayground/conv"
)

// ExplainCell fills e with the arithmetic of cell of the shown maps (the
// selected batch sample, the filters and the output of the last Recompute);
// with a deeper layer selected, of that layer's cell (ExplainLayerCell).
// It refuses while the settings are rejected: the shown maps are then from
// earlier settings than the tensors at hand.
func (te *Teach) ExplainCell(e *teach.Explanation, cell teach.Cell) error {
	s := te.s
	if s.Layer > 0 {
		return te.ExplainLayerCell(e, s.Layer, cell)
	}
	if s.Out == nil {
		return errors.New("no maps yet")
	}
	if s.Err != nil {
		return fmt.Errorf("the maps shown are from earlier settings: %v", s.Err)
	}
	if !s.Layers.convShown() {
		return errors.New("the maps shown are a ConvTranspose2d's: see ExplainTransposed")
	}
	var b *conv.Tensor
	if s.Geom.Bias != nil {
		b = s.b
	}
	return e.ComputeSample(s.Geom, s.x, s.w, b, s.Out, cell, s.Sample)
}
