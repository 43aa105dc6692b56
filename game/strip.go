package game

import (
	"strconv"
	"strings"

	"convplayground/game/state"
	"convplayground/i18n"
	"convplayground/nn/arch"
)

// layerStrip is the network across the bottom panel: the input, then one
// block per layer with its label and output shape ("Conv2d 1→20 k5",
// "[1,20,28,28]"), the block where the chain breaks in red with PyTorch's
// message; a click selects a layer (its maps, settings and weights). The
// buttons after the blocks add a layer after the selected one (a menu of
// the kinds and the network presets), remove or move it, and open the
// network's text.
type layerStrip struct {
	*view
	g      *Game
	r      rect   // the blocks' row
	blocks []rect // the input's, then each layer's
	ctrls  []control
	menu   bool // the add menu is open
	list   rect // its items' area
}

const (
	stripH    = 28 // two lines of mono text
	stripSize = sizeMono
)

// stripRect is the strip's row inside the shapes panel's area, above its
// keys line (where the trained LeNet's shape line was), its buttons at the
// right end.
func stripRect(shapes rect) rect {
	return rect{shapes.X + 8, shapes.bottom() - 21 - stripH, shapes.W - 16, stripH}
}

func (ls *layerStrip) layout(a *areas) []control {
	ls.r = stripRect(a.shapes)
	ls.ctrls, ls.blocks = ls.ctrls[:0], ls.blocks[:0]
	if a.narrowShapes() { // a phone's page: the blocks in two columns (strip_phone.go)
		ls.layoutColumns(a.shapes)
		ls.layoutMenu(a.shapes)
		return ls.ctrls
	}
	bx := ls.r.right()
	for i := len(stripButtons) - 1; i >= 0; i-- {
		b := stripButtons[i]
		bx -= b.w
		ls.ctrls = append(ls.ctrls, control{name: b.name, kind: kButton, r: rect{bx, ls.r.Y + 2, b.w, stripH - 4}, label: ls.stripLabel(b.name, b.label), press: ls.action(b.name)})
		bx -= 4
	}
	ls.layoutBlocks(bx - 4)
	ls.layoutMenu(a.shapes)
	return ls.ctrls
}

// stripButtons are the buttons after the blocks, with their widths.
var stripButtons = []struct {
	name, label string
	w           float64
}{
	{"layer_add", "+", 24}, {"layer_remove", "×", 24}, {"layer_up", "←", 24}, {"layer_down", "→", 24}, {"net_edit", "", 40}, // the label in the UI's language (stripLabel)
}

// layoutBlocks shares the row up to x among the blocks: each gets room
// for its shape (a message, cut) and, when there is room, its title; when
// even the shapes do not fit, all shrink alike and each text is cut.
func (ls *layerStrip) layoutBlocks(right float64) {
	s := ls.st
	n := s.Layers.NumLayers() + 1
	const gapW, padW = 4, 8
	chars := func(t string) float64 { return float64(len([]rune(t)))*stripSize*monoAdvance + padW }
	need, base := make([]float64, n), make([]float64, n)
	var sumNeed, sumBase float64
	for i := range n {
		title, sub := ls.texts(i - 1)
		base[i] = min(chars(sub), chars(strings.Repeat("m", 16))) // a message gets a block's room
		need[i] = max(base[i], min(chars(title), chars(strings.Repeat("m", 18))))
		sumNeed, sumBase = sumNeed+need[i]+gapW, sumBase+base[i]+gapW
	}
	room := right - ls.r.X
	for i := range n { // room to spare goes to the message where the chain breaks
		if _, sub := ls.texts(i - 1); i > 0 && sumNeed < room && s.Layers.LayerError(i-1) != "" {
			grow := min(chars(sub), need[i]+room-sumNeed) - need[i]
			need[i], sumNeed = need[i]+grow, sumNeed+grow
		}
	}
	extra := 1.0 // the share of (need − base) each block gets
	if sumNeed > room {
		extra = max(0, (room-sumBase)/(sumNeed-sumBase))
	}
	shrink := min(1, room/sumBase)
	ls.blocks = ls.blocks[:0]
	x := ls.r.X
	for i := range n {
		w := (base[i] + extra*(need[i]-base[i])) * shrink
		if sumNeed <= room {
			w = need[i]
		}
		r := rect{x, ls.r.Y, w, stripH}
		x += w + gapW*shrink
		ls.addBlock(i, r)
	}
}

// addBlock places block i (0 the input's, i the layer i−1's, a click
// selecting it).
func (ls *layerStrip) addBlock(i int, r rect) {
	ls.blocks = append(ls.blocks, r)
	if i == 0 {
		return
	}
	layer := i - 1
	ls.ctrls = append(ls.ctrls, control{name: "layer:" + strconv.Itoa(layer), kind: kArea, r: r,
		press: func(float64, float64) { ls.st.Layers.SelectLayer(layer); ls.menu = false }})
}

// texts are block i's two lines (i = −1: the input's).
func (ls *layerStrip) texts(i int) (title, sub string) {
	if i < 0 {
		return ls.t(i18n.StripInput), shapeList(ls.st.InputShape())
	}
	return ls.st.Layers.LayerSpec(i).Short(), ls.shapeText(i)
}

// stripLabel is a strip button's label: its symbol, or the edit
// button's word.
func (ls *layerStrip) stripLabel(name, symbol string) string {
	if name == "net_edit" {
		return ls.t(i18n.StripEditText)
	}
	return symbol
}

// action is what a strip button does.
func (ls *layerStrip) action(name string) func(float64, float64) {
	s := ls.st
	return func(float64, float64) {
		switch name {
		case "layer_add":
			ls.menu = !ls.menu
			return
		case "layer_remove":
			s.Layers.RemoveLayer()
		case "layer_up":
			s.Layers.MoveLayer(-1)
		case "layer_down":
			s.Layers.MoveLayer(1)
		case "net_edit":
			ls.g.editNet()
		}
		ls.menu = false
	}
}

// layoutMenu places the open add menu above the "+" button: the layer
// kinds in one column, the network presets in the next.
func (ls *layerStrip) layoutMenu(page rect) {
	if !ls.menu {
		ls.list = rect{}
		return
	}
	const itemH, colW = 22, 150
	presets := arch.Presets()
	rows := max(len(state.AddKinds), len(presets)+1)
	add := ls.ctrls[len(ls.ctrls)-1].r // the first button, placed last
	for _, c := range ls.ctrls {
		if c.name == "layer_add" {
			add = c.r
		}
	}
	ls.list = rect{add.X - colW, add.Y - float64(rows)*itemH - 10, 2*colW + 8, float64(rows)*itemH + 8}
	ls.list.X = max(page.X, min(ls.list.X, page.right()-ls.list.W)) // on the page (a phone's is narrow)
	for i, k := range state.AddKinds {
		ls.ctrls = append(ls.ctrls, control{name: "add:" + k.String(), kind: kItem, picker: true,
			r:     rect{ls.list.X + 4, ls.list.Y + 4 + float64(i)*itemH, colW - 4, itemH - 2},
			label: ls.tf(i18n.StripAdd, k), press: func(float64, float64) { ls.st.Layers.AddLayer(k); ls.menu = false }})
	}
	for i, p := range presets {
		ls.ctrls = append(ls.ctrls, control{name: "net:" + p.Name, kind: kItem, picker: true,
			r:     rect{ls.list.X + colW + 4, ls.list.Y + 4 + float64(i+1)*itemH, colW, itemH - 2},
			label: p.Name, press: func(float64, float64) { ls.st.Layers.LoadNetPreset(i); ls.menu = false }})
	}
}

// pressed closes the menu when a press lands elsewhere.
func (ls *layerStrip) pressed(c *control) {
	if ls.menu && !c.picker && c.name != "layer_add" {
		ls.menu = false
	}
}

// drawKey: the blocks' texts and the selection.
func (ls *layerStrip) drawKey(k *drawKey) {
	s := ls.st
	k.r(ls.r)
	k.i(s.Layer)
	k.b(ls.menu)
	for i := range s.Layers.NumLayers() {
		k.s(ls.st.Layers.LayerSpec(i).Short())
		k.s(ls.shapeText(i))
	}
	k.s(shapeList(s.InputShape()))
}

// shapeText is layer i's second line: its output shape, PyTorch's message
// where the chain breaks, "—" after it.
func (ls *layerStrip) shapeText(i int) string {
	s := ls.st
	if e := s.Layers.LayerError(i); e != "" {
		return e
	}
	if sh := s.Layers.LayerShape(i); sh != nil {
		return shapeList(sh)
	}
	return "—"
}

// shapeList is a shape as PyTorch's list: [1,20,28,28].
func shapeList(sh []int) string {
	parts := make([]string, len(sh))
	for i, d := range sh {
		parts[i] = strconv.Itoa(d)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func (ls *layerStrip) draw(p painter) {
	s := ls.st
	if ls.r.H == 0 {
		return
	}
	for i, r := range ls.blocks {
		title, sub := ls.texts(i - 1)
		fg, bg := colText, colButton
		if i > 0 {
			l := i - 1
			switch {
			case s.Layers.LayerError(l) != "":
				fg, bg = colError, rgb(0xfbe3df)
			case l == s.Layer:
				fg, bg = colPanel, colAccent
			case s.Layers.LayerShape(l) == nil:
				fg = colMuted
			}
		}
		p.roundRect(r, 4, bg)
		switch {
		case fg == colError:
			p.stroke(r, 2, colError)
		case i > 0 && i-1 == s.Layer && bg != colAccent:
			p.stroke(r, 2, colAccent)
		}
		y := r.Y + (r.H-stripH)/2              // a phone's blocks are taller, for a finger
		short, _, _ := strings.Cut(title, " ") // the layer's kind
		p.text(p.fitFirst(shorter(title, short), r.W-6, mono, stripSize), r.X+3, y, mono, stripSize, fg, left)
		subs := shapeForms(sub)
		if fg == colError { // the whole message is the block's hover text (and the shapes panel's, at layer 0)
			subs = []string{sub, ls.t(i18n.StripRefused), ls.t(i18n.StripRefusedShort)}
		}
		p.text(p.fitFirst(subs, r.W-6, mono, stripSize), r.X+3, y+14, mono, stripSize, fg, left)
	}
	if ls.menu {
		p.roundRect(ls.list, 6, colPanel)
		p.stroke(ls.list, 1, colBorder)
		p.text(ls.t(i18n.StripNetworks), ls.list.X+ls.list.W/2+8, ls.list.Y+6, regular, sizeSmall, colMuted, left)
	}
	ls.drawButtons(p, ls.ctrls)
}

// hoverAt: a block's whole text (a long message does not fit its block).
func (ls *layerStrip) hoverAt(x, y float64, h *hoverInfo) {
	for i, r := range ls.blocks[1:] {
		if r.has(x, y) {
			h.text = ls.tf(i18n.StripHover, i, ls.st.Layers.LayerSpec(i).String(), ls.shapeText(i))
		}
	}
}

// shorter is a block's text as it fits: whole, then short, then nothing
// (the block's hover text has it all), never cut.
func shorter(whole, short string) []string { return []string{whole, short, ""} }

// shapeForms is a shape ("[1,10,26,26]") as a narrower block shows it:
// whole, without the batch, its last two sizes (26×26), nothing.
func shapeForms(shape string) []string {
	parts := strings.Split(strings.Trim(shape, "[]"), ",")
	if !strings.HasPrefix(shape, "[") || len(parts) < 2 {
		return shorter(shape, shape)
	}
	n := len(parts)
	return []string{shape, "[" + strings.Join(parts[1:], ",") + "]", parts[n-2] + "×" + parts[n-1], ""}
}
