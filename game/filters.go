package game

import (
	"convplayground/game/preset"
	"convplayground/game/teach"
	"fmt"

	"convplayground/i18n"
	"github.com/hajimehoshi/ebiten/v2"
)

// filterEditor is the selected filter's editor: its preset (with a list to
// pick one), its weights (drag or type them), its bias, the Learned/Preset
// bank buttons, and the bank of every active filter.
type filterEditor struct {
	*view
	// Editing.
	cell   [2]int // the selected weight (ky, kx), or biasCell
	cellOn bool   // a weight or the bias is selected for editing
	menu   bool   // the preset list is open
	typing string // a weight value being typed
	ch     int    // the filter's channel shown and edited (weight[o, ch])
	chKey  [2]int // the filter's channels and the input's when the cell was chosen
	drag   valueDrag

	// Layout.
	head       rect
	preset     rect   // the selected filter's preset (a press opens the list)
	presetText string // its name
	grid       rect   // the weights
	gridCell   float64
	biasNote   rect // the bias, then help, above the Learned/Preset buttons
	biasValue  rect // the bias's value, between its − and +
	list       rect // the open preset list
	bankHead   rect
	bankHeadH  float64 // the bank heading's height, 0 when it has no room
	bank       []rect  // thumbnails of the active filters
	ctrls      []control
}

// presetW is the width of the preset's box, between its < and >.
const presetW = 156

// drawKey: the editing state and every active filter's numbers.
func (f *filterEditor) drawKey(k *drawKey) {
	s := f.st
	k.i(f.st.Filter)
	k.i(f.st.Channel)
	k.i(f.cell[0])
	k.i(f.cell[1])
	k.b(f.cellOn)
	k.b(f.menu)
	k.s(f.typing)
	k.s(f.presetText)
	k.i(s.Kernel)
	k.r(f.head)
	k.r(f.grid)
	k.r(f.biasNote)
	k.r(f.bankHead)
	for i := range f.bank {
		fl := &s.Bank.Filters[i]
		k.b(fl.Edited)
		k.f32(fl.B)
		for _, w := range fl.W {
			k.f32(w)
		}
	}
	for _, n := range f.notes() {
		k.s(n)
	}
}

// biasCell in cell means the bias is selected rather than a weight.
var biasCell = [2]int{-1, -1}

func newFilterEditor(v *view) *filterEditor {
	f := &filterEditor{view: v}
	v.onSelect = append(v.onSelect, func() { f.cellOn, f.typing, f.menu = false, "", false })
	return f
}

func (f *filterEditor) layout(a *areas) []control {
	s := f.st
	if s.Layer > 0 { // a deeper layer's weights are layerSettings'
		return nil
	}
	if f.cellOn && f.cell != biasCell && (f.cell[0] >= s.Kernel || f.cell[1] >= s.Kernel) {
		f.cellOn, f.typing = false, ""
	}
	f.ctrls = nil
	y := f.layoutPicker(a.filters.X, a.filters.Y)
	f.layoutChannels(a.filters.X+2*stepW+presetW+6, y-rowH-2, a.filters.right())
	f.layoutWeights(a.filters, y)
	if f.menu {
		f.layoutList()
	}
	f.layoutBank(a.filters, f.grid.bottom()+6)
	return f.ctrls
}

func (f *filterEditor) add(c control) { f.ctrls = append(f.ctrls, c) }

// layoutPicker places the heading and the preset with its arrows; it
// returns where the weights go.
func (f *filterEditor) layoutPicker(x, y float64) float64 {
	s := f.st
	f.head = rect{x, y, presetW + 2*stepW, headH}
	y += headH
	f.add(control{name: "preset-", kind: kStep, r: rect{x, y, stepW, rowH - 2}, label: "<", picker: true,
		press: func(float64, float64) { s.Bank.CyclePreset(f.st.Filter, -1) }})
	f.add(control{name: "preset+", kind: kStep, r: rect{x + stepW + presetW, y, stepW, rowH - 2}, label: ">", picker: true,
		press: func(float64, float64) { s.Bank.CyclePreset(f.st.Filter, +1) }})
	f.preset, f.presetText = rect{x + stepW, y, presetW, rowH - 2}, f.known(s.Bank.Filters[f.st.Filter].Preset.String(), i18n.PresetKeys...)+" ▼"
	if s.Bank.Filters[f.st.Filter].From != "" {
		f.presetText = s.Bank.Filters[f.st.Filter].From + " ▼"
	} else if s.Bank.Filters[f.st.Filter].Preset == preset.Kaiming {
		f.presetText = f.tf(i18n.FiltersKaimingSeed, s.Bank.Filters[f.st.Filter].Seed)
	}
	f.add(control{name: "preset_menu", kind: kArea, r: f.preset, picker: true, press: func(float64, float64) { f.menu = !f.menu }})
	return y + rowH + 2
}

// layoutChannels places a tab per channel of the filter (R, G, B on the
// photo) from x to right on the picker's row; a new input or channel count
// starts again on the first channel.
func (f *filterEditor) layoutChannels(x, y, right float64) {
	s, n := f.st, f.st.Bank.FilterShape()[1]
	if key := [2]int{n, s.C()}; key != f.chKey {
		f.chKey, f.cellOn, f.typing = key, false, ""
	}
	if n < 2 {
		return
	}
	w := min(30, (right-x-float64(n-1)*3)/float64(n))
	for c := range n {
		f.add(control{name: fmt.Sprintf("chan%d", c), kind: kToggle, on: c == f.st.Channel,
			r: rect{x + float64(c)*(w+3), y, w, rowH - 2}, label: s.Bank.ChannelName(s.Bank.InputChannel(f.st.Filter, c)),
			press: func(float64, float64) { f.st.SelectChannel(c); f.typing = "" }})
	}
}

// layoutWeights places the weights from y down in r, and the bias and the
// bank buttons right of them.
func (f *filterEditor) layoutWeights(r rect, y float64) {
	s, x := f.st, r.X
	// Room for the bias column right of the weights, and below them for the
	// bank's heading and its rows (two, or more on a phone's narrow column).
	cols, tw := bankGrid(r.W, s.OutChannels, s.Kernel)
	rows := max(2, (s.OutChannels+cols-1)/cols)
	bank := bankHeadH(tw) + float64(rows)*(tw-2) + 4 // up to three rows, as it always has been
	if rows > 3 {
		bank = 4 + bankHeadH(tw) + float64(rows)*tw // a model's many filters: what layoutBank takes, to the pixel
	}
	f.bankHeadH = bankHeadH(tw)
	if r.bottom()-y-bank < minGrid { // a short column (a phone held sideways): the bank goes without its heading
		bank, f.bankHeadH = bank-f.bankHeadH, 0
	}
	gs := min(216.0, r.W-biasColW, r.bottom()-y-bank)
	f.grid = rect{x, y, gs, gs}
	f.gridCell = gs / float64(s.Kernel)
	for ky := 0; ky < s.Kernel; ky++ {
		for kx := 0; kx < s.Kernel; kx++ {
			c := rect{x + float64(kx)*f.gridCell, y + float64(ky)*f.gridCell, f.gridCell, f.gridCell}
			f.add(control{name: fmt.Sprintf("cell_%d_%d", ky, kx), kind: kCell, r: c,
				press: func(_, y float64) { f.pressCell(ky, kx, y) }, drag: f.dragValue})
		}
	}
	bx, right := x+gs+10, r.right()
	bias := func(d float64) func(float64, float64) {
		return func(float64, float64) { s.Bank.SetBias(f.st.Filter, float64(s.Bank.Filters[f.st.Filter].B)+d) }
	}
	f.add(control{name: "bias-", kind: kStep, r: rect{bx, y + 18, stepW, rowH - 4}, label: "-", press: bias(-0.1)})
	f.add(control{name: "bias+", kind: kStep, r: rect{right - stepW, y + 18, stepW, rowH - 4}, label: "+", press: bias(+0.1)})
	f.biasNote = rect{bx, y, right - bx, gs - 2*rowH - 8} // ends above the two buttons
	f.biasValue = rect{bx + stepW + 2, y + 18, right - bx - 2*stepW - 4, rowH - 4}
	f.add(control{name: "bias_value", kind: kArea, r: f.biasValue,
		press: func(_, y float64) { f.pressCell(-1, -1, y) }, drag: f.dragValue})
	f.add(control{name: "learned", kind: kButton, r: rect{bx, y + gs - 2*rowH - 6, right - bx, rowH}, label: f.t(i18n.FiltersLearned),
		press: func(float64, float64) { s.Trained.LoadLearned() }})
	f.add(control{name: "presets", kind: kButton, r: rect{bx, y + gs - rowH, right - bx, rowH}, label: f.t(i18n.FiltersPreset),
		press: func(float64, float64) { s.Bank.ResetBank() }})
}

// layoutList places the preset list over the weights, in two columns.
func (f *filterEditor) layoutList() {
	s, x, gs := f.st, f.grid.X, f.grid.W
	cw, p := gs/2, painter{k: f.k(), fonts: &f.fonts} // a column as wide as its longest name ("gaussian blur")
	for _, name := range preset.Cycle {
		cw = max(cw, p.width(f.known(name.String(), i18n.PresetKeys...), regular, sizeSmall+1)+12)
	}
	f.list = rect{x - 4, f.grid.Y - 4, 2*cw + 8, gs + 8}
	rows := (len(preset.Cycle) + 1) / 2
	ih := gs / float64(rows)
	for i, name := range preset.Cycle {
		r := rect{x + float64(i/rows)*cw, f.grid.Y + float64(i%rows)*ih, cw - 3, ih - 3}
		f.add(control{name: "preset:" + name.String(), kind: kItem, r: r, label: f.known(name.String(), i18n.PresetKeys...), on: s.Bank.Filters[f.st.Filter].Preset == name, picker: true,
			press: func(float64, float64) { s.Bank.SetPreset(f.st.Filter, name); f.menu = false }})
	}
}

// minGrid is the least side of the weights for which the bank keeps its
// heading: a finger a cell at k=5 on a phone (24 layout px, 32 CSS px).
const minGrid = 5 * 24

// biasColW is the least room right of the weights: the bias and the
// Learned/Preset buttons.
const biasColW = 104

// bankGrid is how many thumbnails a row of the bank of n filters of k×k
// has in a column w wide, and their pitch: ten, fewer when a narrow column
// would make them smaller than a finger; when n needs more than three
// rows (a model's 64 filters), four rows of thumbnails down to 20 px; with
// kernels of 8 and more, whose numbers need the room, rows of 10 px
// thumbnails (the maps select a filter too).
func bankGrid(w float64, n, k int) (int, float64) {
	cols := max(1, min(10, int(w/32)))
	switch {
	case k >= 8:
		cols = max(cols, int(w/10))
	case (n+cols-1)/cols > 3:
		cols = max(cols, min((n+3)/4, int(w/20)))
	}
	return cols, w / float64(cols)
}

// bankHeadH is the bank's heading's height: none over thumbnails under
// 20 px (big kernels' 64 filters: their numbers need the room).
func bankHeadH(tw float64) float64 {
	if tw < 20 {
		return 0
	}
	return 18
}

// layoutBank places the thumbnails of the active filters in r's width.
func (f *filterEditor) layoutBank(r rect, y float64) {
	x := r.X
	cols, tw := bankGrid(r.W, f.st.OutChannels, f.st.Kernel)
	f.bankHead = rect{x, y, r.W, f.bankHeadH}
	y += f.bankHeadH
	f.bank = f.bank[:0]
	for i := 0; i < f.st.OutChannels; i++ {
		r := rect{x + float64(i%cols)*tw + 2, y + float64(i/cols)*tw + 2, tw - 4, tw - 4}
		f.bank = append(f.bank, r)
		f.add(control{name: fmt.Sprintf("filter%d", i), kind: kArea, r: r, press: func(float64, float64) { f.selectFilter(i) }})
	}
}

// pressed closes the open preset list when a press lands anywhere but on
// the picker.
func (f *filterEditor) pressed(c *control) {
	if f.menu && !c.picker {
		f.menu = false
	}
}

// pressCell selects a weight (or the bias, at biasCell) of the selected
// filter for dragging or typing; y is where the drag starts.
func (f *filterEditor) pressCell(ky, kx int, y float64) {
	if !f.cellOn || f.cell != [2]int{ky, kx} {
		f.typing = ""
	}
	f.cell, f.cellOn = [2]int{ky, kx}, true
	f.drag.start(y, f.selectedValue())
}

// dragValue: drag up to raise the selected value (valueDrag).
func (f *filterEditor) dragValue(_, y float64) {
	if v, ok := f.drag.at(y); ok && f.cellOn {
		f.typing = ""
		f.setSelected(v)
	}
}

func (f *filterEditor) selectedValue() float32 {
	if f.cell == biasCell {
		return f.st.Bank.Filters[f.st.Filter].B
	}
	return f.st.Bank.Weight(f.st.Filter, f.st.Channel, f.cell[0], f.cell[1])
}

func (f *filterEditor) setSelected(v float64) {
	if f.cell == biasCell {
		f.st.Bank.SetBias(f.st.Filter, v)
		return
	}
	f.st.Bank.SetWeight(f.st.Filter, f.st.Channel, f.cell[0], f.cell[1], v)
}

// enterTyped applies the typed value to the selected weight or bias.
func (f *filterEditor) enterTyped() {
	if f.cell == biasCell {
		f.st.Bank.SetBiasText(f.st.Filter, f.typing)
	} else {
		f.st.Bank.SetWeightText(f.st.Filter, f.st.Channel, f.cell[0], f.cell[1], f.typing)
	}
	f.typing = ""
}

// char takes the characters of a number while a value is selected.
func (f *filterEditor) char(r rune) bool {
	if f.cellOn && f.st.Layer == 0 && (r >= '0' && r <= '9' || r == '.' || r == '-' || r == 'e') {
		f.typing += string(r)
		return true
	}
	return false
}

// key edits the typed number, applies it, steps the selected value, or
// (Escape) ends the editing and closes the list.
func (f *filterEditor) key(k keyCode) bool {
	if f.st.Layer > 0 { // a deeper layer's weights are layerSettings'
		return false
	}
	switch {
	case f.typing != "" && k == ebiten.KeyBackspace:
		f.typing = f.typing[:len(f.typing)-1]
	case f.typing != "" && (k == ebiten.KeyEnter || k == ebiten.KeyNumpadEnter):
		f.enterTyped()
	case k == ebiten.KeyEscape:
		f.typing, f.cellOn, f.menu = "", false, false
	case f.cellOn && k == ebiten.KeyArrowUp:
		f.setSelected(float64(f.selectedValue()) + 0.1)
	case f.cellOn && k == ebiten.KeyArrowDown:
		f.setSelected(float64(f.selectedValue()) - 0.1)
	default:
		return false
	}
	return true
}

func (f *filterEditor) draw(p painter) {
	s := f.st
	if s.Layer > 0 {
		return
	}
	title := f.tf(i18n.FilterOf, f.st.Filter, s.OutChannels)
	if s.Transposed { // the kernel shown is a slice of the transposed weight
		in, out := s.Layers.TransposedSlot(f.st.Filter, f.st.Channel)
		title += fmt.Sprintf(" = w[%d, %d]", in, out)
	}
	if s.Bank.Filters[f.st.Filter].From != "" {
		title += "  (from a model file)"
	} else if s.Bank.Filters[f.st.Filter].Edited {
		title += "  (edited)"
	}
	heading(p, f.head, title)
	p.roundRect(f.preset, 4, colPanel)
	p.textIn(f.presetText, f.preset, regular, sizeBody, colText, center)
	f.drawWeights(p)
	f.drawBias(p)
	for _, c := range f.ctrls {
		if c.kind.button() && c.kind != kItem {
			f.button(p, c)
		}
	}
	if f.menu {
		p.roundRect(f.list, 6, colPanel)
		p.stroke(f.list, 1, colBorder)
		for _, c := range f.ctrls {
			if c.kind == kItem {
				f.button(p, c)
			}
		}
	}
	// The bank: every active filter as a thumbnail; click to edit.
	if f.bankHead.H > 0 {
		p.text(f.t(i18n.FilterBank), f.bankHead.X, f.bankHead.Y, regular, sizeSmall, colMuted, left)
	}
	for i, r := range f.bank {
		drawKernel(p, s.Bank.Filters[i].W[:s.Kernel*s.Kernel], s.Kernel, r)
		if i == f.st.Filter {
			p.stroke(r.inset(-2), 2, colAccent)
		}
	}
}

// drawWeights draws the selected filter's weights (the channel st.Channel), coloured on
// a scale of the filter's own largest weight, with the selected one framed.
func (f *filterEditor) drawWeights(p painter) {
	s, k := f.st, f.st.Kernel
	m := maxAbs(s.Bank.Filters[f.st.Filter].W[f.st.Channel*k*k : (f.st.Channel+1)*k*k])
	cs := f.gridCell
	size := f.weightSize()
	texts, _ := f.weightTexts()
	for i, txt := range texts {
		ky, kx := i/k, i%k
		r := rect{f.grid.X + float64(kx)*cs, f.grid.Y + float64(ky)*cs, cs, cs}
		c := cmap(cmapDiverging, s.Bank.Weight(f.st.Filter, f.st.Channel, ky, kx)/m)
		p.fill(r.inset(1), c)
		sel := f.cellOn && f.cell == [2]int{ky, kx}
		if sel && f.typing != "" {
			txt = f.typing + "_"
		}
		p.textIn(txt, r, mono, size, readableOn(c), center)
		if sel {
			p.stroke(r.inset(1), 2.5, colText)
		}
	}
}

// weightSize is the weights' text size: a third of a cell, never below
// 10 CSS px.
func (f *filterEditor) weightSize() float64 { return f.textSize(min(sizeMono, f.gridCell*0.3)) }

// weightTexts are the shown kernel's weights as written in its cells, row
// by row, and the factor they are written times ("" for none): one format
// for the grid (teach.FormatGrid; kernels of 8 to 11, whose cells are
// always narrow, by teach.FormatScaled: too narrow for the numbers, their
// numbers times a power of ten; pointing at a weight gives its full value).
func (f *filterEditor) weightTexts() ([]string, string) {
	s, k := f.st, f.st.Kernel
	vals := make([]float64, k*k)
	for i := range vals {
		vals[i] = float64(s.Bank.Weight(f.st.Filter, f.st.Channel, i/k, i%k))
	}
	chars := cellChars(f.gridCell, f.weightSize())
	fm := teach.FormatGrid(vals, chars, 2)
	if k >= 8 {
		fm = teach.FormatScaled(vals, chars, 2)
	}
	return formatAll(fm, vals), fm.Factor()
}

// gridTexts writes vals, one grid's numbers in cells cw wide at text size
// size, by teach.FormatGrid's rule, with up to maxDec decimals.
func gridTexts(vals []float64, cw, size float64, maxDec int) []string {
	return formatAll(teach.FormatGrid(vals, cellChars(cw, size), maxDec), vals)
}

// formatAll writes each of vals in format fm.
func formatAll(fm teach.GridFormat, vals []float64) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = fm.Format(v)
	}
	return out
}

// cellChars is how many monospaced characters fit a cell cw wide at text
// size size, a pixel clear of each edge and half a character clear of the
// next cell's text (4 characters in 24 of 26 px ran together).
func cellChars(cw, size float64) int {
	return int((cw - 2 - monoAdvance*size/2) / (monoAdvance * size))
}

// drawBias draws the bias beside the weights, and the help under it.
func (f *filterEditor) drawBias(p painter) {
	s, n, bv := f.st, f.biasNote, f.biasValue
	b := s.Bank.Filters[f.st.Filter].B
	p.text("bias", n.X, n.Y, regular, sizeBody, colText, left)
	btxt, size := fmt.Sprintf("%.3g", b), float64(sizeMono)
	if p.width(btxt, mono, size) > bv.W { // a phone's narrow column: fewer digits, smaller (the help under it has all)
		btxt, size = fmt.Sprintf("%.2g", b), sizeSmall
	}
	if f.cellOn && f.cell == biasCell {
		p.roundRect(bv, 4, colPanel)
		p.stroke(bv, 2, colText)
		if f.typing != "" {
			btxt = f.typing + "_"
		}
	}
	p.textIn(btxt, bv, mono, size, colText, center)
	// Each note whole or not at all, never under the buttons below.
	y := n.Y + 52
	for _, note := range f.notes() {
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

// notes is the help under the bias: what the grid shows (when the filter
// has more channels than it shows), then how to edit.
func (f *filterEditor) notes() []string {
	var notes []string
	if _, factor := f.weightTexts(); factor != "" { // first: the numbers mean nothing without it
		notes = append(notes, f.tf(i18n.FilterScaled, factor))
	}
	s, k := f.st, f.st.Kernel
	help := f.t(i18n.FilterHelp)
	switch {
	case f.cellOn && f.cell == biasCell:
		help = f.tf(i18n.FilterBiasValue, f.st.Filter, s.Bank.Filters[f.st.Filter].B)
	case f.cellOn:
		help = f.tf(i18n.FilterWeightValue, f.st.Filter, f.st.Channel, f.cell[0], f.cell[1], s.Bank.Weight(f.st.Filter, f.st.Channel, f.cell[0], f.cell[1]))
	}
	if n := len(s.Bank.Filters[f.st.Filter].W) / (k * k); n > 1 || s.Bank.Channels(f.st.Filter).Note != "" {
		name := s.Bank.ChannelName(s.Bank.InputChannel(f.st.Filter, f.st.Channel))
		notes = append(notes, f.tf(i18n.FilterShown, name, f.st.Filter, f.st.Channel, f.st.Channel+1, n, s.Bank.Channels(f.st.Filter).Note))
	}
	return append(notes, help)
}

// drawKernel draws a k×k kernel as a thumbnail, on its own colour scale.
// Its cells are the fills painter.fill would draw, in one DrawTriangles:
// a bank of 20 5×5 filters is 500 cells, redrawn at every weight update
// while training.
func drawKernel(p painter, w []float32, k int, r rect) {
	m := maxAbs(w)
	cs := r.W / float64(k)
	p.grow(rect{r.X, r.Y, r.W + 0.5, r.H + 0.5}, 0)
	vs := make([]ebiten.Vertex, 0, 4*len(w))
	is := make([]uint16, 0, 6*len(w))
	for i, v := range w {
		c := rect{r.X + float64(i%k)*cs, r.Y + float64(i/k)*cs, cs + 0.5, cs + 0.5}
		x, y, cw, ch := float32(c.X*p.k), float32(c.Y*p.k), float32(c.W*p.k), float32(c.H*p.k)
		q := whiteVertex(cmap(cmapDiverging, v/m))
		n := uint16(len(vs))
		for _, at := range [4][2]float32{{x, y}, {x, y + ch}, {x + cw, y + ch}, {x + cw, y}} {
			q.DstX, q.DstY = at[0], at[1]
			vs = append(vs, q)
		}
		is = append(is, n, n+1, n+2, n, n+2, n+3)
	}
	p.dst.DrawTriangles(vs, is, p.white(), &fillOptions)
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
