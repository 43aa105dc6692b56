package game

import "convplayground/i18n"

// langControls are the header's language switch, EN | 한국어 (each name
// in its own language: package hangul's SwitchFile draws 한국어 before
// the Korean font came), with its right edge at right, and, while the
// lesson's card is closed, the button that opens it again, left of it.
// It returns them (in reading order) and their left edge. 한국어… while
// the language pack is on its way. stacked puts EN over 한국어, as the
// examples are (the landscape header, where the layer's code needs the
// room); otherwise they are side by side at y (a phone's: each a
// finger's size).
func (h *header) langControls(right, y float64, stacked bool) ([]control, float64) {
	g := h.g
	p := painter{k: g.k(), fonts: &g.fonts}
	var langs []control
	for _, l := range []i18n.Lang{i18n.EN, i18n.KO} {
		label := l.Name()
		if l == i18n.KO && g.fetching {
			label += "…"
		}
		langs = append(langs, control{name: "lang:" + string(l), kind: kToggle, on: g.lang == l, label: label,
			press: func(float64, float64) { g.Lang.SetLanguage(l) }})
	}
	if stacked {
		w := max(p.width(langs[0].label, regular, sizeSmall+1), p.width(langs[1].label, regular, sizeSmall+1)) + 14
		right -= w
		for i := range langs {
			langs[i].kind, langs[i].r = kItem, rect{right, 4 + float64(i)*(exampleH+2), w, exampleH}
		}
	} else {
		for i := len(langs) - 1; i >= 0; i-- {
			w := p.width(langs[i].label, regular, sizeBody) + 14
			right -= w
			langs[i].r = rect{right, y, w, rowH}
			right -= 2
		}
	}
	c := panelIn[*lessonCard](g)
	if c == nil || c.open {
		return langs, right
	}
	label := g.t(i18n.LessonTitle)
	w := p.width(label, regular, sizeBody) + 14
	right -= 6 + w
	open := control{name: "lesson_open", kind: kButton, label: label, r: rect{right, y, w, rowH},
		press: func(float64, float64) { c.reopen() }}
	return append([]control{open}, langs...), right
}
