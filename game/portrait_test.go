package game

import (
	"fmt"
	"testing"

	"convplayground/game/state"
)

// A phone and a tablet in portrait get pages, each of whose controls is on
// screen, apart from the others, and at least 32 CSS pixels each way (a
// finger), with no text under 11 CSS pixels; every control of the
// landscape layout is on exactly one page.
func TestPortraitPages(t *testing.T) {
	for _, sz := range [][2]float64{{390, 844}, {768, 1024}} {
		for _, out := range []int{8, 20} {
			g := newAt(t, sz[0], sz[1], 2)
			g.st.Step(state.SetOut, out-g.st.OutChannels)
			g.st.Recompute()
			if !g.portrait {
				t.Fatalf("%v: not portrait", sz)
			}
			if small := (sizeSmall - 1) * g.scale; small < 11 {
				t.Errorf("%v: the smallest text is %.1f CSS px", sz, small)
			}
			seen := map[string]page{}
			for pg := range numPages {
				g.page = pg
				g.relayout()
				for _, c := range g.ctrls {
					if !g.onScreen(c.r) {
						continue
					}
					if _, ok := seen[c.name]; ok && c.name[:5] != "page:" && c.name != "examples_menu" && !inHeader(g, c) { // the header is on every page
						t.Errorf("%v: %s on two pages", sz, c.name)
					}
					seen[c.name] = pg
					checkFinger(t, g, fmt.Sprintf("%v out %d page %s", sz, out, pageNames[pg]), c)
				}
				g.dirty = true
				shot := frame(t, g, screen(g))
				if out == 8 {
					saveShot(t, fmt.Sprintf("portrait-%gx%g-%s.png", sz[0], sz[1], pageNames[pg]), shot)
				}
			}
			for _, name := range []string{"canvas", "clear", "digit", "stride+", "padding_mode-", "cell_2_2",
				"bias+", "learned", "filter0", fmt.Sprintf("filter%d", out-1), "preset_menu", "tab:maps", "colormap", "map0"} {
				if _, ok := seen[name]; !ok {
					t.Errorf("%v out %d: %s is on no page", sz, out, name)
				}
			}
		}
	}
}

// checkFinger checks that a control is inside the window and big enough
// for a finger.
func checkFinger(t *testing.T, g *Game, where string, c control) {
	t.Helper()
	r, k := c.r, g.scale
	checkOnScreen(t, g, where, c)
	if c.press != nil && (r.W*k < 31.99 || r.H*k < 31.99) {
		t.Errorf("%s: %s is %.1fx%.1f CSS px, under a finger's 32", where, c.name, r.W*k, r.H*k)
	}
}

// checkOnScreen fails when control c is not wholly on the screen.
func checkOnScreen(t *testing.T, g *Game, where string, c control) {
	t.Helper()
	if r := c.r; r.X < 0 || r.Y < 0 || r.right() > g.vw+0.01 || r.bottom() > g.vh+0.01 {
		t.Errorf("%s: %s at %+v is off the %gx%g screen", where, c.name, r, g.vw, g.vh)
	}
}

// The landscape sizes stay landscape; a phone held sideways is landscape
// too when the layout still fits at 0.8 or more.
func TestPortraitChoice(t *testing.T) {
	for _, c := range []struct {
		w, h float64
		want bool
	}{{1280, 720, false}, {800, 600, false}, {1920, 1080, false}, {390, 844, true}, {768, 1024, true}, {600, 400, true}, {1100, 1200, false}} {
		if got := isPortrait(c.w, c.h); got != c.want {
			t.Errorf("%gx%g: portrait %v, want %v", c.w, c.h, got, c.want)
		}
	}
}

// In portrait the header's notice has a line of its own under the title
// (beside it there is no room).
func TestPortraitNotice(t *testing.T) {
	g := newAt(t, 390, 844, 2)
	img := screen(g)
	before := frame(t, g, img)
	g.st.Notice = `"1e" is not a number`
	g.dirty = true
	after := frame(t, g, img)
	row := region(g, rect{0, headerH - 6, g.vw, noticeH + 4})
	if n := diffCount(before, after, row); n < 100 {
		t.Errorf("the notice changed %d pixels of its line", n)
	}
	if n := diffCount(before, after, before.Rect) - diffCount(before, after, row); n != 0 {
		t.Errorf("the notice changed %d pixels outside its line", n)
	}
}

// inHeader says whether c is one of the header's controls.
func inHeader(g *Game, c control) bool {
	return c.r.bottom() <= g.arrangeFor().header.bottom()+4
}
