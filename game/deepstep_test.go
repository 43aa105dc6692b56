package game

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
	"convplayground/game/teach"
)

// The teaching views on a deeper Conv2d, the trained LeNet's conv2 (layer
// 3, on layer 2's twenty 14x14 maps): the playback strip is there, three
// steps forward put the window on cell (0, 2) of map 0 with its taps on
// layer 2's map, the explain tab explains that cell (its value is the
// layer's), a click on a map pins one of its cells; a drag on a weight of
// the layer's editor is one undo step and moves the layer's maps. The
// screenshots with -screenshot DIR at 1280x720, 800x600 and 390x844.
func TestDeepStepAndExplain(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}} {
		name := fmt.Sprintf("%.0fx%.0f", size[0], size[1])
		g := newAt(t, size[0], size[1], 1)
		img := screen(g)
		g.st.Layers.LoadNetPreset(1)
		frame(t, g, img)
		g.st.Layers.SelectLayer(3)
		frame(t, g, img)
		showPage(t, g, "maps")
		for range 3 {
			click(t, g, "step_fwd")
		}
		shot := frame(t, g, img)
		var f state.StepFrame
		g.st.Player.StepFrame(&f)
		if want := (teach.Cell{Map: 0, OY: 0, OX: 2}); f.Cell != want || f.Total != 100 || f.H != 14 || len(f.Taps) != 25 || f.Taps[0].X != 2 {
			t.Fatalf("%s: stepped to %v of %d on %dx%d, %d taps", name, f.Cell, f.Total, f.H, f.W, len(f.Taps))
		}
		if lm := panelOf[*layerMaps](g); lm.inTile.W < 40 || len(lm.tiles) != 32 {
			t.Errorf("%s: layer 2's map drawn %v wide, %d maps", name, lm.inTile.W, len(lm.tiles))
		}
		saveShot(t, "deep-step-"+name+".png", shot)
		in := panelOf[*layerMaps](g).inTile // pixel (7, 7) of layer 2's map 0: read by the cells 3..7 × 3..7 of every map
		pointerAt(g, in.X+in.W*7.5/14, in.Y+in.H*7.5/14, false)
		frame(t, g, img)
		if want := "read by 800 output cells (25 in each of 32 maps, framed)"; !strings.HasSuffix(g.hover.text, want) {
			t.Errorf("%s: pointing at layer 2's pixel (7, 7): %q, want …%q", name, g.hover.text, want)
		}
		h := hook(t, g)
		ex, _ := h["explain"].(map[string]any)
		if want := g.st.Layers.LayerOutput(3).At(0, 0, 0, 2); ex == nil || len(ex["channels"].([]any)) != 20 || float32(ex["value"].(float64)) != want {
			t.Fatalf("%s: the hook explains cell (%v, %v, %v) = %v, want layer 3's (0, 0, 2) = %v", name, ex["map"], ex["oy"], ex["ox"], ex["value"], want)
		}
		click(t, g, "tab:explain")
		shot = frame(t, g, img)
		e := panelOf[*explainPanel](g)
		if !e.hasCell || e.e.Cell != (teach.Cell{Map: 0, OY: 0, OX: 2}) || len(e.e.Channels) != 20 || e.inMini.W < 20 {
			t.Errorf("%s: explain shows %v (%v), %d channels", name, e.e.Cell, e.hasCell, len(e.e.Channels))
		}
		if math.Abs(e.e.Sum-float64(e.e.Value)) > 1e-4 {
			t.Errorf("%s: Σ %v, value %v", name, e.e.Sum, e.e.Value)
		}
		saveShot(t, "deep-explain-"+name+".png", shot)

		click(t, g, "tab:maps")
		frame(t, g, img)
		click(t, g, "lmap7")
		frame(t, g, img)
		if c, ok := g.st.Player.Pinned(); !ok || c.Map != 7 || g.st.Filter != 7 {
			t.Errorf("%s: a click on map 7 pins %v (%v), filter %d", name, c, ok, g.st.Filter)
		}
		showPage(t, g, "filter")
		frame(t, g, img)
		before := g.st.Layers.LayerOutput(3).At(0, 7, 5, 5)
		undo, _ := g.st.History.Steps()
		r := ctrlRect(t, g, "lcell_2_2")
		pointerAt(g, r.X+r.W/2, r.Y+r.H/2, true)
		for dy := 1.0; dy <= 30; dy += 5 {
			pointerAt(g, r.X+r.W/2, r.Y+r.H/2-dy, true)
		}
		pointerAt(g, r.X+r.W/2, r.Y+r.H/2-30, false)
		shot = frame(t, g, img)
		if n, _ := g.st.History.Steps(); n != undo+1 || !strings.HasPrefix(g.st.History.UndoLabel(), "Undo: layer 3 w[7, 0, 2, 2] ") {
			t.Errorf("%s: the drag took %d undo steps (%q)", name, n-undo, g.st.History.UndoLabel())
		}
		if g.st.Layers.LayerOutput(3).At(0, 7, 5, 5) == before {
			t.Errorf("%s: the drag left layer 3's map 7 as it was", name)
		}
		saveShot(t, "deep-edit-"+name+".png", shot)
		w := g.st.Layers.TailLayer(3).State()[0].Value
		at := ((7*20+0)*5+2)*5 + 2
		was, bank := w.Data[at], g.st.Bank.Filters[7].W[12]
		pressKey(g, ebiten.KeyArrowUp)
		if w = g.st.Layers.TailLayer(3).State()[0].Value; math.Abs(float64(w.Data[at]-was)-0.1) > 1e-6 || g.st.Bank.Filters[7].W[12] != bank {
			t.Errorf("%s: the up arrow moved layer 3's w[7, 0, 2, 2] %v → %v (layer 0's %v → %v)", name, was, w.Data[at], bank, g.st.Bank.Filters[7].W[12])
		}
	}
}

// showPage shows page name of the portrait layout (nothing in landscape).
func showPage(t *testing.T, g *Game, name string) {
	t.Helper()
	if g.portrait {
		click(t, g, "page:"+name)
	}
}

// On a 390x844 phone the strip is on the shapes page: with the trained
// LeNet every block and button is on screen, apart, big enough for a
// finger, its text at least 11 CSS px; a tap on block 3 selects layer 3,
// whose maps the maps page then shows.
func TestStripOnPhone(t *testing.T) {
	g := newAt(t, 390, 844, 3)
	img := screen(g)
	g.st.Layers.LoadNetPreset(1)
	frame(t, g, img)
	click(t, g, "page:shapes")
	shot := frame(t, g, img)
	ls := panelOf[*layerStrip](g)
	if len(ls.blocks) != 11 {
		t.Fatalf("%d blocks, want the input and 10 layers", len(ls.blocks))
	}
	if size := stripSize * g.scale; size < 11 {
		t.Errorf("the blocks' text is %.1f CSS px", size)
	}
	names := []string{"layer_add", "layer_remove", "layer_up", "layer_down", "net_edit"}
	for i := range 10 {
		names = append(names, fmt.Sprintf("layer:%d", i))
	}
	var rs []rect
	for _, n := range names {
		i := slices.IndexFunc(g.ctrls, func(c control) bool { return c.name == n && g.onScreen(c.r) })
		if i < 0 {
			t.Fatalf("%s is not on the shapes page", n)
		}
		r := g.ctrls[i].r
		checkFinger(t, g, "phone strip", g.ctrls[i])
		for _, o := range rs {
			if r.X < o.right() && o.X < r.right() && r.Y < o.bottom() && o.Y < r.bottom() {
				t.Errorf("%s overlaps another control", n)
			}
		}
		rs = append(rs, r)
	}
	saveShot(t, "phone-strip-390x844.png", shot)
	click(t, g, "layer:3")
	click(t, g, "page:maps")
	shot = frame(t, g, img)
	if g.st.Layer != 3 || len(panelOf[*layerMaps](g).tiles) != 32 {
		t.Errorf("a tap on block 3 selects layer %d (%d maps)", g.st.Layer, len(panelOf[*layerMaps](g).tiles))
	}
	saveShot(t, "phone-strip-layer3-390x844.png", shot)
}

// A deeper ConvTranspose2d: the playback strip steps its map (filled in,
// no window) and the explain tab lists the stepped cell's paints.
func TestDeepTransposedView(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {800, 600}} {
		name := fmt.Sprintf("%.0fx%.0f", size[0], size[1])
		g := newAt(t, size[0], size[1], 1)
		img := screen(g)
		if err := g.st.Layers.ApplyNet("nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1))"); err != nil {
			t.Fatal(err)
		}
		frame(t, g, img)
		click(t, g, "layer:2")
		frame(t, g, img)
		for range 5 {
			click(t, g, "step_fwd")
		}
		frame(t, g, img)
		click(t, g, "tab:explain")
		shot := frame(t, g, img)
		var e teach.TransposeCell
		if c, ok := g.st.Player.ExplainedCell(); !ok || c != (teach.Cell{Map: 0, OY: 0, OX: 4}) || g.st.Teach.ExplainTransposed(&e, c) != nil || len(e.Paints) == 0 {
			t.Errorf("%s: explained %v (%v), %d paints", name, c, ok, len(e.Paints))
		}
		if lm := panelOf[*layerMaps](g); !lm.shown() {
			t.Errorf("%s: the explain tab of a deeper ConvTranspose2d is not layerMaps'", name)
		}
		saveShot(t, "deep-transposed-explain-"+name+".png", shot)
	}
}
