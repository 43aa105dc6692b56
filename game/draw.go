package game

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/game/state"
)

// Text sizes in virtual pixels.
const (
	sizeTitle = 20
	sizeHead  = 15
	sizeBody  = 13
	sizeSmall = 11
	sizeMono  = 12.5
)

func (g *Game) draw(screen *ebiten.Image) {
	g.refreshAtlas()
	p := painter{dst: screen, k: g.k(), fonts: &g.fonts}
	screen.Fill(colBg)
	g.drawHeader(p)
	g.drawInput(p)
	g.drawSettings(p)
	g.drawFilter(p)
	g.drawMaps(p)
	g.drawShapes(p)
}

func (g *Game) drawHeader(p painter) {
	L := g.lay
	p.fill(L.header, colPanel)
	p.line(0, L.header.bottom(), g.vw, L.header.bottom(), 1, colBorder)
	p.text("Conv Playground", margin, 13, bold, sizeTitle, colText, left)
	x := margin + p.width("Conv Playground", bold, sizeTitle) + 24
	code := g.st.Code()
	p.text(code, x, 17, mono, sizeMono+1, colAccent, left)
	end := g.vw - margin
	if g.OnShare != nil {
		end -= 110 + 12
		g.drawButtons(p, "share")
	}
	if n := g.st.Notice; n != "" { // the last action that could not be done, and why
		x += p.width(code, mono, sizeMono+1) + 20
		p.text(p.fit(n, end-x, regular, sizeBody), end, 18, regular, sizeBody, colError, right)
	}
}

// button draws a control as a rounded button.
func (g *Game) button(p painter, c control) {
	bg, fg := colButton, colText
	if c.on {
		bg, fg = colAccent, rgb(0xffffff)
	} else if g.hover.ctrl == c.name {
		bg = colButtonHi
	}
	p.roundRect(c.r, 5, bg)
	size := float64(sizeBody)
	if strings.HasPrefix(c.name, "preset:") {
		size = sizeSmall + 1
	}
	if c.label == "-" || c.label == "+" || c.label == "<" || c.label == ">" {
		size = 17
	}
	p.textIn(c.label, c.r, regular, size, fg, center)
}

func (g *Game) drawButtons(p painter, prefix ...string) {
	for _, c := range g.lay.ctrls {
		if c.kind == kArea {
			continue
		}
		for _, pre := range prefix {
			if strings.HasPrefix(c.name, pre) {
				g.button(p, c)
				break
			}
		}
	}
}

func heading(p painter, r rect, s string) {
	p.text(s, r.X, r.Y+2, bold, sizeHead, colText, left)
}

func (g *Game) drawInput(p painter) {
	L, s := g.lay, g.st
	heading(p, L.leftHead, "Input x  "+conv.FormatShape(s.InputShape()))
	box, cs := L.canvasBox, L.cs
	p.fill(box, rgb(0xe9e4d8))
	// The padded input: canvas plus the padding ring the shown maps used.
	h, w := s.H(), s.W()
	p.image(g.inputImage(), rect{L.canvas.X - padCells*cs, L.canvas.Y - padCells*cs, float64(w+2*padCells) * cs, float64(h+2*padCells) * cs}, 1)
	if s.MapsFitInput() && s.Geom.Pad != [4]int{} {
		g.drawPadding(p)
	}
	// A faint pixel grid shows the 28x28 cells.
	grid := withAlpha(rgb(0xffffff), 0.07)
	for i := 1; i < max(h, w) && cs >= 6; i++ {
		o := float64(i) * cs
		if i < w {
			p.line(L.canvas.X+o, L.canvas.Y, L.canvas.X+o, L.canvas.bottom(), 1, grid)
		}
		if i < h {
			p.line(L.canvas.X, L.canvas.Y+o, L.canvas.right(), L.canvas.Y+o, 1, grid)
		}
	}
	p.stroke(L.canvas, 1, colAccent)
	g.drawWindow(p)
	g.drawButtons(p, "pen", "eraser", "undo", "clear", "digit", "drawing", "photo", "tensor", "normalize")
	note := "your drawing"
	switch {
	case s.Photo && s.PhotoName != "":
		note = p.fit(s.PhotoName, 120, regular, sizeSmall)
	case s.Photo:
		note = "generated RGB photo"
	case s.CanvasName != "":
		note = p.fit(s.CanvasName, 160, regular, sizeSmall)
	case s.Digit >= 0:
		note = fmt.Sprintf("MNIST test digit: %d", s.Digits[s.Digit].Label)
	}
	p.text(note, L.canvasNote.right(), L.canvasNote.Y+4, regular, sizeSmall, colMuted, right)
	g.drawPrediction(p)
}

// drawPadding marks the ring of padding the shown maps read around the
// canvas: tinted and hatched, so it reads as made up, not drawn.
func (g *Game) drawPadding(p painter) {
	L, s, cs := g.lay, g.st, g.lay.cs
	h, w, pd := s.H(), s.W(), s.Geom.Pad
	ring := rect{L.canvas.X - float64(pd[2])*cs, L.canvas.Y - float64(pd[0])*cs,
		float64(w+pd[2]+pd[3]) * cs, float64(h+pd[0]+pd[1]) * cs}
	tint := withAlpha(colPadTap, 0.22)
	p.fill(rect{ring.X, ring.Y, ring.W, L.canvas.Y - ring.Y}, tint)
	p.fill(rect{ring.X, L.canvas.bottom(), ring.W, ring.bottom() - L.canvas.bottom()}, tint)
	p.fill(rect{ring.X, L.canvas.Y, L.canvas.X - ring.X, L.canvas.H}, tint)
	p.fill(rect{L.canvas.right(), L.canvas.Y, ring.right() - L.canvas.right(), L.canvas.H}, tint)
	p.stroke(ring, 1, colPadTap)
	hatch := withAlpha(colPadTap, 0.55)
	for y := -pd[0]; y < h+pd[1] && cs >= 3; y++ { // each cell, when big enough to see
		for x := -pd[2]; x < w+pd[3]; x++ {
			if y >= 0 && x >= 0 && y < h && x < w {
				continue
			}
			cx, cy := L.canvas.X+float64(x)*cs, L.canvas.Y+float64(y)*cs
			p.line(cx+cs*0.2, cy+cs*0.8, cx+cs*0.8, cy+cs*0.2, 1, hatch)
		}
	}
	p.text("padding ("+s.OutConv.PaddingMode+")", ring.X, ring.bottom()+1, regular, sizeSmall, colMuted, left)
}

// drawWindow outlines, on the canvas, the taps of the hovered output cell:
// blue inside the input, orange in the padding.
func (g *Game) drawWindow(p painter) {
	h, L := g.hover, g.lay
	if h.ch < 0 {
		return
	}
	taps := g.st.Window(h.oy, h.ox)
	if len(taps) == 0 {
		return
	}
	cs := L.cs
	at := func(t conv.Tap) rect {
		return rect{L.canvas.X + float64(t.X)*cs, L.canvas.Y + float64(t.Y)*cs, cs, cs}
	}
	a, b := at(taps[0]), at(taps[len(taps)-1])
	p.stroke(rect{a.X, a.Y, b.right() - a.X, b.bottom() - a.Y}, 2, colWinTap)
	for _, t := range taps {
		c := colWinTap
		if t.InPadding {
			c = colPadTap
		}
		p.fill(at(t).inset(cs*0.15), withAlpha(c, 0.45))
	}
}

func (g *Game) drawSettings(p painter) {
	L := g.lay
	heading(p, L.midHead, "Conv2d settings")
	for _, v := range L.settings {
		p.textIn(v.label, rect{v.r.X, v.r.Y, 150, v.r.H}, mono, sizeMono, colText, left)
		p.textIn(v.value, rect{v.r.X + 180, v.r.Y, v.r.W - 210, v.r.H}, mono, sizeMono+1, colText, center)
	}
	g.drawButtons(p, state.SetOut, state.SetKernel, state.SetStride, state.SetPadding, state.SetDilation, state.SetMode)
}

func (g *Game) drawFilter(p painter) {
	L, s := g.lay, g.st
	f := s.Filters[g.sel]
	title := fmt.Sprintf("Filter %d of %d", g.sel, s.OutChannels)
	if f.Edited {
		title += "  (edited)"
	}
	heading(p, L.filterHead, title)
	p.roundRect(L.preset, 4, colPanel)
	p.textIn(L.presetText, L.preset, regular, sizeBody, colText, center)
	g.drawWeights(p)
	g.drawBias(p)
	g.drawButtons(p, "preset-", "preset+", "bias", "learned", "presets")
	if g.menu {
		p.roundRect(L.menu, 6, colPanel)
		p.stroke(L.menu, 1, colBorder)
		g.drawButtons(p, "preset:")
	}
	// The bank: every active filter as a thumbnail; click to edit.
	p.text("Filter bank (click one to edit)", L.bankHead.X, L.bankHead.Y, regular, sizeSmall, colMuted, left)
	for i, r := range L.bank {
		drawKernel(p, s.Filters[i].W[:s.Kernel*s.Kernel], s.Kernel, r)
		if i == g.sel {
			p.stroke(r.inset(-2), 2, colAccent)
		}
	}
}

// drawWeights draws the selected filter's weights (channel 0), coloured on
// a scale of the filter's own largest weight, with the selected one framed.
func (g *Game) drawWeights(p painter) {
	L, s, k := g.lay, g.st, g.st.Kernel
	m := maxAbs(s.Filters[g.sel].W[:k*k])
	cs := L.gridCell
	for ky := 0; ky < k; ky++ {
		for kx := 0; kx < k; kx++ {
			r := rect{L.grid.X + float64(kx)*cs, L.grid.Y + float64(ky)*cs, cs, cs}
			w := s.Weight(g.sel, 0, ky, kx)
			c := cmap(cmapDiverging, w/m)
			p.fill(r.inset(1), c)
			txt := fmtWeight(w, cs)
			sel := g.cellOn && g.cell == [2]int{ky, kx}
			if sel && g.typing != "" {
				txt = g.typing + "_"
			}
			p.textIn(txt, r, mono, min(sizeMono, cs*0.3), readableOn(c), center)
			if sel {
				p.stroke(r.inset(1), 2.5, colText)
			}
		}
	}
}

// drawBias draws the bias beside the weights, and the help under it.
func (g *Game) drawBias(p painter) {
	s, k, n := g.st, g.st.Kernel, g.lay.biasNote
	f := s.Filters[g.sel]
	p.text("bias", n.X, n.Y, regular, sizeBody, colText, left)
	bv := g.lay.biasValue
	btxt := fmt.Sprintf("%.3g", f.B)
	if g.cellOn && g.cell == biasCell {
		p.roundRect(bv, 4, colPanel)
		p.stroke(bv, 2, colText)
		if g.typing != "" {
			btxt = g.typing + "_"
		}
	}
	p.textIn(btxt, bv, mono, sizeMono, colText, center)
	help := "Click a weight, drag up/down, or type a number and Enter."
	switch {
	case g.cellOn && g.cell == biasCell:
		help = fmt.Sprintf("b[%d] = %.4g. Drag, arrows, or type + Enter.", g.sel, f.B)
	case g.cellOn:
		help = fmt.Sprintf("w[%d, 0, %d, %d] = %.4g. Drag, arrows, or type + Enter.", g.sel, g.cell[0], g.cell[1], s.Weight(g.sel, 0, g.cell[0], g.cell[1]))
	}
	notes := []string{help}
	if len(f.W) > k*k { // first: it says what the grid is
		notes = []string{fmt.Sprintf("Shown: channel 0 of %d (%s).", len(f.W)/(k*k), s.Channels(g.sel).Note), help}
	}
	// Each note whole or not at all, never under the buttons below.
	y := n.Y + 52
	for _, note := range notes {
		lines := p.wrap(note, n.W, regular, sizeSmall)
		if y+float64(len(lines))*14 > n.bottom() {
			break
		}
		for _, line := range lines {
			p.text(line, n.X, y, regular, sizeSmall, colMuted, left)
			y += 14
		}
	}
}

// fmtWeight prints a weight compactly enough for a cell of size cs.
func fmtWeight(w float32, cs float64) string {
	if w == 0 {
		return "0"
	}
	if cs < 26 {
		return fmt.Sprintf("%.1f", w)
	}
	s := fmt.Sprintf("%.2f", w)
	if len(s) > 5 {
		s = fmt.Sprintf("%.3g", w)
	}
	return s
}

// drawKernel draws a k×k kernel as a thumbnail, on its own colour scale.
func drawKernel(p painter, w []float32, k int, r rect) {
	m := maxAbs(w)
	cs := r.W / float64(k)
	for i, v := range w {
		p.fill(rect{r.X + float64(i%k)*cs, r.Y + float64(i/k)*cs, cs + 0.5, cs + 0.5}, cmap(cmapDiverging, v/m))
	}
}

func (g *Game) drawMaps(p painter) {
	L, s := g.lay, g.st
	head := "Feature maps y"
	if s.Out != nil {
		head += "  " + conv.FormatShape(s.Out.Shape)
	}
	heading(p, L.rightHead, head)
	g.drawButtons(p, "colormap", "scale")
	alpha := float32(1)
	if s.Stale() {
		alpha = 0.3
	}
	caps := g.captions(p)
	for i, r := range L.tiles {
		p.text(caps[i], r.X, r.Y-15, regular, sizeSmall, colMuted, left)
		p.image(g.mapImage(i), r, alpha)
		if i == g.sel {
			p.stroke(r.inset(-2), 2, colAccent)
		}
		if h := g.hover; h.ch == i && !s.Stale() {
			oh, ow := s.Out.Shape[2], s.Out.Shape[3]
			cw, ch := r.W/float64(ow), r.H/float64(oh)
			p.stroke(rect{r.X + float64(h.ox)*cw, r.Y + float64(h.oy)*ch, cw, ch}, 1.5, colText)
		}
	}
	if s.Err != nil {
		g.drawRejected(p)
	}
	g.drawLegend(p)
	for i, l := range g.hoverLines(p) {
		if 4+float64(i+1)*hoverLineH > L.hoverLine.H+2 { // never over the shapes panel
			break
		}
		p.text(l, L.hoverLine.X, L.hoverLine.Y+4+float64(i)*hoverLineH, mono, sizeSmall, colText, left)
	}
}

// captions name each map by its index and filter ("3 sobel y", a * when
// edited). Where one of them does not fit its map's width with room to
// spare before the next, all are the index alone (the filter editor names
// the selected map's preset): names cut to "lear…" crowd the index, and a
// mixed grid reads as if the bare maps were different.
func (g *Game) captions(p painter) []string {
	ids, full := make([]string, len(g.lay.tiles)), make([]string, len(g.lay.tiles))
	fits := true
	for i, r := range g.lay.tiles {
		f, star := g.st.Filters[i], ""
		if f.Edited {
			star = "*"
		}
		ids[i], full[i] = strconv.Itoa(i)+star, strconv.Itoa(i)+" "+f.Preset+star
		fits = fits && p.width(full[i], regular, sizeSmall) <= r.W-6
	}
	if fits {
		return full
	}
	for i, r := range g.lay.tiles {
		ids[i] = p.fit(ids[i], r.W, regular, sizeSmall)
	}
	return ids
}

// hoverLines is the text under the maps, wrapped to the column.
func (g *Game) hoverLines(p painter) []string {
	txt := g.hover.text
	if txt == "" {
		txt = "Point at a map to see a value and the window it reads."
	}
	w := g.lay.hoverLine.W
	var lines []string
	for _, para := range strings.Split(txt, "\n") {
		// Too long for the column: break where the meaning breaks (before
		// "= Σ w·x + b" or "(n of 25 taps in padding)"), not mid-sum.
		for _, at := range []string{" = Σ", " ("} {
			if i := strings.Index(para, at); i > 0 && p.width(para, mono, sizeSmall) > w {
				lines = append(lines, p.wrap(para[:i], w, mono, sizeSmall)...)
				para = para[i+1:]
			}
		}
		lines = append(lines, p.wrap(para, w, mono, sizeSmall)...)
	}
	return lines
}

// rejectedLines wraps PyTorch's message to the banner's width.
func rejectedLines(p painter, msg string, w float64) []string {
	return p.wrap(msg, w-24, regular, sizeBody)
}

// drawRejected puts PyTorch's message above the (dimmed) maps.
func (g *Game) drawRejected(p painter) {
	r, lines := g.lay.banner, g.lay.rejected
	p.roundRect(r, 6, rgb(0xfbe9e7))
	p.stroke(r, 1.5, colError)
	p.text("Rejected by PyTorch:", r.X+12, r.Y+8, bold, sizeBody, colError, left)
	for i, l := range lines {
		p.text(l, r.X+12, r.Y+28+18*float64(i), regular, sizeBody, colError, left)
	}
	p.text("Showing the last valid maps. Change a setting to fix it.", r.X+12, r.bottom()-20, regular, sizeSmall, colMuted, left)
}

func (g *Game) drawLegend(p painter) {
	L, s := g.lay, g.st
	r := L.legend
	if s.Out == nil {
		return
	}
	bar := rect{r.X, r.Y + 3, min(160, r.W/3), 12}
	const steps = 64
	for i := 0; i < steps; i++ {
		t := float32(i)/(steps-1)*2 - 1
		p.fill(rect{bar.X + float64(i)*bar.W/steps, bar.Y, bar.W/steps + 0.5, bar.H}, cmap(g.st.Colormap, t))
	}
	p.stroke(bar, 1, colBorder)
	ch := max(0, min(g.sel, len(s.MapMin)-1))
	if g.hover.ch >= 0 && g.hover.ch < len(s.MapMin) {
		ch = g.hover.ch
	}
	m := g.mapScale(ch)
	p.text(fmt.Sprintf("-%.3g", m), bar.X, bar.bottom()+1, mono, sizeSmall-1, colMuted, left)
	p.text("0", bar.X+bar.W/2, bar.bottom()+1, mono, sizeSmall-1, colMuted, center)
	p.text(fmt.Sprintf("+%.3g", m), bar.right(), bar.bottom()+1, mono, sizeSmall-1, colMuted, right)
	txt := fmt.Sprintf("map %d: min %.3g, max %.3g", ch, s.MapMin[ch], s.MapMax[ch])
	if s.SharedScale {
		txt = fmt.Sprintf("all maps: min %.3g, max %.3g", s.Min, s.Max)
	}
	p.text(txt, bar.right()+10, r.Y+1, mono, sizeSmall, colText, left)
}

func (g *Game) drawShapes(p painter) {
	L, s := g.lay, g.st
	r := L.bottom
	p.roundRect(r, 6, colPanel)
	p.stroke(r, 1, colBorder)
	p.text("Shapes", r.X+12, r.Y+8, bold, sizeHead, colText, left)
	lines := s.ShapeLines()
	col := r.W / 2
	// The right column (formula, counts, unread input) can have five lines:
	// closer together then, so they stay above the LeNet line.
	step := min(18, (r.H-40-32-2)/float64(max(1, len(lines)-4)))
	for i, l := range lines {
		x, y := r.X+12, r.Y+32+float64(i)*18
		if i >= 4 {
			x, y = r.X+col, r.Y+32+float64(i-4)*step
		}
		c := colText
		if s.Err != nil && i == 3 {
			c = colError
		}
		if strings.HasPrefix(l, "H_out") || strings.HasPrefix(l, "W_out") { // the formula with the numbers in
			c = colAccent
		}
		p.text(l, x, y, mono, sizeMono, c, left)
	}
	if s.Err == nil { // the formula itself, above the same formula with the numbers in
		p.text(formulaText(s.Dilation), r.X+col, r.Y+12, mono, sizeSmall, colMuted, left)
	}
	if s.Err != nil {
		for i, l := range p.wrap("Error: "+s.Err.Error(), col-12, mono, sizeMono) {
			p.text(l, r.X+col, r.Y+32+float64(i)*18, mono, sizeMono, colError, left)
		}
	}
	if chain := s.ShapeChain(); chain != "" {
		chain = p.fit("trained LeNet (conv1 = learned filters): "+chain, r.W-24, mono, sizeSmall)
		p.text(chain, r.X+12, r.bottom()-40, mono, sizeSmall, colMuted, left)
	}
	keys := "keys: s/S stride  p/P padding  d/D dilation  k/K kernel  o/O out  m mode  n normalize  c clear  u undo  r digit  x eraser  g colours  l scale  [ ] filter  < > preset"
	p.text(keys, r.X+12, r.bottom()-20, regular, sizeSmall, colMuted, left)
}

// formulaText is PyTorch's output-size rule per axis, in the same form as
// the numbers the shapes panel puts into it (conv.Geometry.Formula).
func formulaText(dilation int) string {
	k := "k"
	if dilation != 1 {
		k = "(dilation·(k−1)+1)"
	}
	return "out = floor((in − " + k + " + 2·padding) / stride) + 1"
}

// maxAbs is the largest |v| of w, or 1 when all are 0: a colour scale.
func maxAbs(w []float32) float32 {
	var m float32
	for _, v := range w {
		m = max(m, v, -v)
	}
	if m == 0 {
		return 1
	}
	return m
}
