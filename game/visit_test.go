package game

import (
	"image/color"
	"testing"
)

// The keyboard focus ring is 2 CSS px of the accent colour, at every scale
// (issue 20, item 10).
func TestFocusRingAccent(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}} {
		g := newAt(t, sz[0], sz[1], 1)
		img := screen(g)
		frame(t, g, img)
		tabTo(t, g, "clear")
		r := ctrlRect(t, g, "clear")
		g.dirty = true
		shot := frame(t, g, img)
		ring := region(g, r.inset(-5))
		accent := countColor(shot, ring, func(c color.RGBA) bool { return near(c, colAccent) })
		// Two physical pixels all around: 2 CSS px at dpr 1.
		if want := int(2 * 2 * (r.W + r.H) * g.k() * 0.9); accent < want {
			t.Errorf("%v: the focus ring has %d accent pixels, want at least %d (2 CSS px around)", sz, accent, want)
		}
	}
}

// A first visit shows a hint on the canvas until the first stroke.
func TestFirstVisitHint(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	plain := frame(t, g, img)
	g.ShowFirstHint()
	hinted := frame(t, g, img)
	saveShot(t, "first-hint.png", hinted)
	c := region(g, inputOf(g).canvas)
	if diffCount(plain, hinted, c) == 0 {
		t.Fatal("no hint on the canvas")
	}
	in := inputOf(g)
	pointerAt(g, in.canvas.X+in.canvas.W/2, in.canvas.Y+in.canvas.H/3, true)
	pointerAt(g, in.canvas.X+in.canvas.W/2+10, in.canvas.Y+in.canvas.H/3, false)
	frame(t, g, img)
	if panelOf[*firstHint](g).on {
		t.Error("the hint stays after a stroke")
	}
}
