package game

import "convplayground/i18n"

// A phone, or a narrow or tall window, gets the portrait layout: the
// landscape layout scaled down to fit would make its text a few CSS pixels
// high. Portrait keeps the virtual pixels at least 1 CSS pixel (4/3 when
// the window is tall enough, so a 24-pixel row is a 32-pixel finger target)
// and shows one column at a time: a page bar under the header picks input,
// filter (settings above the filter editor), maps (with its tabs) or shapes.
//
// The page does not scroll: Ebiten sizes its canvas to the window (100% of
// the body) and takes every touch on it, so a taller canvas would not
// scroll under a finger. The panels of the other pages are laid out one
// window-width left or right of the screen, where no pointer reaches them
// and focus skips them (see onScreen), so every panel lays out and draws as
// it does in landscape.

// page is one of the portrait layout's pages.
type page int

const (
	pageInput page = iota
	pageFilter
	pageMaps
	pageShapes
	numPages
)

// pageNames are the page bar's labels and, as "page:"+name, its controls.
var pageNames = [numPages]string{"input", "filter", "maps", "shapes"}

// pageLabels are the page bar's labels in the message table.
var pageLabels = [numPages]i18n.Key{i18n.PageInput, i18n.PageFilter, i18n.PageMaps, i18n.PageShapes}

const (
	narrowW   = 640 // CSS pixels: a window narrower than this is portrait
	portraitK = 4.0 / 3
	portraitH = 560 // virtual pixels a page needs at least, before portraitK shrinks
	portraitM = 8   // the portrait margin: a 390-pixel phone has 276 virtual pixels inside
	// maxSettingsW keeps a tablet's − and + near their value.
	maxSettingsW = 420
	noticeH      = 18 // the header's line for the notice, under the title
)

// layoutMode is how the window is laid out: landscape, or portrait or
// sideways (a phone held sideways: sideways.go) and which page is shown.
type layoutMode struct {
	portrait, sideways bool
	page               page
}

// paged reports whether the layout shows one page at a time (a phone).
func (m layoutMode) paged() bool { return m.portrait || m.sideways }

// isPortrait reports whether a window of w×h CSS pixels is laid out in
// portrait: narrow, or taller than wide and too small for the landscape
// layout at full size (800x600 stays landscape, at 0.8).
func isPortrait(w, h float64) bool {
	return w < narrowW || h > w && min(w/minVW, h/minVH) < 1
}

// scaleFor is the CSS pixels per virtual pixel of a w×h window.
func scaleFor(w, h float64) float64 {
	if isPortrait(w, h) {
		return max(1, min(portraitK, h/portraitH))
	}
	if isSideways(w, h) {
		return max(1, min(portraitK, w/sidewaysW, h/sidewaysH))
	}
	return min(w/minVW, h/minVH)
}

// arrangeFor places the panels for the window's mode.
func (g *Game) arrangeFor() areas {
	if g.portrait {
		return arrangePortrait(g.vw, g.vh, g.page)
	}
	if g.sideways {
		return arrangeSideways(g.vw, g.vh, g.page)
	}
	return arrange(g.vw, g.vh)
}

// arrangePortrait stacks each page's panels in one column; the pages lie
// side by side, the shown one on screen.
func arrangePortrait(vw, vh float64, shown page) areas {
	var a areas
	a.header = rect{0, 0, vw, headerH + noticeH} // the notice gets a line of its own
	a.pages = rect{portraitM, a.header.bottom() + 6, vw - 2*portraitM, rowH}
	top, bottom, w := a.pages.bottom()+8, vh-portraitM, vw-2*portraitM
	x := func(p page) float64 { return portraitM + float64(p-shown)*vw }
	a.input = rect{x(pageInput), top, w, bottom - top}
	a.settings = rect{x(pageFilter), top, min(w, maxSettingsW), headH + 2 + settingRows*rowH}
	y := a.settings.bottom() + 2 // tight: the weights need every pixel to stay 32 CSS px
	a.filters = rect{x(pageFilter), y, w, bottom - y}
	a.tabs = rect{x(pageMaps), top, w, rowH - 4}
	a.maps = rect{x(pageMaps), a.tabs.bottom() + 6, w, bottom - a.tabs.bottom() - 6}
	// The export buttons get rows of their own under the shapes: a phone's
	// column is too narrow for them beside the heading.
	a.export = rect{x(pageShapes), bottom - exportRowsH, w, exportRowsH}
	a.shapes = rect{x(pageShapes), top, w, a.export.Y - 6 - top}
	return a
}

// pageBar is the row of page buttons in portrait; nothing in landscape.
type pageBar struct {
	g     *Game
	ctrls []control
}

func (b *pageBar) layout(a *areas) []control {
	b.ctrls = b.ctrls[:0]
	if a.pages.W <= 0 {
		return nil
	}
	r, g := a.pages, b.g
	w := (r.W - float64(numPages-1)*6) / float64(numPages)
	for i := range numPages {
		pg := page(i)
		b.ctrls = append(b.ctrls, control{name: "page:" + pageNames[i], kind: kToggle, on: g.page == pg,
			r: rect{r.X + float64(i)*(w+6), r.Y, w, r.H}, label: g.t(pageLabels[i]),
			press: func(float64, float64) { g.page = pg }})
	}
	return b.ctrls
}

func (b *pageBar) draw(p painter) { b.g.drawButtons(p, b.ctrls) }

// onScreen reports whether r is inside the window (portrait lays the other
// pages out beside it).
func (g *Game) onScreen(r rect) bool {
	return r.X >= -0.5 && r.right() <= g.vw+0.5 && r.W > 0 && r.H > 0
}
