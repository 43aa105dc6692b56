package game

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"convplayground/game/picture"
	"convplayground/i18n"
	"convplayground/modelfile"
)

// waitModel runs the game's drop queue until the model file being read
// off the frame is shown (or refused: the notice stops saying it is
// reading, "reading NAME (SIZE)…" in either language).
func waitModel(g *Game) {
	for strings.HasSuffix(g.st.Notice, ")…") {
		g.Files.drainDrops()
		runtime.Gosched()
	}
	g.relayout()
}

// A .pt dropped on the desktop window opens in the model tab; at 1280x720
// TinyVGG's list takes pages, each control inside the column; "Use on
// input" on a page puts that weight on screen.
func TestModelViewDropAndPages(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	data, err := os.ReadFile("state/testdata/tinyvgg.pt")
	if err != nil {
		t.Fatal(err)
	}
	put(g, Input{Mouse: g.ptr, Dropped: fstest.MapFS{"tinyvgg.pt": {Data: data}}})
	waitModel(g)
	if g.st.Trained.Opened == nil || g.tab != tabModel {
		t.Fatalf("not opened in the model tab: %q", g.st.Notice)
	}
	mp := panelOf[*modelPanel](g)
	if mp.pages < 2 {
		t.Fatalf("%d page(s) at 1280x720", mp.pages)
	}
	col := g.arrangeFor().maps
	seen := map[string]bool{}
	for page := range mp.pages {
		for _, c := range g.ctrls {
			if strings.HasPrefix(c.name, "model-") {
				seen[c.name] = true
				if c.r.X < col.X || c.r.right() > col.right()+0.01 || c.r.Y < col.Y || c.r.bottom() > col.bottom()+0.01 {
					t.Errorf("page %d: %s at %+v outside the column %+v", page, c.name, c.r, col)
				}
			}
		}
		if page+1 < mp.pages {
			click(t, g, "model-next")
			g.relayout()
		}
	}
	for i := range g.st.Trained.Opened.Convs {
		if !seen["model-pick:"+strconv.Itoa(i)] {
			t.Errorf("no page offers conv %d", i)
		}
	}
	for mp.page > 0 {
		click(t, g, "model-prev")
		g.relayout()
	}
	click(t, g, "model-pick:0")
	if got := g.st.Bank.WeightShape(); !slices.Equal(got, []int{10, 1, 3, 3}) {
		t.Errorf("weight %v after Use on input", got)
	}
}

// The model tab in both languages (issue 21): an opened model's heading,
// counts, network lines and every page of its list fit at the issue's
// sizes (each line in the longest of its forms that fits).
func TestKoreanModelView(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}} {
		for _, l := range []i18n.Lang{i18n.EN, i18n.KO} {
			if cut := modelViewCuts(t, sz, l); len(cut) > 0 {
				t.Errorf("%v %s: cut %q", sz, l, cut)
			}
		}
	}
}

// modelViewCuts opens TinyVGG in language l at size sz and returns the
// strings cut on its pages.
func modelViewCuts(t *testing.T, sz [2]float64, l i18n.Lang) []string {
	data, err := os.ReadFile("state/testdata/tinyvgg.pt")
	if err != nil {
		t.Fatal(err)
	}
	g := newAt(t, sz[0], sz[1], 1)
	g.Lang.SetLanguage(l)
	img := screen(g)
	put(g, Input{Mouse: g.ptr, Dropped: fstest.MapFS{"tinyvgg.pt": {Data: data}}})
	waitModel(g)
	if g.st.Trained.Opened == nil || g.tab != tabModel {
		t.Fatalf("%v: not opened in the model tab: %q", sz, g.st.Notice)
	}
	if want := l.T(i18n.ModelClose); ctrlLabel(g, "model-close") != want {
		t.Errorf("%v: Close reads %q, want %q", sz, ctrlLabel(g, "model-close"), want)
	}
	var cuts []string
	mp := panelOf[*modelPanel](g)
	for page := range mp.pages {
		shot := frame(t, g, img)
		cuts = append(cuts, g.Hook().View.Clipped...)
		saveShot(t, fmt.Sprintf("model-%s-%gx%g-page%d.png", l, sz[0], sz[1], page), shot)
		if page+1 < mp.pages {
			click(t, g, "model-next")
			g.relayout()
		}
	}
	return cuts
}

// A model file may be as large as modelfile reads; an image keeps its
// limit; a file over its limit is refused by its size, unread.
func TestDropLimits(t *testing.T) {
	if DropLimit("model.PTH") != modelfile.MaxFileSize || DropLimit("w.safetensors") != modelfile.MaxFileSize ||
		DropLimit("photo.png") != picture.MaxImageBytes || DropLimit("x.npy") != picture.MaxImageBytes {
		t.Errorf("limits: %d %d %d", DropLimit("model.PTH"), DropLimit("photo.png"), DropLimit("x.npy"))
	}
	if got, want := TooLarge("big.pt", 300<<20).Error(), "big.pt: 300.0 MB is too large (limit 256 MB)"; got != want {
		t.Errorf("TooLarge = %q, want %q", got, want)
	}
	g := newAt(t, 1280, 720, 1)
	g.Files.OpenModelFile("state/testdata/missing.pt")
	if !strings.Contains(g.st.Notice, "missing.pt") || g.st.Trained.Opened != nil {
		t.Errorf("a missing file: %q", g.st.Notice)
	}
	g.Files.OpenModelFile("../modelfile/testdata/refused_global.pt")
	waitModel(g)
	if !strings.HasPrefix(g.st.Notice, "refused_global.pt: ") || g.st.Trained.Opened != nil {
		t.Errorf("a refused file: %q", g.st.Notice)
	}
}

// Pointing at a filter of a weight's grid names it, its shape and range.
func TestModelViewHover(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.Files.OpenModelFile("../modelfile/testdata/cnn.pt")
	waitModel(g)
	for _, row := range panelOf[*modelPanel](g).rows {
		if row.grid && row.t.Name == "features.0.weight" {
			r := row.tiles[2]
			pointerAt(g, r.X+r.W/2, r.Y+r.H/2, false)
			lo, hi := minMax(row.t.F32[18:27])
			if want := fmt.Sprintf("features.0.weight[2]: [1, 3, 3], from %.3g to %.3g", lo, hi); g.hover.text != want {
				t.Errorf("hover %q, want %q", g.hover.text, want)
			}
			if mp := panelOf[*modelPanel](g); mp.hovered != g.hover.text {
				t.Errorf("the panel shows %q", mp.hovered)
			}
			return
		}
	}
	t.Fatal("no grid of features.0.weight")
}
