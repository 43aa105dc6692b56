package game

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/i18n"
)

// A frame redraws only the panels whose drawing changed (the screen is not
// cleared between frames). A panel says what its drawing reads by
// implementing keyed; Game adds its controls (rectangles, labels, on/off,
// the hovered one) to the key. A panel that says nothing is redrawn on
// every dirty frame. Where a panel drew is recorded by the painter (the
// union of everything it drew, in physical pixels), so a redrawn panel's
// old pixels are cleared to the background without the panel naming its
// area: a new panel plugs in with no code here.
type keyed interface {
	// drawKey adds every value its drawing reads, besides its controls, to k.
	drawKey(k *drawKey)
}

// drawKey is a 64-bit hash (FNV-1a) of what a panel's drawing reads.
type drawKey struct{ h uint64 }

const (
	keySeed  = 14695981039346656037
	keyPrime = 1099511628211
)

func (k *drawKey) u(v uint64) {
	for range 8 {
		k.h = (k.h ^ v&0xff) * keyPrime
		v >>= 8
	}
}
func (k *drawKey) i(v int)       { k.u(uint64(v)) }
func (k *drawKey) f(v float64)   { k.u(math.Float64bits(v)) }
func (k *drawKey) f32(v float32) { k.u(uint64(math.Float32bits(v))) }
func (k *drawKey) b(v bool) {
	if v {
		k.u(1)
	} else {
		k.u(0)
	}
}
func (k *drawKey) s(v string) {
	for i := 0; i < len(v); i++ {
		k.h = (k.h ^ uint64(v[i])) * keyPrime
	}
	k.u(uint64(len(v))) // "ab","c" differs from "a","bc"
}
func (k *drawKey) r(r rect) { k.f(r.X); k.f(r.Y); k.f(r.W); k.f(r.H) }

// panelDraw is what Game remembers of a panel's last drawing.
type panelDraw struct {
	key         uint64
	box         image.Rectangle // where it drew, physical pixels
	ctrl0, ctrl int             // its controls are g.ctrls[ctrl0:ctrl]
	redraw      bool            // this frame
	cut         []string        // the strings its last drawing cut
}

// screenKey is what every panel's drawing depends on: the layout size and
// the pixels per layout pixel.
type screenKey struct {
	vw, vh, k float64
	// The keyboard focus: its ring is drawn over the panels and may reach
	// past the focused control's panel, so a move of it redraws them all
	// (it moves only on a key press).
	focus focus
	lang  i18n.Lang // every text changes with the language
}

// panelKey is panel i's key this frame; ok is false when it says nothing.
func (g *Game) panelKey(i int) (uint64, bool) {
	kp, ok := g.panels[i].(keyed)
	if !ok {
		return 0, false
	}
	k, d := drawKey{keySeed}, &g.drawn[i]
	for _, c := range g.ctrls[d.ctrl0:d.ctrl] {
		k.s(c.name)
		k.i(int(c.kind))
		k.r(c.r)
		k.s(c.label)
		k.b(c.on)
		k.b(c.name == g.hover.ctrl)
	}
	kp.drawKey(&k)
	return k.h, true
}

// redraw draws the panels that changed, or all of them on a new layout.
func (g *Game) redraw(screen *ebiten.Image) {
	sk := screenKey{g.vw, g.vh, g.k(), g.focus, g.lang}
	full := sk != g.screenKey || screen.Bounds() != g.screenBox
	g.screenKey, g.screenBox = sk, screen.Bounds()
	for i := range g.drawn {
		key, ok := g.panelKey(i)
		d := &g.drawn[i]
		d.redraw = full || !ok || key != d.key
		d.key = key
	}
	if !full {
		g.spreadRedraw()
	}
	if full {
		screen.Fill(colBg)
	} else {
		for _, d := range g.drawn {
			if d.redraw && !d.box.Empty() {
				screen.SubImage(d.box).(*ebiten.Image).Fill(colBg)
			}
		}
	}
	g.drawPanels(screen)
	if !full && g.overdrawn() { // a panel grew over one that was not redrawn
		for i := range g.drawn {
			g.drawn[i].redraw = true
		}
		screen.Fill(colBg)
		g.drawPanels(screen)
	}
}

// spreadRedraw marks for redrawing every panel that drew where a redrawn
// one will be cleared (until no more are added).
func (g *Game) spreadRedraw() {
	for more := true; more; {
		more = false
		for i := range g.drawn {
			for j := range g.drawn {
				a, b := &g.drawn[i], &g.drawn[j]
				if a.redraw && !b.redraw && a.box.Overlaps(b.box) {
					b.redraw, more = true, true
				}
			}
		}
	}
}

func (g *Game) drawPanels(screen *ebiten.Image) {
	for i, pn := range g.panels {
		d := &g.drawn[i]
		if !d.redraw {
			continue
		}
		d.box, d.cut = image.Rectangle{}, d.cut[:0]
		pn.draw(painter{dst: screen, k: g.k(), fonts: &g.fonts, box: &d.box, cut: &d.cut})
	}
}

// overdrawn reports whether a redrawn panel drew over a panel that was not.
func (g *Game) overdrawn() bool {
	for _, a := range g.drawn {
		for _, b := range g.drawn {
			if a.redraw && !b.redraw && a.box.Overlaps(b.box) {
				return true
			}
		}
	}
	return false
}
