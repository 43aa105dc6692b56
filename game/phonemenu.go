package game

import (
	"fmt"
	"strings"

	"convplayground/game/state"
	"convplayground/i18n"
)

// Portrait's header: the title and an "Examples ▼" menu with the lesson's
// two examples (landscape has them as buttons); Copy link and Camera
// beside it when there is room, else at the menu's end. The open menu is
// a panel of its own (phoneMenu), drawn and pressed over the pages.

// layoutPortrait places the menu button at the header's right and the
// platform's buttons left of it, or in the menu.
func (h *header) layoutPortrait() {
	g := h.g
	p := painter{k: g.k(), fonts: &g.fonts}
	// The language switch on the notice's line (the title's has no room).
	sw, left := h.phoneLangControls(h.r.right()-margin, headerH-6)
	h.ctrls, h.lineEnd = append(h.ctrls, sw...), left-8
	right, bw := h.r.right()-margin, p.width(g.t(i18n.HeaderExamplesMenu), regular, sizeBody)+16
	h.addMenuButton(rect{right - bw, 8, bw, rowH})
	right -= bw + 8
	extra := h.platformButtons()
	titleEnd := margin + p.width("Conv Playground", bold, sizeTitle) + 8
	if right-float64(len(extra))*(shareW+8) < titleEnd {
		h.inMenu = append(h.inMenu, extra...)
		return
	}
	for _, c := range extra {
		c.r = rect{right - shareW, 8, shareW, rowH}
		h.ctrls = append(h.ctrls, c)
		right -= shareW + 8
	}
}

// layoutSideways places the menu button right of the page bar, the
// language switch left of it when the title leaves it the room (844x390
// and wider; on a smaller phone it is in the menu), where the header
// row's title (or notice) ends, and the platform's buttons in the menu:
// the row has no room for them.
func (h *header) layoutSideways(a *areas) {
	g := h.g
	p := painter{k: g.k(), fonts: &g.fonts}
	h.barX = a.pages.X - 10
	h.addMenuButton(rect{a.pages.right() + 10, a.pages.Y, h.r.right() - margin - a.pages.right() - 10, rowH})
	h.inMenu = h.platformButtons()
	sw, left := h.phoneLangControls(a.pages.X-10, a.pages.Y)
	if left < margin+p.width("Conv Playground", bold, sizeTitle)+10 {
		h.inMenu = append(h.inMenu, sw...)
		return
	}
	h.ctrls, h.barX = append(h.ctrls, sw...), left-10
}

// phoneLangControls are the language switch, finger-sized, with its right
// edge at right, and its left edge; the Lesson button (the card closed)
// goes in the menu.
func (h *header) phoneLangControls(right, y float64) ([]control, float64) {
	sw, left := h.langControls(right, y, false)
	if len(sw) > 0 && sw[0].name == "lesson_open" {
		h.inMenu, sw = append(h.inMenu, sw[0]), sw[1:]
		left = sw[0].r.X
	}
	return sw, left
}

// addMenuButton adds the Examples menu's button at r.
func (h *header) addMenuButton(r rect) {
	h.ctrls = append(h.ctrls, control{name: "examples_menu", kind: kToggle, on: h.menuOpen,
		r: r, label: h.g.t(i18n.HeaderExamplesMenu), press: func(float64, float64) { h.menuOpen = !h.menuOpen }})
}

// platformButtons are Copy link and Camera when the platform has them
// (the camera's size button only beside it, in landscape).
func (h *header) platformButtons() []control {
	var extra []control
	if h.g.OnShare != nil {
		extra = append(extra, h.shareControl(rect{}))
	}
	if h.g.StartCamera != nil {
		extra = append(extra, h.cameraControls(rect{})[0])
	}
	return extra
}

// phoneMenu is the open Examples menu: one row per example, then the
// header's buttons that had no room; a press runs one and closes it.
type phoneMenu struct {
	h     *header
	box   rect
	ctrls []control
}

func (m *phoneMenu) layout(*areas) []control {
	h := m.h
	m.box, m.ctrls = rect{}, m.ctrls[:0]
	if !h.menuOpen || !h.g.paged() {
		return nil
	}
	w := min(h.r.W-8, 360)
	x, y := h.r.right()-4-w, h.r.Y+8+rowH+4
	p := painter{k: h.g.k(), fonts: &h.g.fonts}
	row := func(c control) {
		c.label = p.fitFirst([]string{c.label, strings.Replace(c.label, "batch ", "", 1)}, w-12-12, regular, sizeSmall+1)
		c.r, c.kind = rect{x + 6, y + 6, w - 12, rowH}, kItem
		press := c.press
		c.press = func(px, py float64) { h.menuOpen = false; press(px, py) }
		m.ctrls = append(m.ctrls, c)
		y += rowH + 6
	}
	for i, e := range state.Examples {
		row(control{name: fmt.Sprintf("example%d", i), label: h.g.exampleName(e.Name), press: func(float64, float64) { h.g.st.LoadExample(i) }})
	}
	for _, c := range h.inMenu {
		row(c)
	}
	m.box = rect{x, h.r.Y + 8 + rowH + 4, w, y - (h.r.Y + 8 + rowH + 4) + 6}
	return m.ctrls
}

func (m *phoneMenu) drawKey(k *drawKey) { k.r(m.box) }

func (m *phoneMenu) draw(p painter) {
	if m.box.W == 0 {
		return
	}
	p.roundRect(m.box, 6, colPanel)
	p.stroke(m.box, 1, colBorder)
	m.h.g.drawButtons(p, m.ctrls)
}
