package game

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"convplayground/game/state"
	"convplayground/i18n"
	"convplayground/nn/arch"
)

// The layer strip and every deeper layer's views in Korean (issue 21):
// each preset network, each layer selected, in the maps, explain and
// channels tabs, its add menu open, at the three sizes: no
// Korean text is cut (the strip's narrow blocks cut shapes in English
// too, which is not this test's to check).
func TestKoreanLayerViews(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}} {
		for pi, pr := range arch.Presets() {
			g := newAt(t, sz[0], sz[1], 1)
			g.Lang.SetLanguage(i18n.KO)
			g.st.Layers.LoadNetPreset(pi)
			img := screen(g)
			for l := range g.st.Layers.NumLayers() {
				g.st.Layers.SelectLayer(l)
				for _, tab := range []mapTab{tabMaps, tabExplain, tabChannels} {
					g.tab = tab
					if g.paged() {
						g.page = pageMaps
					}
					g.dirty = true
					g.relayout()
					shot := frame(t, g, img)
					for _, cut := range g.Hook().View.Clipped {
						if hasHangul(cut) {
							t.Errorf("%v %s layer %d tab %s: cut %q", sz, pr.Name, l, tabNames[tab], cut)
						}
					}
					if l == g.st.Layers.NumLayers()-1 {
						saveShot(t, fmt.Sprintf("layers-ko-%gx%g-%s-%s.png", sz[0], sz[1], pr.Name, tabNames[tab]), shot)
					}
				}
			}
		}
	}
}

// The ConvTranspose2d explain views in Korean (issue 21): before a cell
// is explained (the hint), then a stepped cell in both views, with the
// shapes panel's transposed lines, at the three sizes: no Korean
// text is cut.
func TestKoreanTransposeViews(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}} {
		g := newAt(t, sz[0], sz[1], 1)
		g.Lang.SetLanguage(i18n.KO)
		transposed(t, g)
		if g.paged() {
			g.page = pageMaps
			g.relayout()
		}
		click(t, g, "tab:explain")
		img := screen(g)
		look := func(what string) {
			t.Helper()
			g.dirty = true
			g.relayout()
			shot := frame(t, g, img)
			for _, cut := range g.Hook().View.Clipped {
				if hasHangul(cut) {
					t.Errorf("%v %s: cut %q", sz, what, cut)
				}
			}
			saveShot(t, fmt.Sprintf("transpose-ko-%gx%g-%s.png", sz[0], sz[1], what), shot)
		}
		look("hint")
		g.st.Player.Scrub(20*56 + 23)
		for _, view := range []string{"scatter", "zeros"} {
			click(t, g, "tview:"+view)
			look(view)
		}
		if g.paged() { // a phone's shapes page: the transposed formula lines
			g.page = pageShapes
			look("shapes")
		}
		if got := ctrlLabel(g, "tview:scatter"); got != "흩뿌리기" {
			t.Errorf("%v: the scatter toggle reads %q", sz, got)
		}
	}
}

// The state's notices follow the UI's language.
func TestKoreanNotice(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.Lang.SetLanguage(i18n.KO)
	g.st.History.Undo()
	if want := i18n.KO.T(i18n.NoticeNothingToUndo); g.st.Notice != want {
		t.Errorf("Undo in Korean says %q, want %q", g.st.Notice, want)
	}
	g.Lang.SetLanguage(i18n.EN)
	g.st.History.Undo()
	if g.st.Notice != "nothing to undo" {
		t.Errorf("Undo back in English says %q", g.st.Notice)
	}
}

// The longest Korean notice wraps in the header and is never cut.
func TestKoreanNoticeNeverCut(t *testing.T) {
	n := i18n.KO.Sprintf(i18n.NoticeLinkLeftOutNet, "tinyvgg.pt", "tinyvgg.pt")
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}, {844, 390}} {
		g := newAt(t, sz[0], sz[1], 1)
		g.Lang.SetLanguage(i18n.KO)
		g.st.Notice = n
		g.dirty = true
		g.relayout()
		saveShot(t, fmt.Sprintf("notice-ko-%.0f.png", sz[0]), frame(t, g, screen(g)))
		for _, cut := range g.Hook().View.Clipped {
			if hasHangul(cut) {
				t.Errorf("%v: cut %q", sz, cut)
			}
		}
	}
}

// The train tab in Korean while it trains (issue 21): the status line,
// the charts' titles and the history's captions fit at the three
// sizes. The wait is on steps, not on time (the limit only ends a hang).
func TestKoreanTraining(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}} {
		g := trainingGame(t, sz[0], sz[1])
		g.Lang.SetLanguage(i18n.KO)
		if g.paged() {
			g.page = pageMaps
		}
		click(t, g, "train")
		img := screen(g)
		for end := time.Now().Add(2 * time.Minute); g.train.Step < 60 || len(g.train.Accuracy) == 0; time.Sleep(10 * time.Millisecond) {
			g.Update()
			g.Draw(img)
			if time.Now().After(end) {
				t.Fatalf("%v: no 60 steps: phase %v, step %d, error %q", sz, g.train.Phase, g.train.Step, g.train.Err)
			}
		}
		click(t, g, "train-pause")
		g.dirty = true
		g.relayout()
		shot := frame(t, g, img)
		if ctrlLabel(g, "train-pause") != "일시정지" {
			t.Errorf("%v: Pause reads %q", sz, ctrlLabel(g, "train-pause"))
		}
		for _, cut := range g.Hook().View.Clipped {
			if hasHangul(cut) {
				t.Errorf("%v: cut %q", sz, cut)
			}
		}
		saveShot(t, fmt.Sprintf("train-ko-%gx%g.png", sz[0], sz[1]), shot)
	}
}

// A rejected layer in Korean (issue 21 §1): the maps' banner with its
// note on how to fix it (a setting, or the fixes' buttons) fits at the
// issue's sizes, on a phone's maps page too; the note was cut at 390x844.
func TestKoreanRejected(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}, {844, 390}} {
		for _, c := range []struct {
			what  string
			setup func(g *Game)
		}{
			{"stride 0", func(g *Game) {
				for g.st.Stride > 0 {
					g.st.Step(state.SetStride, -1)
				}
			}},
			{"learned filters on the photo", func(g *Game) { g.st.Trained.LoadLearned(); g.st.Input.SetPhoto(true) }},
		} {
			g := newAt(t, sz[0], sz[1], 1)
			g.Lang.SetLanguage(i18n.KO)
			c.setup(g)
			g.st.Recompute()
			if g.st.Err == nil {
				t.Fatalf("%s: not rejected", c.what)
			}
			if g.paged() {
				g.page = pageMaps
			}
			g.dirty = true
			g.relayout()
			shot := frame(t, g, screen(g))
			saveShot(t, fmt.Sprintf("rejected-ko-%gx%g-%s.png", sz[0], sz[1], strings.ReplaceAll(c.what, " ", "-")), shot)
			for _, cut := range g.Hook().View.Clipped {
				if hasHangul(cut) {
					t.Errorf("%v %s: cut %q", sz, c.what, cut)
				}
			}
			m := mapsOf(g)
			for _, b := range m.fixes { // the fixes' buttons stay in the banner
				if b.r.X < m.banner.X || b.r.right() > m.banner.right() {
					t.Errorf("%v %s: the button %q at %+v is outside the banner %+v", sz, c.what, b.label, b.r, m.banner)
				}
			}
		}
	}
}

// The canvas's padding ring keeps its label in a cached image: a change
// of language remakes it (it kept "padding (zeros)" on a phone held
// sideways, whose canvas does not move when the language pack comes).
func TestKoreanPaddingRing(t *testing.T) {
	g := newAt(t, 844, 390, 1)
	img := screen(g)
	frame(t, g, img)
	in := panelOf[*inputPanel](g)
	english := in.overlay.key
	if english == 0 {
		t.Fatal("no padding ring drawn")
	}
	g.Lang.SetLanguage(i18n.KO)
	frame(t, g, img)
	if in.overlay.key == english {
		t.Error("the ring's image was not remade in Korean")
	}
}

// No screen of the golden set cuts a string in Korean either (issue 21
// §1; TestNoClippedText in English).
func TestKoreanNoClippedText(t *testing.T) {
	for _, c := range screens {
		g := newAt(t, c.w, c.h, c.dpr)
		g.Lang.SetLanguage(i18n.KO)
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
