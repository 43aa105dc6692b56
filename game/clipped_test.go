package game

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// The painter records every string it had to cut, and the hook reports
// the strings cut in the last drawn frame ([] when none) (issue 20, item 3).
func TestClippedRecorded(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Input.PickDigit(0)
	frame(t, g, screen(g))
	h := g.Hook()
	if b, _ := json.Marshal(h.View.Clipped); string(b) != "[]" {
		t.Errorf("clipped on the default screen: %s, want []", b)
	}
	var cut []string
	p := painter{k: g.k(), fonts: &g.fonts, cut: &cut}
	long := strings.Repeat("a long string ", 20)
	p.fit("short", 200, regular, sizeBody)
	p.fit(long, 200, regular, sizeBody)
	if len(cut) != 1 || cut[0] != long {
		t.Errorf("cut strings %q, want the long one only", cut)
	}
}

// No screen of the golden set cuts a string.
func TestNoClippedText(t *testing.T) {
	for _, c := range screens {
		g := newAt(t, c.w, c.h, c.dpr)
		c.setup(g)
		g.st.Recompute()
		g.dirty = true
		g.relayout()
		frame(t, g, screen(g))
		if cl := g.Hook().View.Clipped; len(cl) > 0 {
			t.Errorf("%s: cut %q", c.name, cl)
		}
	}
}

// A notice too long for the header wraps to a second line, then opens in
// full on a click; the examples' long notices are never cut.
func TestNoticeNeverCut(t *testing.T) {
	notices := []string{
		"cannot load the shared state: the code is not a link of this playground (c1.not-a-link)",
		"the photo is not drawable: pick Drawing (or Clear) to draw on the 28x28 canvas again",
		strings.Repeat("a notice far too long for any header, ", 8),
	}
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}, {844, 390}} {
		for i, n := range notices {
			g := newAt(t, sz[0], sz[1], 1)
			g.st.Notice = n
			g.dirty = true
			g.relayout()
			saveShot(t, fmt.Sprintf("notice-%.0f-%d.png", sz[0], i), frame(t, g, screen(g)))
			if cl := g.Hook().View.Clipped; len(cl) > 0 {
				t.Errorf("%v: notice %q: cut %q", sz, n, cl)
			}
			if r := ctrlRectOf(g, "notice"); r.W > 0 {
				pointerAt(g, r.X+5, r.Y+5, true)
				pointerAt(g, r.X+5, r.Y+5, false)
				g.relayout()
				if ctrlRectOf(g, "notice_close").W == 0 {
					t.Errorf("%v: a click on the cut notice does not open it", sz)
				}
				saveShot(t, fmt.Sprintf("notice-%.0f-%d-open.png", sz[0], i), frame(t, g, screen(g)))
			}
		}
	}
}
