package game

import (
	"convplayground/i18n"
)

// fieldOverlay draws, over the input canvas, the receptive field of the
// cell picked in a deeper layer's maps (layerMaps.cell; a deeper Conv2d's
// stepped or pinned cell): the part of the
// original input the cell reads through every layer before it (the union
// of the windows), with a note under the canvas.
type fieldOverlay struct {
	*view
	g *Game
}

func (f *fieldOverlay) layout(*areas) []control { return nil }

// field is the picked cell's receptive field on the canvas, and a note;
// ok false when there is none to draw.
func (f *fieldOverlay) field() (r rect, note string, ok bool) {
	s := f.st
	lm, in := panelIn[*layerMaps](f.g), panelIn[*inputPanel](f.g)
	if s.Layer == 0 || lm == nil || in == nil || in.cs == 0 || s.Input.Photo {
		return r, "", false
	}
	c := lm.cell
	if e, ok := s.Player.ExplainedCell(); ok && f.deepConv() { // the stepped or pinned cell of a deeper Conv2d
		c = e
	}
	y0, y1, x0, x1, all, ok := s.Teach.ReceptiveField(s.Layer, c.OY, c.OX)
	if !ok || len(s.Layers.LayerShape(s.Layer)) != 4 {
		return r, "", false
	}
	a, b := in.pixel(y0, x0), in.pixel(y1, x1)
	note = f.tf(i18n.FieldCell, s.Layer, c.OY, c.OX, y0, y1, x0, x1)
	if all {
		note = f.tf(i18n.FieldWhole, s.Layer)
	}
	return rect{a.X, a.Y, b.right() - a.X, b.bottom() - a.Y}, note, true
}

func (f *fieldOverlay) drawKey(k *drawKey) {
	r, note, ok := f.field()
	k.b(ok)
	k.r(r)
	k.s(note)
}

func (f *fieldOverlay) draw(p painter) {
	r, note, ok := f.field()
	if !ok {
		return
	}
	p.stroke(r, 2, colWinTap)
	in := panelIn[*inputPanel](f.g)
	line := rect{in.box.X, in.box.bottom() - 15, in.box.W, 15} // over the padding ring's label
	p.fill(line, colPanel)
	p.text(p.fit(note, line.W-4, regular, sizeSmall), line.X+2, line.Y+1, regular, sizeSmall, colAccent, left)
}
