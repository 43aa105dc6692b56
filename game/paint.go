package game

import (
	"image"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// rect is a rectangle in virtual pixels (the layout's units).
type rect struct{ X, Y, W, H float64 }

func (r rect) has(x, y float64) bool { return x >= r.X && y >= r.Y && x < r.X+r.W && y < r.Y+r.H }
func (r rect) inset(d float64) rect  { return rect{r.X + d, r.Y + d, r.W - 2*d, r.H - 2*d} }
func (r rect) right() float64        { return r.X + r.W }
func (r rect) bottom() float64       { return r.Y + r.H }

// fit is the largest rectangle of aspect w/h centred in r.
func (r rect) fit(aspect float64) rect {
	w, h := r.W, r.W/aspect
	if h > r.H {
		w, h = r.H*aspect, r.H
	}
	return rect{r.X + (r.W-w)/2, r.Y + (r.H-h)/2, w, h}
}

// painter draws in virtual pixels onto a screen in physical pixels: k is
// physical pixels per virtual pixel (window scale × device scale factor).
type painter struct {
	dst   *ebiten.Image
	k     float64
	fonts *fonts
	box   *image.Rectangle // grows to cover what is drawn (nil: not kept)
	cut   *[]string        // the strings fit had to cut (nil: not kept)
}

// grow adds r, in virtual pixels widened by pad on each side, to the
// drawn box (rounded out, and a pixel more for anti-aliased edges).
func (p painter) grow(r rect, pad float64) {
	if p.box == nil {
		return
	}
	x0, y0 := math.Floor((r.X-pad)*p.k)-1, math.Floor((r.Y-pad)*p.k)-1
	x1, y1 := math.Ceil((r.right()+pad)*p.k)+1, math.Ceil((r.bottom()+pad)*p.k)+1
	*p.box = p.box.Union(image.Rect(int(x0), int(y0), int(x1), int(y1)))
}

// fill fills r with c: the two triangles vector.DrawFilledRect draws
// (same corners, same colour mode), without building a path for them:
// fills are most of what a frame draws.
func (p painter) fill(r rect, c color.Color) {
	p.grow(r, 0)
	x, y, w, h := float32(r.X*p.k), float32(r.Y*p.k), float32(r.W*p.k), float32(r.H*p.k)
	v := whiteVertex(c)
	vs := [4]ebiten.Vertex{v, v, v, v}
	vs[0].DstX, vs[0].DstY = x, y
	vs[1].DstX, vs[1].DstY = x, y+h
	vs[2].DstX, vs[2].DstY = x+w, y+h
	vs[3].DstX, vs[3].DstY = x+w, y
	is := [6]uint16{0, 1, 2, 0, 2, 3}
	p.dst.DrawTriangles(vs[:], is[:], p.white(), &fillOptions)
}

// whiteVertex is a vertex of painter.white in colour c, premultiplied as
// color.Color.RGBA gives it: draw it with fillOptions.
func whiteVertex(c color.Color) ebiten.Vertex {
	r, g, b, a := c.RGBA()
	return ebiten.Vertex{SrcX: 1, SrcY: 1, ColorR: float32(r) / 0xffff, ColorG: float32(g) / 0xffff, ColorB: float32(b) / 0xffff, ColorA: float32(a) / 0xffff}
}

// fillOptions: the colours are premultiplied (whiteVertex).
var fillOptions = ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}

// stroke outlines r with a line width wide centred on its edges: four
// fills (the ring vector.StrokeRect draws, without a path).
func (p painter) stroke(r rect, width float64, c color.Color) {
	o := r.inset(-width / 2)
	if o.W <= 2*width || o.H <= 2*width { // no hole left
		p.fill(o, c)
		return
	}
	p.fill(rect{o.X, o.Y, o.W, width}, c)
	p.fill(rect{o.X, o.bottom() - width, o.W, width}, c)
	p.fill(rect{o.X, o.Y + width, width, o.H - 2*width}, c)
	p.fill(rect{o.right() - width, o.Y + width, width, o.H - 2*width}, c)
}

func (p painter) line(x0, y0, x1, y1, width float64, c color.Color) {
	p.grow(rect{min(x0, x1), min(y0, y1), math.Abs(x1 - x0), math.Abs(y1 - y0)}, width/2)
	vector.StrokeLine(p.dst, float32(x0*p.k), float32(y0*p.k), float32(x1*p.k), float32(y1*p.k), float32(width*p.k), c, false)
}

// roundRect fills a rectangle with rounded corners of radius rad.
func (p painter) roundRect(r rect, rad float64, c color.Color) {
	p.grow(r, 0)
	x0, y0 := float32(r.X*p.k), float32(r.Y*p.k)
	sh := roundShapeFor(float32(r.right()*p.k)-x0, float32(r.bottom()*p.k)-y0, float32(rad*p.k))
	v := whiteVertex(c)
	vs := roundScratch[:0]
	for _, at := range sh.vs {
		v.DstX, v.DstY = at.DstX+x0, at.DstY+y0
		vs = append(vs, v)
	}
	roundScratch = vs
	p.dst.DrawTriangles(vs, sh.is, p.white(), &fillOptions)
}

// roundShape is a rounded rectangle's triangles at the origin (only the
// positions count). Buttons
// draw the same few sizes every frame, and building the path (its arcs)
// each time was most of what a button cost; roundScratch is the vertices
// of the last one drawn (DrawTriangles copies them).
type roundShape struct {
	vs []ebiten.Vertex
	is []uint16
}

var (
	roundShapes  = map[[3]float32]roundShape{}
	roundScratch []ebiten.Vertex
)

// roundShapeFor is the w×h shape with corner radius rad (physical pixels).
func roundShapeFor(w, h, rad float32) roundShape {
	key := [3]float32{w, h, rad}
	if sh, ok := roundShapes[key]; ok {
		return sh
	}
	if len(roundShapes) > 512 { // sizes of earlier window sizes
		clear(roundShapes)
	}
	var path vector.Path
	path.MoveTo(rad, 0)
	path.LineTo(w-rad, 0)
	path.ArcTo(w, 0, w, rad, rad)
	path.LineTo(w, h-rad)
	path.ArcTo(w, h, w-rad, h, rad)
	path.LineTo(rad, h)
	path.ArcTo(0, h, 0, h-rad, rad)
	path.LineTo(0, rad)
	path.ArcTo(0, 0, rad, 0, rad)
	path.Close()
	var sh roundShape
	sh.vs, sh.is = path.AppendVerticesAndIndicesForFilling(nil, nil)
	roundShapes[key] = sh
	return sh
}

// white is the pixel solid shapes are drawn from, in the text sheet
// (textSheet.whiteOf): draw it with vertices of whiteVertex.
func (p painter) white() *ebiten.Image { return p.fonts.sheet.whiteOf() }

// Text alignment.
const (
	left = iota
	center
	right
)

// text draws s with its top-left (or top-centre, top-right) at (x, y);
// size is in virtual pixels. It comes from the text sheet (textsheet.go).
func (p painter) text(s string, x, y float64, style int, size float64, c color.Color, align int) {
	if s == "" {
		return
	}
	r := p.drawText(s, x*p.k, y*p.k, style, size*p.k, c, align)
	if p.cut != nil { // past the screen's edge: cut too
		w := p.width(s, style, size)
		x0, sw := x-w*alignAt[align], float64(p.dst.Bounds().Dx())/p.k
		if x0 < -0.5 && x0+w > 0 || x0 < sw && x0+w > sw+0.5 { // (wholly off it: another page of a phone)
			*p.cut = append(*p.cut, s)
		}
	}
	if p.box != nil {
		*p.box = p.box.Union(r)
	}
}

// textIn draws s centred vertically in r; a string wider than r is
// recorded as cut (a button's label past its edges).
func (p painter) textIn(s string, r rect, style int, size float64, c color.Color, align int) {
	room := r.W - 6 // left or right: 6 px in from its edge
	if align == center {
		room = r.W
	}
	if p.cut != nil && p.width(s, style, size) > room+0.5 {
		*p.cut = append(*p.cut, s)
	}
	x := r.X + 6
	switch align {
	case center:
		x = r.X + r.W/2
	case right:
		x = r.right() - 6
	}
	p.text(s, x, r.Y+(r.H-size*1.2)/2, style, size, c, align)
}

// width is the advance of s in virtual pixels.
func (p painter) width(s string, style int, size float64) float64 {
	return p.fonts.advance(s, style, size*p.k) / p.k
}

// wrap splits s into lines no wider than w.
func (p painter) wrap(s string, w float64, style int, size float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Split(s, " ") {
		switch {
		case line == "":
			line = word
		case p.width(line+" "+word, style, size) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// image draws img scaled to fill r, with nearest-neighbour sampling so
// pixels stay square; alpha scales its opacity.
func (p painter) image(img *ebiten.Image, r rect, alpha float32) {
	p.grow(r, 0)
	b := img.Bounds()
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(r.W*p.k/float64(b.Dx()), r.H*p.k/float64(b.Dy()))
	op.GeoM.Translate(r.X*p.k, r.Y*p.k)
	op.ColorScale.ScaleAlpha(alpha)
	p.dst.DrawImage(img, op)
}

// withAlpha returns c with opacity a (premultiplied).
func withAlpha(c color.RGBA, a float64) color.RGBA {
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(255 * a)}
}

// fitFirst is the first of alts no wider than w, else the last one cut
// by fit: a shorter way to say the same before a cut.
func (p painter) fitFirst(alts []string, w float64, style int, size float64) string {
	for _, s := range alts[:len(alts)-1] {
		if p.width(s, style, size) <= w {
			return s
		}
	}
	return p.fit(alts[len(alts)-1], w, style, size)
}

// fit shortens s with an ellipsis until it is no wider than w, and
// records s as cut (the hook's clipped).
func (p painter) fit(s string, w float64, style int, size float64) string {
	if p.width(s, style, size) <= w {
		return s
	}
	if p.cut != nil {
		*p.cut = append(*p.cut, s)
	}
	r := []rune(s)
	for len(r) > 1 && p.width(string(r)+"…", style, size) > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
