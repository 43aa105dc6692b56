package game

import (
	"image/color"

	"convplayground/game/state"
	"convplayground/game/teach"
	"convplayground/i18n"
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
	g             *Game // the input panel, for marking the paints' pixels
	miniMap             // the selected map, to pick a cell (minimap.go)
	r, head, info rect
	pic           rect // the view's picture
	ctrls         []control
	e             teach.TransposeCell
	ok            bool // e holds the explained cell
	frame         state.StepFrame
}

// transposeExplained reports whether transposePanel has the maps column:
// the explain tab of a ConvTranspose2d (the Conv2d explanation stands
// aside then).
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
	y, h := r.Y-1, float64(rowH-4) // as tall as a button (a finger's size on a phone)
	t.ctrls = append(t.ctrls,
		control{name: "tview:scatter", kind: kToggle, r: rect{r.right() - zw - sw - 4, y, sw, h}, label: t.t(i18n.TransposeScatter),
			on: !s.Teach.ZeroInsertion(), press: func(float64, float64) { s.Teach.SetZeroInsertion(false) }},
		control{name: "tview:zeros", kind: kToggle, r: rect{r.right() - zw, y, zw, h}, label: t.t(i18n.TransposeZeroInsertion),
			on: s.Teach.ZeroInsertion(), press: func(float64, float64) { s.Teach.SetZeroInsertion(true) }})
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
func (t *transposePanel) compact() bool { return t.r.W < 420 && t.st.Teach.ZeroInsertion() }

// hoverAt explains the small map's cell under the pointer while the
// pointer stays on the panel.
func (t *transposePanel) hoverAt(x, y float64, _ *hoverInfo) {
	if !t.transposeExplained() {
		return
	}
	if c, ok := t.miniCell(x, y); ok {
		t.pointed, t.hoverOn = c, true
	} else if !t.r.has(x, y) {
		t.hoverOn = false
	}
}

// paintColours tell the paints apart (Okabe and Ito's palette, safe for
// the common colour-vision deficiencies); more paints reuse them.
var paintColours = []color.RGBA{rgb(0xe69f00), rgb(0x0072b2), rgb(0x009e73), rgb(0xcc79a7), rgb(0xd55e00), rgb(0x56b4e9), rgb(0x000000)}

func paintColour(i int) color.RGBA { return paintColours[i%len(paintColours)] }
