package game

import (
	"strings"
	"testing"

	"convplayground/game/state"
)

// The filter editor writes its grid by one rule (issue 20, item 2): the
// same decimals in every cell, nothing wider than its cell, text never
// below 10 CSS px; the identity's 1 shows at k = 7 on a small screen.
func TestKernelNumbersOneRule(t *testing.T) {
	for _, c := range []struct {
		name   string
		w, h   float64
		setup  func(g *Game)
		centre string // the centre weight's text, when checked
	}{
		{"sobel x at 1280x720", 1280, 720, func(g *Game) { g.selectFilter(2) }, ""},
		{"kaiming at 1280x720", 1280, 720, func(g *Game) { g.selectFilter(7) }, ""},
		{"identity k=7 at 800x600", 800, 600, func(g *Game) { g.st.Step(state.SetKernel, 2) }, "1"},
		{"sobel x k=7 at 800x600", 800, 600, func(g *Game) { g.st.Step(state.SetKernel, 2); g.selectFilter(2) }, ""},
		{"learned at 390x844", 390, 844, func(g *Game) { g.st.Trained.LoadLearned(); g.selectFilter(3) }, ""},
	} {
		g := newAt(t, c.w, c.h, 1)
		c.setup(g)
		g.st.Recompute()
		g.relayout()
		frame(t, g, screen(g))
		f := editorOf(g)
		size := f.weightSize()
		if size*g.scale < 10-1e-9 {
			t.Errorf("%s: weights at %.1f CSS px", c.name, size*g.scale)
		}
		texts := f.weightTexts()
		dec := -1
		for i, s := range texts {
			if float64(len(s))*monoAdvance*size > f.gridCell-2-monoAdvance*size/2 {
				t.Errorf("%s: weight %d %q leaves less than half a character to the next cell (%.1f px)", c.name, i, s, f.gridCell)
			}
			d := 0
			if j := strings.IndexByte(s, '.'); j >= 0 {
				d = len(s) - j - 1
			}
			if s == "" || s == "0" {
				continue
			}
			if dec >= 0 && d != dec {
				t.Errorf("%s: %q has %d decimals, another weight %d (%q)", c.name, s, d, dec, texts)
				break
			}
			dec = d
		}
		if k := g.st.Kernel; c.centre != "" && texts[k*k/2] != c.centre {
			t.Errorf("%s: the centre weight reads %q, want %q", c.name, texts[k*k/2], c.centre)
		}
	}
}
