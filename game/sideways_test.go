package game

import (
	"fmt"
	"strings"
	"testing"

	"convplayground/game/state"
	"convplayground/i18n"
)

// A phone held sideways gets two columns a page, each control on screen,
// apart from the others and at least 32 CSS pixels each way, no text under
// 11 CSS pixels and none cut; every control a learner needs is on a page
// (issue 20, item 8). Smaller phones (740x360, 667x375, 640x360) get the
// same pages a little smaller: text still 11 CSS px or more, nothing cut,
// controls on screen (under a finger's 32 CSS px there: 29.8, 27.6, 26.5).
func TestSidewaysPages(t *testing.T) {
	for _, sz := range [][2]float64{{844, 390}, {915, 412}, {740, 360}, {667, 375}, {640, 360}} {
		for _, out := range []int{8, 20} {
			g := newAt(t, sz[0], sz[1], 3)
			g.OnShare = func(string) string { return "Link copied" }
			g.OnCopyCode = func(string) string { return "Code copied" }
			g.OnSave = func(string, []byte) string { return "Saved" }
			g.OnStartFresh = func() {}
			g.st.Step(state.SetOut, out-g.st.OutChannels)
			g.st.Recompute()
			if g.portrait || !g.sideways {
				t.Fatalf("%v: portrait %v, sideways %v", sz, g.portrait, g.sideways)
			}
			if small := (sizeSmall - 1) * g.scale; small < 11 {
				t.Errorf("%v: the smallest text is %.1f CSS px", sz, small)
			}
			seen, img := map[string]bool{}, screen(g)
			look := func(name string) {
				t.Helper()
				g.dirty = true
				g.relayout()
				where := fmt.Sprintf("%v out %d: %s", sz, out, name)
				for _, c := range g.ctrls {
					if g.onScreen(c.r) {
						seen[c.name] = true
						if !smallOnPurpose(c.name) && g.scale >= portraitK {
							checkFinger(t, g, where, c)
						} else {
							checkOnScreen(t, g, where, c)
						}
					}
				}
				shot := frame(t, g, img)
				if cut := g.Hook().View.Clipped; len(cut) > 0 {
					t.Errorf("%s: cut %q", where, cut)
				}
				if out == 8 {
					saveShot(t, fmt.Sprintf("sideways-%gx%g-%s.png", sz[0], sz[1], name), shot)
				}
			}
			for pg := range numPages {
				g.page = pg
				look(pageNames[pg])
			}
			g.page = pageMaps
			for tab := range numTabs {
				g.tab = tab
				look("tab-" + tabNames[tab])
			}
			g.tab = tabMaps
			g.st.Step(state.SetStride, -1) // stride 0: PyTorch's message over the maps
			look("rejected")
			g.st.History.Undo()
			for i := range state.Examples {
				g.st.LoadExample(i)
				for _, pg := range []page{pageInput, pageFilter, pageMaps} {
					g.page = pg
					look(fmt.Sprintf("example%d-%s", i, pageNames[pg]))
				}
				g.tab = tabBatch // the MNIST example's 16 samples and all their maps on screen
				look(fmt.Sprintf("example%d-batch", i))
				for _, c := range g.ctrls {
					// A 28x28 map: a CSS px a cell at least (smaller phones: 26 CSS px).
					if strings.HasPrefix(c.name, "bmap") && g.scale >= portraitK && c.r.W*g.scale < 28 {
						t.Errorf("%v example %d: the batch tab's %s is %.1f CSS px", sz, i, c.name, c.r.W*g.scale)
					}
				}
				g.tab = tabMaps
			}
			for _, name := range []string{"canvas", "pen", "eraser", "undo", "redo", "clear", "digit", "drawing", "photo", "tensor", "normalize",
				"stride+", "padding_mode-", "groups+", "cell_2_2", "bias+", "learned", "presets", "filter0", fmt.Sprintf("filter%d", out-1), "preset_menu",
				"tab:maps", "tab:explain", "tab:channels", "tab:batch", "colormap", "map0", "play", "copy_code", "save_weight", "examples_menu",
				"page:input", "page:filter", "page:maps", "page:shapes"} {
				if !seen[name] {
					t.Errorf("%v out %d: %s is on no page", sz, out, name)
				}
			}
		}
	}
}

// The sizes of a phone held sideways get that layout; 800x600 and the
// desktop sizes stay landscape, a narrow window portrait.
func TestSidewaysChoice(t *testing.T) {
	for _, c := range []struct {
		w, h     float64
		sideways bool
	}{{844, 390, true}, {915, 412, true}, {667, 375, true}, {1280, 500, true}, {1280, 720, false}, {800, 600, false}, {1024, 600, false}, {390, 844, false}, {600, 400, false}} {
		if got := isSideways(c.w, c.h); got != c.sideways {
			t.Errorf("%gx%g: sideways %v, want %v", c.w, c.h, got, c.sideways)
		}
	}
}

// smallOnPurpose are the controls a phone held sideways leaves under a
// finger's size, to be pointed at rather than pressed: the explain tab's
// grid cells (pointing shows a value; the page is too short for five
// finger-sized rows beside the map) and, at 20 filters, the batch tab's
// maps (30 CSS px): known limits of this layout, named here.
func smallOnPurpose(name string) bool {
	return strings.HasPrefix(name, "explain_x_") || strings.HasPrefix(name, "explain_w_") || strings.HasPrefix(name, "explain_p_") || strings.HasPrefix(name, "bmap")
}

// No screen cuts a string (issue 20, item 3): the desktop sizes and both
// phones, every page (a phone's), every tab of the maps column (the
// explain tab stepped too), on the first digit and both examples.
func TestScreensNoClippedText(t *testing.T) { screensNoClippedText(t, i18n.EN) }

// The same screens in Korean (issue 21): its texts fit too.
func TestKoreanScreensNoClippedText(t *testing.T) { screensNoClippedText(t, i18n.KO) }

func screensNoClippedText(t *testing.T, lang i18n.Lang) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}, {844, 390}} {
		for ex := -1; ex < len(state.Examples); ex++ {
			g := newAt(t, sz[0], sz[1], 2)
			g.Lang.SetLanguage(lang)
			if g.Lang.Language() != lang {
				t.Fatalf("language %s, want %s", g.Lang.Language(), lang)
			}
			if ex >= 0 {
				g.st.LoadExample(ex)
			}
			img := screen(g)
			look := func(what string) {
				t.Helper()
				g.dirty = true
				g.relayout()
				shot := frame(t, g, img)
				if cut := g.Hook().View.Clipped; len(cut) > 0 {
					t.Errorf("%v example %d, %s: cut %q", sz, ex, what, cut)
				}
				saveShot(t, fmt.Sprintf("screen-%s-%gx%g-example%d-%s.png", lang, sz[0], sz[1], ex, strings.ReplaceAll(what, " ", "-")), shot)
			}
			for pg := range numPages {
				if g.paged() {
					g.page = pg
					look("page " + pageNames[pg])
				}
			}
			g.page = pageMaps
			for tab := range numTabs {
				g.tab = tab
				look("tab " + tabNames[tab])
			}
			g.tab = tabExplain
			for range 30 {
				g.st.Player.StepBy(+1)
			}
			look("tab explain, stepped")
		}
	}
}

// A phone held sideways has the language switch, EN | 한국어 (issue 20,
// item 8): in the header row left of the page bar at 844x390 and 915x412,
// each a finger (32 CSS px) with its text 11 CSS px or more, the title
// whole; on a smaller phone, where the row has no room, in the Examples
// menu. Pressing 한국어 switches the language either way.
func TestSidewaysLanguageSwitch(t *testing.T) {
	for _, sz := range [][2]float64{{844, 390}, {915, 412}, {740, 360}, {667, 375}} {
		g := newAt(t, sz[0], sz[1], 2)
		g.OnShare = func(string) string { return "Link copied" }
		g.relayout()
		img := screen(g)
		frame(t, g, img)
		where := fmt.Sprintf("%gx%g", sz[0], sz[1])
		inRow := sz[0] >= 844
		ko := ctrlRectOf(g, "lang:ko")
		if (ko.W > 0) != inRow {
			t.Errorf("%s: the language switch in the header row: %v, want %v", where, ko.W > 0, inRow)
		}
		if inRow {
			p := painter{k: g.k(), fonts: &g.fonts}
			for _, name := range []string{"lang:en", "lang:ko"} {
				r := ctrlRect(t, g, name)
				if r.W*g.scale < 32 || r.H*g.scale < 32 || r.bottom() > barH || r.right() > ctrlRect(t, g, "page:input").X {
					t.Errorf("%s: %s at %+v (%.0fx%.0f CSS px): not a finger left of the page bar", where, name, r, r.W*g.scale, r.H*g.scale)
				}
				if r.X < margin+p.width("Conv Playground", bold, sizeTitle) {
					t.Errorf("%s: %s at %+v covers the title", where, name, r)
				}
			}
			if sizeBody*g.scale < 11 {
				t.Errorf("%s: the switch's text is %.1f CSS px", where, sizeBody*g.scale)
			}
		} else {
			click(t, g, "examples_menu")
			frame(t, g, img)
		}
		if cl := g.Hook().View.Clipped; len(cl) > 0 {
			t.Errorf("%s: cut %q", where, cl)
		}
		saveShot(t, fmt.Sprintf("sideways-lang-%gx%g.png", sz[0], sz[1]), frame(t, g, img))
		click(t, g, "lang:ko")
		if g.Lang.Language() != i18n.KO {
			t.Errorf("%s: 한국어 pressed: language %s", where, g.Lang.Language())
		}
	}
}
