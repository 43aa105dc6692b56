package game

import "convplayground/i18n"

// noticeBox is a notice opened in full (a click on a notice the header had
// to shorten): under the header, over the panels, closed by a click on it
// or when the notice changes. A panel of its own, drawn and pressed last.
type noticeBox struct {
	h   *header
	box rect // empty when closed
}

func (b *noticeBox) layout(*areas) []control {
	h := b.h
	b.box = rect{}
	if h.open == "" || h.open != h.g.st.Notice {
		h.open = ""
		return nil
	}
	p := painter{k: h.g.k(), fonts: &h.g.fonts}
	w := min(h.r.W-2*margin, 640)
	n := len(p.wrap(h.open, w-16, regular, sizeBody))
	b.box = rect{h.r.X + margin, h.r.bottom() + 4, w, float64(n)*18 + 34}
	return []control{{name: "notice_close", kind: kArea, r: b.box, press: func(float64, float64) { h.open = "" }}}
}

func (b *noticeBox) drawKey(k *drawKey) { k.s(b.h.open); k.r(b.box) }

func (b *noticeBox) draw(p painter) {
	if b.box.W == 0 {
		return
	}
	r := b.box
	p.roundRect(r, 6, colPanel)
	p.stroke(r, 1, colBorder)
	for i, l := range p.wrap(b.h.open, r.W-16, regular, sizeBody) {
		p.text(l, r.X+8, r.Y+8+float64(i)*18, regular, sizeBody, colError, left)
	}
	p.text(b.h.g.t(i18n.NoticeClickToClose), r.X+8, r.bottom()-20, regular, sizeSmall, colMuted, left)
}
