package game

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
)

// layer keeps a drawing made of many small shapes (the canvas's grid and
// padding hatch: hundreds of lines) as one image, redrawn only when its
// key changes, and drawn with one quad: "over" is associative, so the
// result is the same as drawing the shapes in place.
type layer struct {
	img *ebiten.Image
	key uint64
	box image.Rectangle // what the drawing covers, in the image (= screen) pixels
	cut []string        // the strings its drawing cut
}

// draw draws the layer for key, first remaking it with fn when key or the
// screen's size changed.
func (l *layer) draw(p painter, key uint64, fn func(p painter)) {
	b := p.dst.Bounds()
	if l.img == nil || l.img.Bounds() != b {
		if l.img != nil {
			l.img.Deallocate()
		}
		l.img, l.key = ebiten.NewImage(b.Dx(), b.Dy()), key+1
	}
	if key != l.key {
		l.img.Clear()
		l.box, l.key, l.cut = image.Rectangle{}, key, l.cut[:0]
		fn(painter{dst: l.img, k: p.k, fonts: p.fonts, box: &l.box, cut: &l.cut})
	}
	if p.cut != nil {
		*p.cut = append(*p.cut, l.cut...)
	}
	if l.box.Empty() {
		return
	}
	if p.box != nil {
		*p.box = p.box.Union(l.box)
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(float64(l.box.Min.X), float64(l.box.Min.Y))
	p.dst.DrawImage(l.img.SubImage(l.box).(*ebiten.Image), op)
}
