package game

import (
	"image/color"

	"convplayground/game/state"
	"convplayground/game/teach"
)

// transposePanel is the explain view of a ConvTranspose2d's maps: one
// output cell (pointed at on the small map, pinned, or stepped by the
// playback strip) both ways it can be seen, switchable:
//
//   - Scatter: the input pixels whose paints (value × kernel, stride apart)
//     overlap the cell, each outlined in its colour on the input and on the
//     output with its paint's footprint; the terms x·w, + bias, = y.
//   - Zero insertion: the flipped kernel's window on the input with stride
//     − 1 zeros between its pixels and d·(k − 1) − padding around, the
//     flipped kernel, the products, + bias, = y.
//
// Both sums are the core's value (teach.TransposeCell).
type transposePanel struct {
	*view
	g          *Game // the input panel, for marking the paints' pixels
	r, head    rect
	mini, info rect
	pic        rect // the view's picture
	ctrls      []control
	e          teach.TransposeCell
	ok         bool // e holds the explained cell
	frame      state.StepFrame
	hover      teach.Cell // the small map's cell pointed at
	hoverOn    bool
}

// shown reports whether the panel has the maps column: the explain tab of
// a ConvTranspose2d (the Conv2d explanation stands aside then).
func (v *view) transposeExplained() bool { return v.shownTab(tabExplain) && v.st.Transposed }

func (t *transposePanel) layout(a *areas) []control {
	t.ctrls = t.ctrls[:0]
	if !t.transposeExplained() {
		t.hoverOn = false
		return nil
	}
	s, r := t.st, a.maps
	t.r, t.head = r, rect{r.X, r.Y, r.W, headH}
	zw, sw := min(124, r.W*0.3), min(84, r.W*0.2)
	t.ctrls = append(t.ctrls,
		control{name: "tview:scatter", kind: kToggle, r: rect{r.right() - zw - sw - 4, r.Y, sw, headH}, label: "Scatter",
			on: !s.ZeroInsertion(), press: func(float64, float64) { s.SetZeroInsertion(false) }},
		control{name: "tview:zeros", kind: kToggle, r: rect{r.right() - zw, r.Y, zw, headH}, label: "Zero insertion",
			on: s.ZeroInsertion(), press: func(float64, float64) { s.SetZeroInsertion(true) }})
	side := min(120, r.W*0.32)
	t.mini = rect{r.X, t.head.bottom() + 6, side, side}
	if out := s.Out; out != nil && out.Shape[2] != out.Shape[3] {
		t.mini = t.mini.fit(float64(out.Shape[3]) / float64(out.Shape[2]))
	}
	t.info = rect{r.X + side + 12, t.mini.Y, r.W - side - 12, side}
	if t.compact() { // the grids need the room: no small map, two lines of sums
		side = 2 * t.numSize() * 1.3
		t.mini, t.info = rect{}, rect{r.X, t.head.bottom() + 6, r.W, side}
	}
	t.pic = rect{r.X, t.head.bottom() + side + 16, r.W, r.bottom() - t.head.bottom() - side - 16}
	t.ctrls = append(t.ctrls, control{name: "tview_map", kind: kArea, r: t.mini, press: t.pressMini})
	return t.ctrls
}

// compact: a narrow column (a small window) gives the zero-insertion
// view's grids the whole height.
func (t *transposePanel) compact() bool { return t.r.W < 420 && t.st.ZeroInsertion() }

// pressMini pins the cell under the pointer; a click on the pinned cell
// unpins it.
func (t *transposePanel) pressMini(x, y float64) {
	c, ok := t.miniCell(x, y)
	if !ok {
		return
	}
	if p, pinned := t.st.Player.Pinned(); pinned && p == c {
		t.st.Player.Unpin()
		return
	}
	t.st.Player.Pin(c)
}

// miniCell is the selected map's cell at (x, y) on the small map.
func (t *transposePanel) miniCell(x, y float64) (teach.Cell, bool) {
	out := t.st.Out
	if out == nil || !t.mini.has(x, y) {
		return teach.Cell{}, false
	}
	oh, ow := out.Shape[2], out.Shape[3]
	return teach.Cell{Map: t.sel, OY: min(oh-1, int((y-t.mini.Y)/t.mini.H*float64(oh))), OX: min(ow-1, int((x-t.mini.X)/t.mini.W*float64(ow)))}, true
}

// hoverAt explains the small map's cell under the pointer while the
// pointer stays on the panel.
func (t *transposePanel) hoverAt(x, y float64, _ *hoverInfo) {
	if !t.transposeExplained() {
		return
	}
	if c, ok := t.miniCell(x, y); ok {
		t.hover, t.hoverOn = c, true
	} else if !t.r.has(x, y) {
		t.hoverOn = false
	}
}

// explained is the cell the panel explains: the small map's pointed cell,
// else the pinned one, else the stepped one.
func (t *transposePanel) explained() (teach.Cell, bool) {
	if t.hoverOn {
		return t.hover, true
	}
	return t.st.Player.ExplainedCell()
}

// paintColours tell the paints apart (Okabe and Ito's palette, safe for
// the common colour-vision deficiencies); more paints reuse them.
var paintColours = []color.RGBA{rgb(0xe69f00), rgb(0x0072b2), rgb(0x009e73), rgb(0xcc79a7), rgb(0xd55e00), rgb(0x56b4e9), rgb(0x000000)}

func paintColour(i int) color.RGBA { return paintColours[i%len(paintColours)] }
