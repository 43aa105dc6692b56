package game

import (
	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/game/teach"
)

// miniMap is a small copy of the selected map that picks the output cell
// an explain view explains (Conv2d's and ConvTranspose2d's share it): the
// cell pointed at, else the pinned one, else the stepped one; a click pins
// a cell, a click on the pinned cell unpins it.
type miniMap struct {
	v       *view
	mini    rect       // where the map is drawn
	pointed teach.Cell // the cell last pointed at
	hoverOn bool
	pic     mapPic // a deeper Conv2d's map
}

// out is the output the small map shows: layer 0's maps or the selected
// deeper Conv2d's.
func (m *miniMap) out() *conv.Tensor {
	sh, _ := m.v.st.Teach.Shown()
	return sh.Out
}

// pressMini pins the cell under the pointer; a click on the pinned cell
// unpins it.
func (m *miniMap) pressMini(x, y float64) {
	c, ok := m.miniCell(x, y)
	if !ok {
		return
	}
	if p, pinned := m.v.st.Player.Pinned(); pinned && p == c {
		m.v.st.Player.Unpin()
		return
	}
	m.v.st.Player.Pin(c)
}

// miniCell is the selected map's cell at (x, y) on the small map.
func (m *miniMap) miniCell(x, y float64) (teach.Cell, bool) {
	out := m.out()
	if out == nil || !m.mini.has(x, y) {
		return teach.Cell{}, false
	}
	oh, ow := out.Shape[2], out.Shape[3]
	return teach.Cell{Map: m.v.st.Filter, OY: min(oh-1, int((y-m.mini.Y)/m.mini.H*float64(oh))), OX: min(ow-1, int((x-m.mini.X)/m.mini.W*float64(ow)))}, true
}

// explained is the cell to explain: the small map's pointed cell, else the
// pinned one, else the stepped one.
func (m *miniMap) explained() (teach.Cell, bool) {
	if m.hoverOn {
		return m.pointed, true
	}
	return m.v.st.Player.ExplainedCell()
}

// drawMini draws the selected map, the explained cell (when has) outlined,
// the pinned one marked, the map faded past the stepped cell (f is filled).
func (m *miniMap) drawMini(p painter, f *state.StepFrame, explained teach.Cell, has bool) {
	s, r, sel := m.v.st, m.mini, m.v.st.Filter
	img := m.v.mapImage(sel)
	if s.Layer > 0 {
		img = m.pic.get(m.v, s.Layer, sel)
	}
	if img == nil {
		return
	}
	p.image(img, r, 1)
	p.stroke(r.inset(-1), 1, colBorder)
	oh, ow := m.out().Shape[2], m.out().Shape[3]
	cell := func(c teach.Cell) rect {
		cw, ch := r.W/float64(ow), r.H/float64(oh)
		return rect{r.X + float64(c.OX)*cw, r.Y + float64(c.OY)*ch, cw, ch}
	}
	if c, ok := s.Player.Pinned(); ok && c.Map == sel {
		p.stroke(cell(c).inset(-1), 2, colAccent)
	}
	if s.Player.StepFrame(f); f.Stepping && f.Cell.Map == sel {
		fillAfter(p, r, f) // the map as computed so far
	}
	if has && explained.Map == sel {
		p.stroke(cell(explained), 1.5, colText)
	}
}
