package game

import (
	"fmt"
	"strings"

	"convplayground/game/teach"
	"convplayground/i18n"
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
		lm.drawMessage(p, lm.t(i18n.LayerNoExplanation), err.Error(), colMuted)
		return
	}
	lines = append(lines, "", lm.t(i18n.LayerClickToExplain))
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
	what := i18n.LayerPoolMean
	if pc.Max {
		what = i18n.LayerPoolMax
	}
	lines := []string{lm.tf(what,
		s.Sample, c.Map, c.OY, c.OX, pc.Kernel[0], pc.Kernel[1], pc.Y0, pc.Y0+pc.Kernel[0]-1, pc.X0, pc.X0+pc.Kernel[1]-1, s.Layer-1, c.Map)}
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
	return append(lines, lm.tf(i18n.LayerComputed, formatHover(float32(pc.Computed)), formatHover(pc.Value))), nil
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
	lines := []string{lm.tf(i18n.LayerPaintsHead,
		s.Sample, c.Map, c.OY, c.OX, len(e.Paints), s.Layer-1)}
	for _, pt := range e.Paints {
		lines = append(lines, fmt.Sprintf("  x[%d,%d,%d] %s × w[%d,%d,%d,%d] %s = %s", pt.Channel, pt.IY, pt.IX, formatHover(pt.Input),
			pt.Channel, c.Map%opg, pt.KY, pt.KX, formatHover(pt.Weight), formatHover(float32(pt.Product))))
	}
	if len(e.Paints) == 0 {
		lines = append(lines, lm.t(i18n.LayerNoPaint))
	}
	return append(lines, fmt.Sprintf("  + bias %s", formatHover(e.Bias)),
		lm.tf(i18n.LayerComputed, formatHover(float32(e.Sum)), formatHover(e.Value))), nil
}
