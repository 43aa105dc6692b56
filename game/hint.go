package game

import "convplayground/i18n"

// firstHint is a quiet line on the canvas on a first visit, "Draw a digit
// here — the maps follow", gone at the first press on the canvas. A link
// or a kept session opened at start is not a first visit (LoadState).
type firstHint struct {
	g   *Game
	on  bool
	box rect // the pill, when on and the canvas is on the screen
}

func (h *firstHint) layout(*areas) []control {
	h.box = rect{}
	in := panelIn[*inputPanel](h.g)
	if !h.on || in == nil || !h.g.onScreen(in.canvas) || h.g.st.Input.Photo {
		return nil
	}
	c := in.canvas
	h.box = rect{c.X + 8, c.bottom() - 32, c.W - 16, 24}
	return nil
}

// pressed ends the hint at the first press on the canvas.
func (h *firstHint) pressed(c *control) {
	if c.name == "canvas" {
		h.on = false
	}
}

func (h *firstHint) drawKey(k *drawKey) { k.b(h.on); k.r(h.box) }

func (h *firstHint) draw(p painter) {
	if !h.on || h.box.W == 0 {
		return
	}
	size := h.g.textSize(sizeSmall)
	txt := p.fitFirst([]string{h.g.t(i18n.HintDraw), h.g.t(i18n.HintDrawShort)}, h.box.W-12, regular, size)
	w := p.width(txt, regular, size) + 16
	pill := rect{h.box.X + (h.box.W-w)/2, h.box.Y, w, h.box.H}
	p.roundRect(pill, 6, withAlpha(colPanel, 0.92))
	p.textIn(txt, pill, regular, size, colText, center)
}

// ShowFirstHint puts the first-visit hint on the canvas (the platform calls
// it when the visit opens neither a link nor a kept session).
func (g *Game) ShowFirstHint() {
	if h := panelIn[*firstHint](g); h != nil {
		h.on, g.dirty = true, true
	}
}
