package game

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// Text is rendered once into a sheet (one image, so the strings a frame
// draws come from one texture and batch) and reused until the text, its
// style, size, colour or sub-pixel position changes: a redrawn panel's
// labels, headings and help cost one quad each instead of a quad and a
// layout per glyph. When the sheet is full it is emptied and refilled
// with what is drawn next (nothing on screen needs it again).
const (
	sheetSide = 2048
	sheetPad  = 2 // room for glyphs' overhang
	subPixel  = 8 // positions are kept to 1/8 pixel
)

type textKey struct {
	s      string
	style  int
	px     float64
	c      color.RGBA
	align  int
	fx, fy float64 // the position's fraction of a pixel: glyphs land as text.Draw puts them
}

type textSheet struct {
	img        *ebiten.Image
	white      *ebiten.Image // its white pixel, for fills (whiteOf)
	at         map[textKey]image.Rectangle
	x, y, rowH int // the shelf being filled
}

// The sheet's top left whiteSide×whiteSide pixels are white, and fills
// draw from them (painter.fill and the other solid shapes): a panel's
// fills and its text then come from one texture, and Ebiten merges them
// into one draw call where it made one per switch between a fill and a
// text (in browsers each draw call's GL state changes were most of what
// a frame's flush cost).
const whiteSide = 3

// whiteOf is the sheet's white pixel (the centre of the white corner,
// whose neighbours are white too), the sheet made when it is not yet.
func (t *textSheet) whiteOf() *ebiten.Image {
	if t.img == nil {
		t.img = ebiten.NewImageWithOptions(image.Rect(0, 0, sheetSide, sheetSide), &ebiten.NewImageOptions{Unmanaged: true})
		t.white = t.img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
		t.empty()
	}
	return t.white
}

// empty clears the sheet but for its white corner.
func (t *textSheet) empty() {
	t.img.Clear()
	t.img.SubImage(image.Rect(0, 0, whiteSide, whiteSide)).(*ebiten.Image).Fill(color.White)
	t.at = map[textKey]image.Rectangle{}
	t.x, t.y, t.rowH = whiteSide, 0, whiteSide
}

// reset forgets every string (the sheet's pixels are cleared on reuse).
func (t *textSheet) reset() { t.at = nil }

// place finds room for a w×h string, emptying the sheet when full.
func (t *textSheet) place(w, h int) (image.Rectangle, bool) {
	if w > sheetSide || h > sheetSide {
		return image.Rectangle{}, false
	}
	t.whiteOf()
	if t.x+w > sheetSide {
		t.x, t.y, t.rowH = 0, t.y+t.rowH, 0
	}
	if t.y+h > sheetSide || t.at == nil {
		t.empty()
	}
	r := image.Rect(t.x, t.y, t.x+w, t.y+h)
	t.x += w
	t.rowH = max(t.rowH, h)
	return r, true
}

// drawText draws s as text.Draw would with its anchor (the line's top
// left, centre or right, by align) at (x, y) physical pixels, from the
// sheet; it returns the rectangle drawn.
func (p painter) drawText(s string, x, y float64, style int, px float64, c color.Color, align int) image.Rectangle {
	f := p.fonts.face(style, px, s)
	ix, iy := math.Floor(x), math.Floor(y)
	r, g, b, a := c.RGBA()
	key := textKey{s, style, px, color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}, align, x - ix, y - iy}
	sh := &p.fonts.sheet
	src, ok := sh.at[key]
	if !ok {
		var w, h int
		if src, w, h, ok = sh.render(p, key, f); !ok { // too long for the sheet: draw it directly
			p.glyphs(p.dst, key, f, x, y)
			return image.Rect(int(ix)-w, int(iy)-sheetPad, int(ix)+w, int(iy)+h)
		}
	}
	// The anchor is at a whole pixel from the slot's corner, plus the fraction.
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(ix-float64(sheetPad+anchorX(src, key, f)), iy-sheetPad)
	dst := src.Sub(src.Min).Add(image.Pt(int(ix)-sheetPad-anchorX(src, key, f), int(iy)-sheetPad))
	p.dst.DrawImage(sh.img.SubImage(src).(*ebiten.Image), op)
	return dst
}

// alignAt is how far along its advance a string's anchor is.
var alignAt = [...]float64{left: 0, center: 0.5, right: 1}

// anchorX is where, right of the slot's padding, the anchor's whole pixel is.
func anchorX(src image.Rectangle, k textKey, f text.Face) int {
	return int(math.Ceil(float64(src.Dx()-2*sheetPad-2) * alignAt[k.align]))
}

// render draws the string of k into a new slot of the sheet; ok is false
// (with the string's size) when it does not fit.
func (t *textSheet) render(p painter, k textKey, f text.Face) (src image.Rectangle, w, h int, ok bool) {
	m := f.Metrics()
	adv := text.Advance(k.s, f)
	if k.style == bold {
		adv += emboldenPx(k.px)
	}
	w, h = int(math.Ceil(adv))+2*sheetPad+2, int(math.Ceil(m.HAscent+m.HDescent))+2*sheetPad+1
	if src, ok = t.place(w, h); !ok {
		return src, w, h, false
	}
	ax := float64(src.Min.X+sheetPad+anchorX(src, k, f)) + k.fx
	p.glyphs(t.img, k, f, ax, float64(src.Min.Y+sheetPad)+k.fy)
	t.at[k] = src
	return src, w, h, true
}

// glyphs draws k's string on dst with its anchor at (x, y), bold as two
// copies.
func (p painter) glyphs(dst *ebiten.Image, k textKey, f text.Face, x, y float64) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(k.c)
	op.PrimaryAlign = [...]text.Align{text.AlignStart, text.AlignCenter, text.AlignEnd}[k.align]
	text.Draw(dst, k.s, f, op)
	if k.style == bold {
		op.GeoM.Translate(emboldenPx(k.px), 0)
		text.Draw(dst, k.s, f, op)
	}
}
