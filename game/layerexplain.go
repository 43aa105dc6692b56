package game

import (
	"fmt"
	"strings"

	"convplayground/nn/arch"
)

// drawExplain is the explain tab of a deeper Conv2d or pooling layer: the
// arithmetic of the cell last clicked in its maps (cell 0, 0 of map 0 at
// first), as text: a Conv2d's sum per input channel (the previous layer's
// maps), + bias, = the value; a pooling cell's window with the value that
// won, or its mean.
func (lm *layerMaps) drawExplain(p painter, kind arch.Kind) {
	s, r := lm.st, lm.area
	c := lm.cell
	var lines []string
	if kind == arch.Conv2d {
		if err := s.Teach.ExplainLayerCell(&lm.expl, s.Layer, c); err != nil {
			lm.drawMessage(p, "No explanation:", err.Error(), colMuted)
			return
		}
		e := &lm.expl
		lines = append(lines, fmt.Sprintf("y[%d, %d, %d, %d] = Σ over %d input channels of Σ w·x (layer %d's maps, %dx%d windows) + bias; each channel's sum:",
			s.Sample, c.Map, c.OY, c.OX, len(e.Channels), s.Layer-1, e.Kernel[0], e.Kernel[1]))
		per := max(1, int(r.W/(20*monoAdvance*(sizeSmall+1)))) // channel sums a line
		for j := 0; j < len(e.Channels); j += per {
			var parts []string
			for _, ch := range e.Channels[j:min(j+per, len(e.Channels))] {
				parts = append(parts, fmt.Sprintf("in %2d: %-11s", ch.Channel, formatHover(float32(ch.Sum))))
			}
			lines = append(lines, "  "+strings.Join(parts, " "))
		}
		lines = append(lines, fmt.Sprintf("  + bias %s", formatHover(e.Bias)),
			fmt.Sprintf("  = %s (the layer computed %s)", formatHover(float32(e.Sum)), formatHover(e.Value)))
	} else {
		pc, err := s.Teach.PoolLayerCell(s.Layer, c)
		if err != nil {
			lm.drawMessage(p, "No explanation:", err.Error(), colMuted)
			return
		}
		what := "the mean (padding counts as 0)"
		if pc.Max {
			what = "the largest (*)"
		}
		lines = append(lines, fmt.Sprintf("y[%d, %d, %d, %d] is %s of the %dx%d window at rows %d..%d, cols %d..%d of layer %d's map %d:",
			s.Sample, c.Map, c.OY, c.OX, what, pc.Kernel[0], pc.Kernel[1], pc.Y0, pc.Y0+pc.Kernel[0]-1, pc.X0, pc.X0+pc.Kernel[1]-1, s.Layer-1, c.Map))
		for ky := range pc.Kernel[0] {
			var row []string
			for kx := range pc.Kernel[1] {
				j := ky*pc.Kernel[1] + kx
				v := formatHover(pc.Window[j])
				switch {
				case pc.Pad[j]:
					v = "pad"
				case pc.Max && j == pc.Win:
					v += "*"
				}
				row = append(row, fmt.Sprintf("%10s", v))
			}
			lines = append(lines, "  "+strings.Join(row, " "))
		}
		lines = append(lines, fmt.Sprintf("  = %s (the layer computed %s)", formatHover(float32(pc.Computed)), formatHover(pc.Value)))
	}
	lines = append(lines, "", "Click a cell in the maps tab to explain it.")
	y := r.Y
	for _, l := range lines {
		for _, t := range p.wrap(l, r.W, mono, sizeSmall+1) {
			if y+16 > r.bottom() {
				return
			}
			p.text(t, r.X, y, mono, sizeSmall+1, colText, left)
			y += 16
		}
	}
}
