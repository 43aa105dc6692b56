package game

import (
	"fmt"
	"strings"

	"convplayground/game/teach"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// drawExplain is the explain tab of a deeper pooling layer or
// ConvTranspose2d (a deeper Conv2d's is explainPanel's), as text: a
// pooling cell's window with the value that won, or its mean, for the
// cell last clicked in its maps; a ConvTranspose2d cell's paints (the
// pixels of layer i−1's maps whose value × kernel covers it), + bias, =
// the value, for the stepped or pinned cell, else the clicked one.
func (lm *layerMaps) drawExplain(p painter, kind arch.Kind) {
	var lines []string
	var err error
	if kind == arch.ConvTranspose2d {
		lines, err = lm.transposedLines()
	} else {
		lines, err = lm.poolLines()
	}
	if err != nil {
		lm.drawMessage(p, "No explanation:", err.Error(), colMuted)
		return
	}
	lines = append(lines, "", "Click a cell in the maps tab to explain it.")
	r, y := lm.area, lm.area.Y
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

// poolLines is a pooling cell's window and result.
func (lm *layerMaps) poolLines() ([]string, error) {
	s, c := lm.st, lm.cell
	pc, err := s.Teach.PoolLayerCell(s.Layer, c)
	if err != nil {
		return nil, err
	}
	what := "the mean (padding counts as 0)"
	if pc.Max {
		what = "the largest (*)"
	}
	lines := []string{fmt.Sprintf("y[%d, %d, %d, %d] is %s of the %dx%d window at rows %d..%d, cols %d..%d of layer %d's map %d:",
		s.Sample, c.Map, c.OY, c.OX, what, pc.Kernel[0], pc.Kernel[1], pc.Y0, pc.Y0+pc.Kernel[0]-1, pc.X0, pc.X0+pc.Kernel[1]-1, s.Layer-1, c.Map)}
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
	return append(lines, fmt.Sprintf("  = %s (the layer computed %s)", formatHover(float32(pc.Computed)), formatHover(pc.Value))), nil
}

// transposedLines is a ConvTranspose2d cell's paints and sum.
func (lm *layerMaps) transposedLines() ([]string, error) {
	s, c := lm.st, lm.cell
	if e, ok := s.Player.ExplainedCell(); ok {
		c = e
	}
	var e teach.TransposeCell
	if err := s.Teach.ExplainLayerTransposed(&e, s.Layer, c); err != nil {
		return nil, err
	}
	opg := 1 // the weight [Cin, Cout/groups, kh, kw]: the cell's map is its second index modulo Cout/groups
	if l, ok := s.Layers.TailLayer(s.Layer).(*nn.ConvTranspose2d); ok {
		opg = l.Weight.Value.Shape[1]
	}
	lines := []string{fmt.Sprintf("y[%d, %d, %d, %d] = Σ x·w over the %d pixels of layer %d's maps whose paint (x × the kernel) covers this cell, + bias:",
		s.Sample, c.Map, c.OY, c.OX, len(e.Paints), s.Layer-1)}
	for _, pt := range e.Paints {
		lines = append(lines, fmt.Sprintf("  x[%d,%d,%d] %s × w[%d,%d,%d,%d] %s = %s", pt.Channel, pt.IY, pt.IX, formatHover(pt.Input),
			pt.Channel, c.Map%opg, pt.KY, pt.KX, formatHover(pt.Weight), formatHover(float32(pt.Product))))
	}
	if len(e.Paints) == 0 {
		lines = append(lines, "  (no paint reaches this cell: the kernel is shorter than the stride)")
	}
	return append(lines, fmt.Sprintf("  + bias %s", formatHover(e.Bias)),
		fmt.Sprintf("  = %s (the layer computed %s)", formatHover(float32(e.Sum)), formatHover(e.Value))), nil
}
