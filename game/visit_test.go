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
