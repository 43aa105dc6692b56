package game

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"convplayground/game/state"
)

// The layer strip: the trained LeNet's blocks, a click on block 3 selects
// its layer (the hook says so, the maps tab draws its 32 maps), the add
// menu adds a layer after it, and out_channels 19 turns block 3 red with
// torch's message, in the strip and in the maps tab. Screenshots at
// 1280x720 and 800x600 with -screenshot DIR.
func TestLayerStrip(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {800, 600}} {
		name := fmt.Sprintf("%.0fx%.0f", size[0], size[1])
		g := newAt(t, size[0], size[1], 1)
		img := screen(g)
		g.st.Layers.LoadNetPreset(1)
		frame(t, g, img)
		click(t, g, "layer:3")
		shot := frame(t, g, img)
		h := hook(t, g)
		if h["selected_layer"] != 3.0 || fmt.Sprint(h["layers"].([]any)[3].(map[string]any)["output"]) != "[1 32 10 10]" {
			t.Fatalf("%s: after a click on block 3: selected %v, layers %v", name, h["selected_layer"], h["layers"])
		}
		lm := panelOf[*layerMaps](g)
		if len(lm.tiles) != 32 || len(mapsOf(g).tiles) != 0 {
			t.Errorf("%s: %d maps of layer 3, %d of layer 0", name, len(lm.tiles), len(mapsOf(g).tiles))
		}
		r := lm.tiles[5]
		pointerAt(g, r.X+r.W*0.45, r.Y+r.H*0.55, false)
		frame(t, g, img)
		v, _ := g.st.Layers.LayerSample(3)
		if want := fmt.Sprintf("layer 3: y[0, 5, 5, 4] = %s", formatHover(v[(5*10+5)*10+4])); g.hover.text != want {
			t.Errorf("%s: hover %q, want %q", name, g.hover.text, want)
		}
		saveShot(t, "strip-lenet-layer3-"+name+".png", shot)
		click(t, g, "lmap5")
		click(t, g, "tab:explain")
		saveShot(t, "strip-lenet-layer3-explain-"+name+".png", frame(t, g, img))
		if c := panelOf[*layerMaps](g).cell; c.Map != 5 {
			t.Errorf("%s: a click on map 5 picks %v", name, c)
		}
		click(t, g, "tab:channels")
		shot = frame(t, g, img)
		lm = panelOf[*layerMaps](g)
		if len(lm.tiles) != 20 {
			t.Errorf("%s: layer 3's map 5 in %d parts, want its 20 input channels", name, len(lm.tiles))
		}
		r = lm.tiles[2]
		pointerAt(g, r.X+r.W*0.55, r.Y+r.H*0.55, false)
		saveShot(t, "strip-lenet-layer3-channels-"+name+".png", frame(t, g, img))
		if !strings.HasPrefix(g.hover.text, "layer 3: map 5's Σ w·x over input channel 2 at (5, 5) = ") {
			t.Errorf("%s: hover %q", name, g.hover.text)
		}
		click(t, g, "tab:explain")
		click(t, g, "layer:2")
		saveShot(t, "strip-lenet-pool-explain-"+name+".png", frame(t, g, img))
		click(t, g, "tab:channels")
		saveShot(t, "strip-lenet-pool-channels-"+name+".png", frame(t, g, img))
		click(t, g, "tab:maps")
		frame(t, g, img)
		click(t, g, "layer:5")
		frame(t, g, img)
		click(t, g, "layer_arg:kernel_size+")
		frame(t, g, img)
		if l := g.st.Layers.LayerSpec(5); l.Kernel != [2]int{3, 3} || g.st.Layers.LayerError(7) != "mat1 and mat2 shapes cannot be multiplied (1x512 and 800x128)" {
			t.Errorf("%s: pool kernel + gives %s, layer 7 %q", name, l, g.st.Layers.LayerError(7))
		}
		click(t, g, "layer:7")
		frame(t, g, img)
		click(t, g, "layer_fit")
		saveShot(t, "strip-lenet-fit-"+name+".png", frame(t, g, img))
		if g.st.Layers.LayerError(7) != "" || g.st.Layers.LayerSpec(7).InFeatures != 512 {
			t.Errorf("%s: fit gives %s, %q", name, g.st.Layers.LayerSpec(7), g.st.Layers.LayerError(7))
		}
		g.st.History.Undo()
		g.st.History.Undo()

		click(t, g, "layer:9")
		saveShot(t, "strip-lenet-probs-"+name+".png", frame(t, g, img))

		click(t, g, "layer:2")
		click(t, g, "layer_add")
		frame(t, g, img)
		click(t, g, "add:BatchNorm2d")
		frame(t, g, img)
		if g.st.Layer != 3 || g.st.Layers.LayerSpec(3).String() != "nn.BatchNorm2d(20)" {
			t.Errorf("%s: added %s at %d", name, g.st.Layers.LayerSpec(3), g.st.Layer)
		}
		g.st.History.Undo()

		g.st.Layers.SelectLayer(0)
		g.st.Step(state.SetOut, -1)
		frame(t, g, img)
		click(t, g, "layer:3")
		shot = frame(t, g, img)
		want := "Given groups=1, weight of size [32, 20, 5, 5], expected input[1, 19, 14, 14] to have 20 channels"
		if msg := g.st.Layers.LayerError(3); !strings.HasPrefix(msg, want) {
			t.Errorf("%s: layer 3's message %q", name, msg)
		}
		// the block is red: the error colour fills part of it
		b := panelOf[*layerStrip](g).blocks[4]
		if n := countColor(shot, region(g, b), func(c color.RGBA) bool { return c.R > 150 && c.G < 110 && c.B < 110 }); n < 20 {
			t.Errorf("%s: the broken block has %d red pixels", name, n)
		}
		saveShot(t, "strip-broken-"+name+".png", shot)
	}
}

// The strip's blocks and buttons stay inside the shapes panel and apart,
// for the deepest preset too.
func TestLayerStripFits(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {800, 600}} {
		g := newAt(t, size[0], size[1], 1)
		g.st.Layers.LoadNetPreset(2)
		g.st.Layers.SelectLayer(4)
		saveShot(t, fmt.Sprintf("strip-tinyvgg-%.0fx%.0f.png", size[0], size[1]), frame(t, g, screen(g)))
		ls := panelOf[*layerStrip](g)
		sp := panelOf[*shapesPanel](g).r
		for i, b := range ls.blocks {
			if b.X < sp.X || b.right() > sp.right() || b.bottom() > sp.bottom() || (i > 0 && b.X < ls.blocks[i-1].right()) {
				t.Errorf("%v: block %d at %v (panel %v)", size, i, b, sp)
			}
		}
		if len(ls.blocks) != 13 || !slices.ContainsFunc(g.ctrls, func(c control) bool { return c.name == "layer:11" }) {
			t.Errorf("%v: %d blocks", size, len(ls.blocks))
		}
	}
}
