package game

import (
	"fmt"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
)

// The shapes panel's lines for a ConvTranspose2d: its output size with the
// numbers in, the counts, and its shape inverse (the Conv2d with the same
// kernel, stride and padding, which maps the output's size back).

// transposeLines are formulaLines for a ConvTranspose2d's maps.
func transposeLines(l i18n.Lang, sh state.Shapes) []line {
	h, w := sh.FormulaH, sh.FormulaW
	lines := []line{{"H_out = W_out = " + h, colAccent}}
	if h != w {
		lines = []line{{"H_out = " + h, colAccent}, {"W_out = " + w, colAccent}}
	}
	c := sh.Counts
	lines = append(lines, line{l.Sprintf(i18n.TransposeCounts,
		sh.Weight[0], c.In, c.K, c.K, c.Out, commas(c.Params), commas(c.MACs)), colText})
	return append(lines, inverseLines(l, sh)...)
}

// inverseLines say what the shape inverse does to the output's height: the
// Conv2d's formula on it and, as the floor division maps several sizes to
// one, which of them output_padding picks.
func inverseLines(l i18n.Lang, sh state.Shapes) []line {
	inv := sh.Inverse
	c := inv.Conv
	head := l.Sprintf(i18n.TransposeInverse, c.InChannels, c.OutChannels, c.Kernel[0], c.Stride[0], c.Padding[0])
	if c.Dilation[0] != 1 {
		head += fmt.Sprintf(", dilation=%d", c.Dilation[0])
	}
	lines := []line{{head + ")", colText}}
	if inv.Err != nil {
		return append(lines, line{l.Sprintf(i18n.TransposeInverseRefuses, conv.FormatShape(sh.Output), inv.Err), colError})
	}
	hin, lo, hi := sh.Input[2], inv.Sizes[0][0], inv.Sizes[0][1]
	formula := floorText.Replace(inv.Geom.Formula(0))
	if !inv.Exact {
		return append(lines, line{fmt.Sprintf("%s ≠ H_in = %d", formula, hin), colError},
			line{l.T(i18n.TransposePastInverse), colError})
	}
	pick := l.Sprintf(i18n.TransposeOnly, lo, hin)
	if hi > lo {
		pick = l.Sprintf(i18n.TransposeAllGive, lo, hi, hin, sh.Output[2]-lo, sh.Output[2])
	}
	return append(lines, line{l.Sprintf(i18n.TransposeExact, formula), colText}, line{pick, colText})
}

// paintsText says which input pixels paint output cell (oy, ox) of a
// ConvTranspose2d's maps: the hover's line where a Conv2d's names its window.
func paintsText(l i18n.Lang, s *state.State, oy, ox int) string {
	g, ok := s.Layers.TransposeGeom()
	if !ok {
		return ""
	}
	cs, err := g.Contributions(oy, ox)
	switch {
	case err != nil:
		return ""
	case len(cs) == 0:
		return l.T(i18n.TransposeNoPaint)
	}
	a, b := cs[0], cs[len(cs)-1] // kernel order: the last pixel first
	return l.Sprintf(i18n.TransposePaintedBy, len(cs), b.IY, a.IY, b.IX, a.IX)
}
