package game

import (
	"image/color"
	"strconv"
	"strings"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
)

// shapesPanel is the bottom panel: the tensors' shapes (left), the
// output-size rule and formula, the counts and the unread input (right),
// the trained network's shape chain and the keys.
type shapesPanel struct {
	*view
	r      rect
	narrow bool // a phone's page: the lines one under another (drawNarrow)
}

func (sp *shapesPanel) layout(a *areas) []control {
	sp.r, sp.narrow = a.shapes, a.narrowShapes()
	return nil
}

// narrowShapes reports whether the shapes panel is a phone's page (its
// export buttons in rows of their own) or too narrow for two halves.
func (a *areas) narrowShapes() bool { return a.export.W > 0 || a.shapes.W < narrowShapesW }

// drawKey: the lines the panel writes.
func (sp *shapesPanel) drawKey(k *drawKey) {
	s := sp.st
	sh := s.Export.Shapes()
	k.r(sp.r)
	lines := tensorLines(sp.lang, sh)
	if sh.Err != nil {
		k.s(sh.Err.Error())
	} else {
		k.s(sh.Rule)
		lines = append(lines, formulaLines(sp.lang, sh)...)
	}
	for _, l := range lines {
		k.s(l.text)
		k.u(uint64(l.c.R)<<16 | uint64(l.c.G)<<8 | uint64(l.c.B))
	}
	k.s(s.Export.ShapeChain())
	k.f(sp.exportEnd)
}

// line is a line of text in its colour.
type line struct {
	text string
	c    color.RGBA
}

func (sp *shapesPanel) draw(p painter) {
	s, r := sp.st, sp.r
	p.roundRect(r, 6, colPanel)
	p.stroke(r, 1, colBorder)
	p.text(sp.t(i18n.ShapesHead), r.X+12, r.Y+8, bold, sizeHead, colText, left)
	if sp.narrow {
		sp.drawNarrow(p)
		return
	}
	sh := s.Export.Shapes()
	for i, l := range tensorLines(sp.lang, sh) {
		p.text(l.text, r.X+12, r.Y+32+float64(i)*18, mono, sizeMono, l.c, left)
	}
	col := r.W / 2
	if sh.Err != nil {
		y := r.Y + 32
		for _, l := range p.wrap(sp.tf(i18n.ShapesError, sh.Err.Error()), col-12, mono, sizeMono) {
			p.text(l, r.X+col, y, mono, sizeMono, colError, left)
			y += 18
		}
		for _, l := range p.wrap(sp.gloss(sh.Err.Error()), col-12, regular, sizeSmall) {
			p.text(l, r.X+col, y, regular, sizeSmall, colMuted, left)
			y += 15
		}
	} else {
		// The rule itself, above the same rule with the numbers in. The
		// column can have five lines: closer together then, so they stay
		// above the LeNet line.
		p.text(sp.ruleText(p, sh.Rule), sp.ruleX(), r.Y+12, mono, sizeSmall, colMuted, left)
		lines := formulaLines(sp.lang, sh)
		step := min(18, (r.H-22-stripH-32-2)/float64(len(lines))) // above the layer strip (strip.go)
		for i, l := range lines {
			p.text(l.text, r.X+col, r.Y+32+float64(i)*step, mono, sizeMono, l.c, left)
		}
	}
	p.text(sp.keysLine(), r.X+12, r.bottom()-20, regular, sizeSmall, colMuted, left)
}

// ruleX is where the output-size rule starts, on the export bar's row: the
// right column, or after the bar's buttons where they reach into it (a
// window 800 px wide).
func (sp *shapesPanel) ruleX() float64 { return max(sp.r.X+sp.r.W/2, sp.exportEnd+8) }

// ruleText is the rule as it fits from ruleX to the panel's edge: in full,
// else with the settings' short names (the line below has their numbers in
// the same places).
func (sp *shapesPanel) ruleText(p painter, rule string) string {
	rule = floorText.Replace(rule)
	return p.fitFirst([]string{rule, shortRule.Replace(rule)}, sp.r.right()-12-sp.ruleX(), mono, sizeSmall)
}

// shortRule names the settings in a rule by their letters.
var shortRule = strings.NewReplacer("output_padding", "op", "padding", "p", "stride", "s", "dilation", "d")

// gloss is what PyTorch's message msg means, on the Korean page (the
// message itself stays in PyTorch's English); "" in English.
func (v *view) gloss(msg string) string {
	if v.lang != i18n.KO {
		return ""
	}
	g, _ := i18n.Gloss(v.lang, msg)
	return g
}

// keysLine is the help line: the focus keys while a control has the focus.
func (sp *shapesPanel) keysLine() string {
	if sp.focus.name != "" {
		return navHelp(sp.lang)
	}
	return keysHelp(sp.lang)
}

// narrowShapesW: a column narrower than this (a phone's page) gets the
// shapes one under another, each line wrapped.
const narrowShapesW = 600

// drawNarrow is the shapes panel as a column of lines: the layer's code
// (the header has no room for it), the tensors, the rule and formula, the
// chain, the keys. On a short, wide page (a phone held sideways) the lines
// go on in a second column; the keys, for a keyboard a phone seldom has,
// are left out when there is no room for them.
func (sp *shapesPanel) drawNarrow(p painter) {
	s, r := sp.st, sp.r
	sh := s.Export.Shapes()
	lines := []line{{s.Export.Code(), colAccent}, {"", colText}}
	lines = append(lines, tensorLines(sp.lang, sh)...)
	lines = append(lines, line{"", colText})
	if sh.Err != nil {
		lines = append(lines, line{sp.tf(i18n.ShapesError, sh.Err.Error()), colError}, line{sp.gloss(sh.Err.Error()), colMuted})
	} else {
		lines = append(lines, line{floorText.Replace(sh.Rule), colMuted})
		lines = append(lines, formulaLines(sp.lang, sh)...)
	}
	if chain := s.Export.ShapeChain(); chain != "" {
		lines = append(lines, line{"", colText}, line{sp.tf(i18n.ShapesLeNetChain, chain), colMuted})
	}
	top, bottom := r.Y+34, r.bottom()-6-stripColumnsH(s) // the layer strip's columns below (strip_phone.go)
	cols, w := 1, r.W-24
	if rows := wrapLines(p, lines, w); float64(len(rows))*16 > bottom-top && (w-colGap)/2 >= minShapesColW {
		cols, w = 2, (w-colGap)/2
	}
	x, y := r.X+12, top
	for _, l := range wrapLines(p, lines, w) {
		if y+16 > bottom {
			if cols == 1 || x != r.X+12 {
				return // no room left: the lines stop above the strip's blocks, not under them
			}
			x, y = x+w+colGap, top // the first column is full: on in the second
		}
		if l.text != "" || y > top {
			p.text(l.text, x, y, mono, sizeSmall+1, l.c, left)
			y += 16
		}
	}
	keys := p.wrap(sp.keysLine(), w, regular, sizeSmall)
	if y+8+float64(len(keys))*14 > bottom {
		return
	}
	for _, t := range keys {
		p.text(t, x, y+8, regular, sizeSmall, colMuted, left)
		y += 14
	}
}

// minShapesColW is the narrowest column of the shapes' lines.
const minShapesColW = 260

// wrapLines wraps each line to w, in its colour.
func wrapLines(p painter, lines []line, w float64) []line {
	var rows []line
	for _, l := range lines {
		for _, t := range p.wrap(l.text, w, mono, sizeSmall+1) {
			rows = append(rows, line{t, l.c})
		}
	}
	return rows
}

// tensorLines are the input, weight, bias and output shapes; a rejected
// setting's output is named as such, in red.
func tensorLines(l i18n.Lang, sh state.Shapes) []line {
	out := line{"output  " + conv.FormatShape(sh.Output), colText}
	if sh.Err != nil {
		out = line{l.T(i18n.ShapesRejectedNoMaps), colError}
		if sh.Output != nil {
			out.text = l.Sprintf(i18n.ShapesRejected, conv.FormatShape(sh.Output))
		}
	}
	weight := "weight  " + conv.FormatShape(sh.Weight)
	if sh.Transposed {
		weight += l.T(i18n.TransposeWeightNote)
	}
	return []line{
		{"input   " + conv.FormatShape(sh.Input) + "   " + sh.Scaling, colText},
		{weight, colText},
		{"bias    " + conv.FormatShape(sh.Bias), colText},
		out,
	}
}

// formulaLines are the output size with the numbers in (one line when both
// axes agree), the parameter and multiply-add counts, and the input rows
// and columns no window reads.
func formulaLines(l i18n.Lang, sh state.Shapes) []line {
	if sh.Transposed {
		return transposeLines(l, sh)
	}
	h, w := floorText.Replace(sh.FormulaH), floorText.Replace(sh.FormulaW)
	lines := []line{{"H_out = W_out = " + h, colAccent}}
	if h != w { // a non-square input (a dropped .npy)
		lines = []line{{"H_out = " + h, colAccent}, {"W_out = " + w, colAccent}}
	}
	c := sh.Counts
	lines = append(lines,
		line{l.Sprintf(i18n.ShapesParams, c.Out, c.In, c.K, c.K, c.Out, commas(c.Params)), colText},
		line{l.Sprintf(i18n.ShapesMACs, batchFactor(c.N), c.Out, c.OH, c.OW, c.In, c.K, c.K, commas(c.MACs)), colText},
	)
	if sh.UnreachedRows != nil || sh.UnreachedCols != nil {
		lines = append(lines, line{l.Sprintf(i18n.ShapesNeverRead, span(sh.UnreachedRows), span(sh.UnreachedCols)), colText})
	}
	return lines
}

// batchFactor is the N· of a product over the batch, "" for one sample.
func batchFactor(n int) string {
	if n <= 1 {
		return ""
	}
	return strconv.Itoa(n) + "·"
}

// span prints a sorted list of indices compactly: [27], [0..1, 27], none.
func span(v []int) string {
	if len(v) == 0 {
		return "none"
	}
	return "[" + ranges(v) + "]"
}

// commas writes v with thousands separators: 392,000.
func commas(v int64) string {
	s := strconv.FormatInt(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ShapeText is the shapes panel's lines as plain text (tensors, then the
// formula and counts while the settings are valid), for the page's
// screen-reader region, in the state's language (the view's).
func ShapeText(s *state.State) []string {
	sh := s.Export.Shapes()
	lines := tensorLines(s.Lang, sh)
	if sh.Err == nil {
		lines = append(lines, formulaLines(s.Lang, sh)...)
	}
	text := make([]string, len(lines))
	for i, l := range lines {
		text[i] = l.text
	}
	return text
}

// Model is the playground's state, for the browser glue's page updates
// (the screen-reader region): read it only on the game's goroutine.
func (g *Game) Model() *state.State { return g.st }
