package game

// How the view is built, and how a panel plugs in.
//
// The screen is a list of panels (newPanels, in drawing order): header,
// input, settings, filter editor, maps, shapes. Each panel is one file that
// owns its part of the screen:
//
//   - layout(a *areas) []control places its rectangles, once per layout,
//     inside the area arrange gives it (a.input, a.maps, ...), keeps what
//     its drawing needs, and returns its controls: struct literals with a
//     kind, a rectangle, and what a press and a drag do (closures over the
//     panel). A control's name is only its stable key in
//     window.convPlayground.controls() (and tells which one is hovered);
//     nothing dispatches on it.
//   - draw(p painter) draws the panel from the rectangles its layout kept
//     (v.drawButtons draws its button controls).
//   - Optional: hoverAt (hoverer: what the pointer is over, as text),
//     char and key (keyHandler: typed characters and pressed keys, before
//     the shortcuts), pressed (pressObserver: every press, e.g. to close a
//     popup).
//
// Game only routes: the window and its scale, the frame counter and the
// dirty flag, the pointer (which control is pressed, which panel it is
// over), the keys (panels first, then the shortcut table in keys.go).
// Panels share the model and the view's choices through *view; a panel
// that keeps state tied to the selected filter resets it in an onSelect
// function. Any state action bumps state.Version, and a press or a key
// marks the frame dirty, so a panel never asks for a redraw.
//
// To add a panel: write one file with a type that implements panel, e.g.
//
//	type stepper struct{ *view; r rect; ctrls []control }
//	func (s *stepper) layout(a *areas) []control { /* s.r, s.ctrls from a.maps */ }
//	func (s *stepper) draw(p painter)             { /* ...; s.drawButtons(p, s.ctrls) */ }
//
// and add one line, &stepper{view: v}, to newPanels. It takes its room
// from an area; a panel that needs room of its own gets a field in areas,
// cut from a neighbour in arrange (TestControlsFit checks that buttons
// stay on screen and apart). Tests reach it with panelOf[*stepper](g).
//
// Room: at 1280x720 every column is full. The teaching views (step-through
// playback, a cell's arithmetic, the channel breakdown, the batch strip)
// are meant to be views of the maps column: a tab strip at the column's
// head ("maps · explain · channels · batch", tabs.go) chooses which of
// several panels gets a.maps; the others lay out nothing (no controls) and
// draw nothing: a view's layout and draw start with
// `if !v.shownTab(tabX) { return nil }`. Playback controls under the maps take a strip from the bottom of
// a.maps, as the legend and the hover readout do now.
type panel interface {
	layout(a *areas) []control
	draw(p painter)
}

// Optional parts of a panel.
type (
	// hoverer describes what the pointer at (x, y) is over, when it is over
	// this panel (an output cell, a canvas pixel).
	hoverer interface {
		hoverAt(x, y float64, h *hoverInfo)
	}
	// keyHandler gets typed characters and pressed keys before the
	// shortcuts do, and says whether it used them.
	keyHandler interface {
		char(r rune) bool
		key(k keyCode) bool
	}
	// pressObserver sees every control a press lands on, in any panel.
	pressObserver interface{ pressed(c *control) }
)

// newPanels is the screen, in drawing order.
func newPanels(g *Game) []panel {
	v := &g.view
	overlay := &stepOverlay{view: v, g: g}
	head := &header{g: g}
	return []panel{
		head,
		&pageBar{g: g},
		&inputPanel{view: v},
		&settingsPanel{view: v},
		newFilterEditor(v),
		&layerSettings{view: v},
		&tabStrip{view: v},
		&stepper{view: v},
		&mapsPanel{view: v},
		&layerMaps{view: v},
		&explainPanel{view: v, g: g, miniMap: miniMap{v: v}},
		&transposePanel{view: v, g: g, miniMap: miniMap{v: v}},
		&channelsPanel{view: v},
		&batchPanel{view: v},
		&trainPanel{view: v, g: g, pick: -1},
		&modelPanel{view: v, g: g},
		&shapesPanel{view: v},
		&exportBar{g: g},
		&layerStrip{view: v, g: g},
		&fieldOverlay{view: v, g: g},
		overlay,
		mapsOverlay{overlay},
		&firstHint{g: g},
		newLessonCard(g),
		&phoneMenu{h: head},
		&noticeBox{h: head},
	}
}

// The design size: the layout is made for a virtual screen at least this
// big, scaled uniformly to the window (so 1280x720 is 1:1 and 800x600 is
// 0.8). A phone or a narrow window gets the portrait layout instead: one
// column at a time, never scaled below 1 (portrait.go).
const (
	minVW, minVH = 1000, 720
	margin       = 14
	gap          = 18
	leftW, midW  = 300, 320
	headerH      = 50
	bottomH      = 150
	rowH         = 28
	headH        = 22 // a column's heading
)

// areas is where each panel goes for a virtual screen size: the header
// across the top, three columns, the shapes panel across the bottom (or,
// in portrait, one page at a time under a page bar: portrait.go).
type areas struct {
	header, pages, input, settings, filters, tabs, maps, shapes rect
	export                                                      rect // a phone only: the export buttons' rows (else beside the shapes heading)
	inputSide                                                   rect // sideways only: the input's buttons and the guess, right of the canvas
}

func arrange(vw, vh float64) areas {
	var a areas
	a.header = rect{0, 0, vw, headerH}
	a.shapes = rect{margin, vh - margin - bottomH, vw - 2*margin, bottomH}
	top, bottom := float64(headerH+6), a.shapes.Y-10
	a.input = rect{margin, top, leftW, bottom - top}
	x := float64(margin + leftW + gap)
	a.settings = rect{x, top, midW, headH + 2 + settingRows*rowH}
	y := a.settings.bottom() + 6
	a.filters = rect{x, y, midW, bottom - y}
	x += midW + gap
	a.tabs = rect{x, top, vw - margin - x, rowH - 4}
	a.maps = rect{x, a.tabs.bottom() + 6, vw - margin - x, bottom - a.tabs.bottom() - 6}
	return a
}
