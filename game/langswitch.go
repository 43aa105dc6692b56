package game

import "convplayground/i18n"

// langControls are the header's language switch, EN | 한국어 (each name
// in its own language: package hangul's SwitchFile draws 한국어 before
// the Korean font came), with its right edge at right, and, while the
// lesson's card is closed, the button that opens it again, left of it.
// It returns them and their left edge. 한국어… while the language pack
// is on its way.
func (h *header) langControls(right, y float64) ([]control, float64) {
	g := h.g
	p := painter{k: g.k(), fonts: &g.fonts}
	var cs []control // in reading order: Lesson, EN, 한국어
	if c := panelIn[*lessonCard](g); c != nil && !c.open {
		cs = append(cs, control{name: "lesson_open", kind: kButton, label: g.t(i18n.LessonTitle),
			press: func(float64, float64) { c.reopen() }})
	}
	for _, l := range []i18n.Lang{i18n.EN, i18n.KO} {
		label := l.Name()
		if l == i18n.KO && g.fetching {
			label += "…"
		}
		cs = append(cs, control{name: "lang:" + string(l), kind: kToggle, on: g.lang == l, label: label,
			press: func(float64, float64) { g.SetLanguage(l) }})
	}
	for i := len(cs) - 1; i >= 0; i-- { // placed right to left: EN and 한국어 side by side
		w := p.width(cs[i].label, regular, sizeBody) + 14
		right -= w
		cs[i].r = rect{right, y, w, rowH}
		if i > 0 && cs[i-1].name == "lesson_open" {
			right -= 8
		} else {
			right -= 2
		}
	}
	return cs, right
}
