package game

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"convplayground/game/state"
	"convplayground/game/teach"
	"convplayground/i18n"
)

// Drawing the ConvTranspose2d explain view (transpose_view.go lays it out).

var (
	colStuffZero = rgb(0xffffff) // a zero inserted between input pixels
	colPadZero   = rgb(0xf1e4cc) // a zero around them (d·(k−1) − padding)
)

func (t *transposePanel) draw(p painter) {
	if !t.transposeExplained() {
		return
	}
	s := t.st
	c, ok := t.explained()
	t.ok = ok && s.Teach.ExplainTransposed(&t.e, c) == nil
	head := t.t(i18n.TransposeHead)
	if t.ok {
		head = fmt.Sprintf("y[%d, %d, %d, %d]", s.Sample, t.e.Cell.Map, t.e.Cell.OY, t.e.Cell.OX)
	}
	heading(p, t.head, head)
	t.drawButtons(p, t.ctrls)
	if s.Out == nil {
		return
	}
	if !t.compact() {
		t.drawMini(p, &t.frame, t.e.Cell, t.ok)
	}
	if !t.ok {
		msg := t.t(i18n.ExplainHint)
		if s.Err != nil {
			msg = t.t(i18n.TransposeRejected)
		}
		t.lines(p, p.wrap(msg, t.info.W, regular, t.numSize()), t.info.X, t.info.Y, colText, regular)
		return
	}
	if s.Teach.ZeroInsertion() {
		t.lines(p, t.stuffedInfo(), t.info.X, t.info.Y, colText, mono)
		t.drawStuffed(p)
		return
	}
	t.lines(p, t.scatterInfo(), t.info.X, t.info.Y, colText, mono)
	t.drawScatter(p)
	markPaints(p, panelIn[*inputPanel](t.g), s, t.e.Cell.OY, t.e.Cell.OX)
}

func (t *transposePanel) numSize() float64 { return t.textSize(sizeSmall) }

// lines draws text lines from (x, y) down, fitted to the panel.
func (t *transposePanel) lines(p painter, ls []string, x, y float64, c color.RGBA, style int) {
	size := t.numSize()
	for i, l := range ls {
		p.text(p.fit(l, t.r.right()-x, style, size), x, y+float64(i)*size*1.3, style, size, c, left)
	}
}

// why says where the explained cell comes from.
func (t *transposePanel) why() string {
	if t.hoverOn {
		return t.t(i18n.ExplainPointed)
	}
	if pc, pinned := t.st.Player.Pinned(); pinned && pc == t.e.Cell {
		return t.t(i18n.ExplainPinned)
	}
	return t.t(i18n.ExplainStepped)
}

// sums are the closing lines of either view: per input channel, + bias,
// = the core's value.
func (t *transposePanel) sums(perChannel []float64) []string {
	var ls []string
	for i, ch := range t.e.Channels {
		ls = append(ls, fmt.Sprintf("Σ %-3s %+.6g", t.st.Bank.ChannelName(ch), perChannel[i]))
	}
	if t.e.HasBias {
		ls = append(ls, fmt.Sprintf("+ b   %+.6g", t.e.Bias))
	}
	return append(ls, fmt.Sprintf("= y   %+.6g", t.e.Value))
}

// scatterInfo: the cell, how many paints meet there, the sums.
func (t *transposePanel) scatterInfo() []string {
	e := &t.e
	n := len(e.Paints) / max(1, len(e.Channels))
	sum := make([]float64, len(e.Channels))
	for i, pt := range e.Paints {
		sum[i/max(1, n)] += pt.Product
	}
	c := t.st.Layers.ConvTranspose2d()
	ls := []string{
		t.tf(i18n.ExplainCell, e.Cell.OY, e.Cell.OX, t.why()),
		t.tf(i18n.TransposePaintCount, n),
		t.tf(i18n.TransposeApart, c.Kernel[0], c.Kernel[1], c.Stride[0]),
	}
	return append(ls, t.sums(sum)...)
}

// stuffedInfo: the cell, the zero-stuffed input's recipe, the sums (in
// two lines when compact).
func (t *transposePanel) stuffedInfo() []string {
	e := &t.e
	sum := make([]float64, len(e.Stuffed))
	zeros := 0
	for i, win := range e.Stuffed {
		for _, tp := range win {
			sum[i] += tp.Product
			if tp.Zero() && i == 0 {
				zeros++
			}
		}
	}
	c := t.st.Layers.ConvTranspose2d()
	if t.compact() {
		total := e.StuffedSum()
		return []string{
			t.tf(i18n.TransposeZerosShort, c.Stride[0]-1, around(t.lang, e.Rows.Before, c.OutputPadding[0])),
			fmt.Sprintf("Σ x·w + b = %+.6g = y (%+.6g)", total, e.Value),
		}
	}
	ls := []string{
		t.tf(i18n.ExplainCell, e.Cell.OY, e.Cell.OX, t.why()),
		t.tf(i18n.TransposeZerosBetween, c.Stride[0]-1),
		t.tf(i18n.TransposeAround, c.Dilation[0], c.Kernel[0], c.Padding[0], e.Rows.Before, around(t.lang, e.Rows.Before, c.OutputPadding[0]), c.OutputPadding[0]),
		t.tf(i18n.TransposeFlipped, zeros, len(e.Stuffed[0])),
	}
	return append(ls, t.sums(sum)...)
}

// shownChannel is the input channel (of the map's group) the pictures
// show: the one the filter editor shows (R, G or B; the sums are over
// all).
func (t *transposePanel) shownChannel() int {
	k := 0
	if ed := panelIn[*filterEditor](t.g); ed != nil {
		k = ed.st.Channel
	}
	return min(max(0, k), len(t.e.Channels)-1)
}

// grid is a block of cells with a title above.
type grid struct {
	r          rect
	rows, cols int
	cs         float64
}

func (g grid) cell(y, x int) rect {
	return rect{g.r.X + float64(x)*g.cs, g.r.Y + float64(y)*g.cs, g.cs, g.cs}
}

// fitNum writes one value in at most chars characters, by the grids'
// rule (teach.FormatGrid), blank when no digit fits.
func fitNum(v float64, chars int) string {
	return teach.FormatGrid([]float64{v}, chars, 4).Format(v)
}

// valueCell fills a cell with bg and writes v in it as far as it fits.
func (t *transposePanel) valueCell(p painter, r rect, v float64, bg color.RGBA, fg color.RGBA) {
	p.fill(r.inset(0.5), bg)
	size := t.numSize()
	p.textIn(fitNum(v, int((r.W-1.5)/(monoAdvance*size))), r, mono, size, fg, center)
}

// inputCell is an input value on the input's grey scale.
func (t *transposePanel) inputCell(p painter, r rect, v float32) {
	lo := 0.0
	if t.st.Normalize {
		lo = -1
	}
	u := uint8(min(1, max(0, (float64(v)-lo)/(1-lo))) * 255)
	bg := color.RGBA{u, u, u, 255}
	t.valueCell(p, r, float64(v), bg, readableOn(bg))
}

// clipSpan is lo..hi clipped to 0..n−1 and to at most most cells around c.
func clipSpan(lo, hi, n, c, most int) (int, int) {
	lo, hi = max(0, lo, c-most/2), min(n-1, hi, c+most/2)
	return lo, max(lo, hi)
}

// drawScatter draws the input pixels that paint the cell (left) and the
// output around the cell with each paint's footprint (right), then the
// terms x·w in the paints' colours.
func (t *transposePanel) drawScatter(p painter) {
	e, s := &t.e, t.st
	n := len(e.Paints) / max(1, len(e.Channels))
	size := t.numSize()
	top := t.pic.Y + size*1.4
	if n == 0 {
		t.lines(p, p.wrap(t.t(i18n.TransposeBiasAlone), t.pic.W, regular, size), t.pic.X, t.pic.Y, colMuted, regular)
		return
	}
	paints := e.Paints[:n]
	iy0, iy1, ix0, ix1 := paints[0].IY, paints[0].IY, paints[0].IX, paints[0].IX
	for _, pt := range paints {
		iy0, iy1, ix0, ix1 = min(iy0, pt.IY), max(iy1, pt.IY), min(ix0, pt.IX), max(ix1, pt.IX)
	}
	g, _ := s.Layers.TransposeGeom()
	c := g.Conv
	iy0, iy1 = clipSpan(iy0-1, iy1+1, g.Input[2], (iy0+iy1)/2, 9)
	ix0, ix1 = clipSpan(ix0-1, ix1+1, g.Input[3], (ix0+ix1)/2, 9)
	ext := c.Dilation[0]*(c.Kernel[0]-1) + 1
	oy0, oy1 := clipSpan(e.Cell.OY-ext+1, e.Cell.OY+ext-1, g.Output[2], e.Cell.OY, 13)
	ox0, ox1 := clipSpan(e.Cell.OX-ext+1, e.Cell.OX+ext-1, g.Output[3], e.Cell.OX, 13)
	in := grid{rows: iy1 - iy0 + 1, cols: ix1 - ix0 + 1}
	out := grid{rows: oy1 - oy0 + 1, cols: ox1 - ox0 + 1}
	termsH := min(t.pic.H*0.45, 6*size*1.3)
	h := t.pic.bottom() - top - termsH - 4
	gap := 24.0
	in.cs = min(h/float64(in.rows), (t.pic.W-gap)*0.4/float64(in.cols), 36)
	in.r = rect{t.pic.X, top, in.cs * float64(in.cols), in.cs * float64(in.rows)}
	out.cs = min(h/float64(out.rows), (t.pic.right()-in.r.right()-gap)/float64(out.cols), 36)
	out.r = rect{in.r.right() + gap, top, out.cs * float64(out.cols), out.cs * float64(out.rows)}
	cs := out.cs
	ch := e.Channels[t.shownChannel()]
	p.text(t.tf(i18n.TransposeFromX, s.Bank.ChannelName(ch), iy0, ix0), in.r.X, t.pic.Y, regular, size, colMuted, left)
	p.text(t.tf(i18n.TransposeFromY, e.Cell.Map, oy0, ox0), out.r.X, t.pic.Y, regular, size, colMuted, left)
	p.text("→", in.r.right()+gap/2, top+in.r.H/2-size*0.6, regular, size+2, colText, center)
	for y := iy0; y <= iy1; y++ {
		for x := ix0; x <= ix1; x++ {
			t.inputCell(p, in.cell(y-iy0, x-ix0), s.InputValue(ch, y, x))
		}
	}
	scale := float64(t.mapScale(e.Cell.Map))
	for y := oy0; y <= oy1; y++ {
		for x := ox0; x <= ox1; x++ {
			v, _ := s.Teach.OutValue(e.Cell.Map, y, x)
			p.fill(out.cell(y-oy0, x-ox0).inset(0.5), withAlpha(cmap(cmapDiverging, float32(float64(v)/scale)), 0.35))
		}
	}
	q := int(math.Ceil(math.Sqrt(float64(n))))
	dot := cs / float64(q)
	for i, pt := range paints {
		col := paintColour(i)
		p.stroke(in.cell(pt.IY-iy0, pt.IX-ix0).inset(1), 2, col)
		y0, x0 := pt.IY*c.Stride[0]-c.Padding[0], pt.IX*c.Stride[1]-c.Padding[1]
		for ky := 0; ky < c.Kernel[0]; ky++ {
			for kx := 0; kx < c.Kernel[1]; kx++ {
				y, x := y0+ky*c.Dilation[0], x0+kx*c.Dilation[1]
				if y < oy0 || y > oy1 || x < ox0 || x > ox1 {
					continue
				}
				r := out.cell(y-oy0, x-ox0)
				p.fill(rect{r.X + float64(i%q)*dot + dot*0.2, r.Y + float64(i/q)*dot + dot*0.2, dot * 0.6, dot * 0.6}, col)
			}
		}
	}
	p.stroke(out.cell(e.Cell.OY-oy0, e.Cell.OX-ox0).inset(-1), 2.5, colText)
	t.drawTerms(p, rect{t.pic.X, max(in.r.bottom(), out.r.bottom()) + 6, t.pic.W, termsH})
}

// drawTerms writes the paints' terms, x[iy, ix]·w[ky, kx] = product, in
// their colours, in as many columns as fit; the rest are counted.
func (t *transposePanel) drawTerms(p painter, r rect) {
	e := &t.e
	n := len(e.Paints) / max(1, len(e.Channels))
	size := t.numSize()
	term := func(pt teach.Paint) string {
		name := ""
		if len(e.Channels) > 1 {
			name = t.st.Bank.ChannelName(pt.Channel) + " "
		}
		return fmt.Sprintf("%sx[%d,%d]·w[%d,%d] %s·%s = %s", name, pt.IY, pt.IX, pt.KY, pt.KX,
			fitNum(float64(pt.Input), 5), fitNum(float64(pt.Weight), 5), fitNum(pt.Product, 6))
	}
	colW := 0.0
	for _, pt := range e.Paints {
		colW = max(colW, p.width(term(pt), mono, size)+14)
	}
	cols, rows := max(1, int(r.W/colW)), max(1, int(r.H/(size*1.3)))
	shown := min(len(e.Paints), cols*rows)
	if shown < len(e.Paints) {
		shown--
	}
	for i := 0; i < shown; i++ {
		x, y := r.X+float64(i/rows)*colW, r.Y+float64(i%rows)*size*1.3
		p.text(term(e.Paints[i]), x, y, mono, size, paintColour(i%n), left)
	}
	if shown < len(e.Paints) {
		i := shown
		p.text(t.tf(i18n.TransposeMore, len(e.Paints)-shown), r.X+float64(i/rows)*colW, r.Y+float64(i%rows)*size*1.3, mono, size, colMuted, left)
	}
}

// markPaints outlines on the input canvas the pixels that paint output
// cell (oy, ox) of a ConvTranspose2d's maps, in their paints' colours
// (the explain view's cell, and the playback strip's stepped cell in the
// maps view).
func markPaints(p painter, in *inputPanel, s *state.State, oy, ox int) {
	g, ok := s.Layers.TransposeGeom()
	if in == nil || !ok || g.Input[2] != s.H() || g.Input[3] != s.W() {
		return
	}
	cs, err := g.Contributions(oy, ox)
	if err != nil {
		return
	}
	for i, c := range cs {
		p.stroke(in.pixel(c.IY, c.IX).inset(-1), 2, paintColour(i))
	}
}

// drawStuffed draws the window on the zero-stuffed input, the flipped
// kernel and the products: in a row when the numbers fit, else the
// window above the other two.
func (t *transposePanel) drawStuffed(p painter) {
	e := &t.e
	size := t.numSize()
	g, _ := t.st.Layers.TransposeGeom()
	c := g.Conv
	kh, kw := g.Weight[2], g.Weight[3]
	ext := [2]int{c.Dilation[0]*(kh-1) + 1, c.Dilation[1]*(kw-1) + 1}
	m := 1 // the stuffed input around the window
	if t.compact() {
		m = 0
	}
	sy0, sy1 := clipSpan(e.Cell.OY-m, e.Cell.OY+ext[0]-1+m, e.Rows.Size, e.Cell.OY+ext[0]/2, 15)
	sx0, sx1 := clipSpan(e.Cell.OX-m, e.Cell.OX+ext[1]-1+m, e.Cols.Size, e.Cell.OX+ext[1]/2, 15)
	st := grid{rows: sy1 - sy0 + 1, cols: sx1 - sx0 + 1}
	need := 4*monoAdvance*size + 2
	top, gap := t.pic.Y+size*1.4, 18.0
	legend := size * 1.4
	h := t.pic.bottom() - top - legend
	cs := min(h/float64(max(st.rows, kh)), (t.pic.W-2*gap)/float64(st.cols+2*kw), 36)
	stacked := cs < need
	if stacked {
		cs = min((h-size*1.4-gap)/float64(st.rows+kh), t.pic.W/float64(max(st.cols, 2*kw)+1), 36)
	}
	st.cs = cs
	st.r = rect{t.pic.X, top, cs * float64(st.cols), cs * float64(st.rows)}
	w := grid{rows: kh, cols: kw, cs: cs, r: rect{st.r.right() + gap, top, cs * float64(kw), cs * float64(kh)}}
	if stacked {
		w.r = rect{t.pic.X, st.r.bottom() + size*1.4 + 8, w.r.W, w.r.H}
	}
	pr := grid{rows: kh, cols: kw, cs: cs, r: rect{w.r.right() + gap, w.r.Y, w.r.W, w.r.H}}
	k := t.shownChannel()
	ch := e.Channels[k]
	p.text(t.tf(i18n.TransposeStuffedFrom, t.st.Bank.ChannelName(ch), sy0, sx0), st.r.X, t.pic.Y, regular, size, colMuted, left)
	p.text(t.tf(i18n.TransposeFlippedW, t.st.Bank.ChannelName(ch)), w.r.X, w.r.Y-size*1.4, regular, size, colMuted, left)
	p.text("x·w", pr.r.X, pr.r.Y-size*1.4, regular, size, colMuted, left)
	for y := sy0; y <= sy1; y++ {
		for x := sx0; x <= sx1; x++ {
			r := st.cell(y-sy0, x-sx0)
			iy, ix := e.Rows.Source(y), e.Cols.Source(x)
			switch {
			case iy >= 0 && ix >= 0:
				t.inputCell(p, r, t.st.InputValue(ch, iy, ix))
			case teach.InSpan(e.Rows, y) && teach.InSpan(e.Cols, x):
				t.valueCell(p, r, 0, colStuffZero, colMuted)
			default:
				t.valueCell(p, r, 0, colPadZero, colMuted)
			}
		}
	}
	win := e.Stuffed[k]
	var wmax, pmax float64
	for _, tp := range win {
		wmax, pmax = max(wmax, math.Abs(float64(tp.Weight))), max(pmax, math.Abs(tp.Product))
	}
	for _, tp := range win {
		if tp.SY >= sy0 && tp.SY <= sy1 && tp.SX >= sx0 && tp.SX <= sx1 {
			p.stroke(st.cell(tp.SY-sy0, tp.SX-sx0).inset(1), 2, colWinTap)
		}
		bg := cmap(cmapDiverging, float32(float64(tp.Weight)/max(wmax, 1e-30)))
		t.valueCell(p, w.cell(tp.KY, tp.KX), float64(tp.Weight), bg, readableOn(bg))
		bg = cmap(cmapDiverging, float32(tp.Product/max(pmax, 1e-30)))
		t.valueCell(p, pr.cell(tp.KY, tp.KX), tp.Product, bg, readableOn(bg))
	}
	y := max(st.r.bottom(), pr.r.bottom()) + 4
	p.fill(rect{t.pic.X, y + 2, size, size}, colStuffZero)
	p.stroke(rect{t.pic.X, y + 2, size, size}, 1, colBorder)
	inserted, zeroAround := t.t(i18n.TransposeInserted), t.t(i18n.TransposeZeroAround)
	p.text(inserted, t.pic.X+size+4, y, regular, size, colMuted, left)
	x := t.pic.X + size + 12 + p.width(inserted, regular, size)
	p.fill(rect{x, y + 2, size, size}, colPadZero)
	p.text(zeroAround, x+size+4, y, regular, size, colMuted, left)
	x += 2*size + 12 + p.width(zeroAround, regular, size)
	p.stroke(rect{x, y + 2, size, size}, 2, colWinTap)
	p.text(t.t(i18n.TransposeWindow), x+size+4, y, regular, size, colMuted, left)
}

// around says what surrounds the stuffed input: before = d·(k − 1) −
// padding zeros in front and before + output_padding behind; a negative
// count is that many rows cropped (padding beyond d·(k − 1)).
func around(l i18n.Lang, before, outPad int) string {
	side := func(n int) string {
		if n < 0 {
			return l.Sprintf(i18n.TransposeCropped, -n)
		}
		return strconv.Itoa(n)
	}
	return l.Sprintf(i18n.TransposeBeforeAfter, side(before), side(before+outPad))
}
