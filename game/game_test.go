package game

import (
	"convplayground/game/teach"
	"encoding/json"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
)

// -screenshot=DIR also writes the PNGs TestScreenshots and others draw
// there, to look at the UI; -update rewrites the golden screenshots.
var (
	shotDir = flag.String("screenshot", "", "directory to write screenshots to")
	update  = flag.Bool("update", false, "rewrite the golden screenshots in testdata/golden")
)

// Ebiten's own pattern: the tests run inside the game loop (first Update),
// where images can be drawn and read back. Needs a display (xvfb-run).
type testRunner struct {
	m    *testing.M
	code int
}

func (r *testRunner) Update() error {
	r.code = r.m.Run()
	return ebiten.Termination
}
func (r *testRunner) Draw(*ebiten.Image)         {}
func (r *testRunner) Layout(w, h int) (int, int) { return w, h }

func TestMain(m *testing.M) {
	r := &testRunner{m: m}
	if err := ebiten.RunGame(r); err != nil && !errors.Is(err, ebiten.Termination) {
		panic(err)
	}
	os.Exit(r.code)
}

// newAt builds a game laid out for a window of w×h CSS pixels at dpr.
func newAt(t *testing.T, w, h, dpr float64) *Game {
	t.Helper()
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	g.setSize(w, h, dpr)
	g.read = scripted
	return g
}

// scripted is the tests' input source: the pointer stays where the test
// put it (with put), and nothing else happens between the test's inputs.
func scripted(in *Input) { in.Chars, in.Keys, in.Dropped = nil, nil, nil }

// put routes one input, as Update does with what it read.
func put(g *Game, in Input) {
	g.in = in
	g.feed(&g.in)
}

// pointerAt moves the mouse to (x, y) in virtual pixels, its button down or up.
func pointerAt(g *Game, x, y float64, down bool) { put(g, Input{Mouse: pointer{x, y, down}}) }

// typeChars types s, the pointer staying where it is.
func typeChars(g *Game, s string) { put(g, Input{Mouse: g.ptr, Chars: []rune(s)}) }

// pressKey presses a key, the pointer staying where it is.
func pressKey(g *Game, k keyCode) { put(g, Input{Mouse: g.ptr, Keys: []keyCode{k}}) }

// The panels, for tests that look inside them.
func panelOf[P panel](g *Game) P { return panelIn[P](g) }

func editorOf(g *Game) *filterEditor { return panelOf[*filterEditor](g) }
func mapsOf(g *Game) *mapsPanel      { return panelOf[*mapsPanel](g) }
func inputOf(g *Game) *inputPanel    { return panelOf[*inputPanel](g) }

// frame runs one Update and Draw into img and returns the pixels.
func frame(t *testing.T, g *Game, img *ebiten.Image) *image.RGBA {
	t.Helper()
	if err := g.Update(); err != nil {
		t.Fatal(err)
	}
	g.Draw(img)
	out := image.NewRGBA(img.Bounds())
	img.ReadPixels(out.Pix)
	return out
}

func screen(g *Game) *ebiten.Image {
	return ebiten.NewImage(int(g.ow*g.dsf), int(g.oh*g.dsf))
}

// region returns the physical-pixel rectangle of a layout rect.
func region(g *Game, r rect) image.Rectangle {
	k := g.k()
	return image.Rect(int(r.X*k), int(r.Y*k), int(r.right()*k), int(r.bottom()*k))
}

func diffCount(a, b *image.RGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				n++
			}
		}
	}
	return n
}

func countColor(img *image.RGBA, r image.Rectangle, ok func(color.RGBA) bool) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ok(img.RGBAAt(x, y)) {
				n++
			}
		}
	}
	return n
}

func ctrlRect(t *testing.T, g *Game, name string) rect {
	t.Helper()
	for _, c := range g.ctrls {
		if c.name == name {
			return c.r
		}
	}
	t.Fatalf("no control %q", name)
	return rect{}
}

// click presses and releases the pointer at the centre of a control.
func click(t *testing.T, g *Game, name string) {
	r := ctrlRect(t, g, name)
	pointerAt(g, r.X+r.W/2, r.Y+r.H/2, true)
	pointerAt(g, r.X+r.W/2, r.Y+r.H/2, false)
}

func hook(t *testing.T, g *Game) map[string]any {
	t.Helper()
	// Through JSON, as the page sees it.
	b, err := json.Marshal(g.Hook())
	if err != nil {
		t.Fatalf("hook JSON: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("hook JSON: %v: %s", err, b)
	}
	return m
}

func TestStrokeRedrawsMaps(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	before := frame(t, g, img)
	maps := region(g, mapsOf(g).maps)
	if n := countColor(before, maps, func(c color.RGBA) bool { return c != colBg }); n < maps.Dx()*maps.Dy()/10 {
		t.Fatalf("maps area nearly empty: %d pixels drawn", n)
	}
	f0 := hook(t, g)["frame"].(float64)
	// A stroke across the canvas, in three pointer frames.
	c := inputOf(g).canvas
	pointerAt(g, c.X+c.W*0.3, c.Y+c.H*0.2, true)
	pointerAt(g, c.X+c.W*0.5, c.Y+c.H*0.5, true)
	pointerAt(g, c.X+c.W*0.6, c.Y+c.H*0.8, false)
	after := frame(t, g, img)
	if n := diffCount(before, after, maps); n < 200 {
		t.Errorf("a stroke changed only %d pixels of the maps", n)
	}
	if n := diffCount(before, after, region(g, c)); n < 100 {
		t.Errorf("a stroke changed only %d pixels of the canvas", n)
	}
	h := hook(t, g)
	if h["frame"].(float64) <= f0 || h["ink"].(float64) < 5 {
		t.Errorf("hook after stroke: frame %v (was %v), ink %v", h["frame"], f0, h["ink"])
	}
}

// A finger is the pointer, over the mouse: a touch stroke draws.
func TestTouchStroke(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	frame(t, g, screen(g))
	ink := g.Hook().Ink
	c := inputOf(g).canvas
	far := pointer{c.right() + 200, c.bottom() + 200, false} // the mouse, idle elsewhere
	for _, f := range []float64{0.2, 0.4, 0.6} {
		put(g, Input{Mouse: far, Touches: []pointer{{c.X + c.W*f, c.Y + c.H*0.15, true}}})
	}
	put(g, Input{Mouse: far})
	frame(t, g, screen(g))
	if h := g.Hook(); h.Ink <= ink+1 || h.Undo != 1 {
		t.Errorf("a touch stroke: ink %v → %v, undo %d, want more ink and one undo step", ink, h.Ink, h.Undo)
	}
}

// Nothing changed: Draw must not draw (the screen keeps its pixels).
func TestSkipDraw(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	f := g.frame
	img.Fill(color.Black)
	after := frame(t, g, img)
	if g.frame != f || after.RGBAAt(10, 10) != (color.RGBA{0, 0, 0, 255}) {
		t.Errorf("an unchanged frame was redrawn (frame %d → %d)", f, g.frame)
	}
	// Nor does an idle frame allocate (the link code is checked every 30 ticks).
	if n := testing.AllocsPerRun(2*codeEvery, func() { g.Update(); g.Draw(img) }); n != 0 {
		t.Errorf("an idle frame allocates %v times", n)
	}
	// Reading Ebiten's (idle) input allocates nothing either.
	var in Input
	if n := testing.AllocsPerRun(10, func() { readEbiten(&in, g.k()) }); n != 0 {
		t.Errorf("reading idle input allocates %v times", n)
	}
	click(t, g, "stride+")
	frame(t, g, img)
	if g.frame != f+1 {
		t.Errorf("a setting change was not drawn")
	}
}

// A setting PyTorch rejects: its message on screen in red, the maps kept
// (dimmed), the hook reporting it; stepping back recovers.
func TestRejectedSettingShowsMessage(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	click(t, g, "stride+")   // stride 2
	for i := 0; i < 3; i++ { // padding 2 → 3 → 4 → 'same'
		click(t, g, "padding+")
	}
	shot := frame(t, g, img)
	h := hook(t, g)
	want := "padding='same' is not supported for strided convolutions"
	if h["error"] != want || h["stale"] != true {
		t.Fatalf("hook error %q stale %v, want %q", h["error"], h["stale"], want)
	}
	red := func(c color.RGBA) bool { return c.R > 150 && c.G < 90 && c.B < 90 }
	if n := countColor(shot, region(g, mapsOf(g).maps), red); n < 50 {
		t.Errorf("no red message over the maps (%d red pixels)", n)
	}
	if n := countColor(shot, region(g, panelOf[*shapesPanel](g).r), red); n < 50 {
		t.Errorf("no red message in the shapes panel (%d red pixels)", n)
	}
	for i, r := range mapsOf(g).tiles { // the message hides no map and no caption
		if b := mapsOf(g).banner; r.Y-16 < b.bottom() && b.Y < r.bottom() && r.X < b.right() && b.X < r.right() {
			t.Errorf("the message %v covers map %d or its caption %v", b, i, r)
		}
	}
	saveShot(t, "rejected.png", shot)
	click(t, g, "stride-")
	frame(t, g, img)
	if h := hook(t, g); h["error"] != "" || h["stale"] != false {
		t.Errorf("stride 1 with 'same' still rejected: %v", h["error"])
	}
}

// Hovering the last map while a key removes it must not break anything.
func TestHoverSurvivesFewerMaps(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	r := mapsOf(g).tiles[7]
	pointerAt(g, r.X+r.W/2, r.Y+r.H/2, false)
	frame(t, g, img)
	if g.hover.ch != 7 {
		t.Fatalf("hover %+v", g.hover)
	}
	typeChars(g, "OO")
	frame(t, g, img)
	if g.hover.ch >= 6 {
		t.Errorf("hover still on a removed map: %+v", g.hover)
	}
}

func TestPresetListAndBias(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	click(t, g, "filter1")
	click(t, g, "preset_menu")
	frame(t, g, img)
	click(t, g, "preset:sobel y")
	frame(t, g, img)
	if g.st.Filters[1].Preset.String() != "sobel y" || editorOf(g).menu {
		t.Errorf("preset list: filter 1 is %q, menu open %v", g.st.Filters[1].Preset, editorOf(g).menu)
	}
	// The bias takes typed values like a weight.
	click(t, g, "bias_value")
	typeChars(g, "-0.25")
	pressKey(g, ebiten.KeyEnter)
	if g.st.Filters[1].B != -0.25 {
		t.Errorf("typed bias %v", g.st.Filters[1].B)
	}
	click(t, g, "bias+")
	if b := g.st.Filters[1].B; b < -0.16 || b > -0.14 {
		t.Errorf("bias+ gave %v", b)
	}
}

func TestPhotoButton(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	before := frame(t, g, img)
	click(t, g, "photo")
	after := frame(t, g, img)
	h := hook(t, g)
	in := h["input"].([]any)
	if len(in) != 4 || in[1].(float64) != 3 || in[2].(float64) != 64 {
		t.Fatalf("photo input shape %v", in)
	}
	if n := diffCount(before, after, region(g, inputOf(g).canvas)); n < 1000 {
		t.Errorf("the photo changed only %d canvas pixels", n)
	}
	click(t, g, "drawing")
	frame(t, g, img)
	if in := hook(t, g)["input"].([]any); in[1].(float64) != 1 {
		t.Errorf("back to the drawing: input %v", in)
	}
}

func TestKeyboardAndWeightEditing(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	typeChars(g, "sspP")
	frame(t, g, img)
	st := g.st
	if st.Stride != 3 || st.Padding != 2 {
		t.Errorf("keys s s p P: stride %d padding %d", st.Stride, st.Padding)
	}
	click(t, g, "filter2")
	click(t, g, "cell_1_3")
	ed := editorOf(g)
	if g.sel != 2 || !ed.cellOn {
		t.Fatal("cell not selected")
	}
	typeChars(g, "1.5")
	pressKey(g, ebiten.KeyEnter)
	if st.Bank.Weight(2, 0, 1, 3) != 1.5 {
		t.Errorf("typed weight: %v", st.Bank.Weight(2, 0, 1, 3))
	}
	// Dragging a cell up by 50 layout pixels raises it by 1.
	r := ctrlRect(t, g, "cell_0_0")
	v0 := st.Bank.Weight(2, 0, 0, 0)
	pointerAt(g, r.X+5, r.Y+5, true)
	pointerAt(g, r.X+5, r.Y-45, true)
	pointerAt(g, r.X+5, r.Y-45, false)
	if d := st.Bank.Weight(2, 0, 0, 0) - v0; d < 0.99 || d > 1.01 {
		t.Errorf("drag changed the weight by %v, want 1", d)
	}
}

// Every control must be on screen, and the clickable ones must not overlap,
// at the design size and at the smallest supported window.
func TestControlsFit(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {1920, 1080}} {
		g := newAt(t, sz[0], sz[1], 2)
		var m map[string]struct{ X, Y, W, H float64 }
		b, err := json.Marshal(g.Controls())
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"stride+", "stride-", "padding+", "padding-", "dilation+", "kernel-",
			"out_channels+", "padding_mode+", "canvas", "maps", "map0", "clear", "undo", "digit", "normalize",
			"preset+", "preset-", "cell_2_2", "filter0", "bias+", "colormap", "scale", "eraser", "pen",
			"photo", "drawing", "tensor", "learned", "presets", "groups+", "groups-", "example0", "example1",
			"tab:channels", "tab:batch"} {
			b, ok := m[name]
			if !ok {
				t.Errorf("%v: control %q missing", sz, name)
				continue
			}
			if b.X < 0 || b.Y < 0 || b.X+b.W > sz[0]+0.01 || b.Y+b.H > sz[1]+0.01 || b.W < 8 || b.H < 8 {
				t.Errorf("%v: %s at %+v is off screen or too small", sz, name, b)
			}
		}
		cs := g.ctrls
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				a, b := cs[i], cs[j]
				if !a.kind.button() || !b.kind.button() {
					continue
				}
				if a.r.X < b.r.right() && b.r.X < a.r.right() && a.r.Y < b.r.bottom() && b.r.Y < a.r.bottom() {
					t.Errorf("%v: %s and %s overlap", sz, a.name, b.name)
				}
			}
		}
	}
}

// TestScreenshots draws a few screens and compares each with its golden
// PNG in testdata/golden (go test -update rewrites them, after a change of
// the pixels that is meant).
func TestScreenshots(t *testing.T) {
	for _, c := range screens {
		g := newAt(t, c.w, c.h, c.dpr)
		c.setup(g)
		g.st.Recompute()
		g.dirty = true
		g.relayout()
		shot := frame(t, g, screen(g))
		saveShot(t, c.name, shot)
		checkGolden(t, c.name, shot)
	}
}

// shotCase is one golden screenshot: its name, window size and what is on it.
type shotCase struct {
	name      string
	w, h, dpr float64
	setup     func(g *Game)
}

var screens = []shotCase{
	{"default.png", 1280, 720, 1, func(g *Game) { g.st.Input.PickDigit(0) }},
	{"hover.png", 1280, 720, 1, func(g *Game) {
		g.st.Input.PickDigit(7)
		for i := 0; i < 12; i++ {
			g.st.Step(state.SetOut, +1)
		}
		g.st.Recompute()
		g.relayout()
		r := mapsOf(g).tiles[2]
		pointerAt(g, r.X+2, r.Y+r.H*0.5, false)
	}},
	{"photo.png", 1280, 720, 1, func(g *Game) {
		g.st.Input.SetPhoto(true)
		g.st.Step(state.SetStride, 1)
		pointAtMap(g, 3, 0.3, 0.02)
	}},
	{"learned.png", 1280, 720, 1, func(g *Game) {
		g.st.Input.PickDigit(4)
		g.st.Trained.LoadLearned()
		pointAtMap(g, 5, 0.5, 0.5)
	}},
	{"menu.png", 1280, 720, 1, func(g *Game) {
		g.selectFilter(2)
		editorOf(g).menu = true
		pointAtMap(g, 2, 0.5, 0.5)
	}},
	{"mismatch.png", 800, 600, 1, func(g *Game) {
		g.st.Trained.LoadLearned()
		g.st.Recompute()
		g.st.Input.SetPhoto(true)
	}},
	{"small.png", 800, 600, 1, func(g *Game) { g.st.Input.PickDigit(3); g.st.Step(state.SetStride, 1) }},
	{"hidpi.png", 1280, 720, 2, func(g *Game) { g.st.Input.PickDigit(5); g.st.Step(state.SetMode, 1) }},
	{"share-notice.png", 1280, 720, 1, func(g *Game) {
		g.OnShare = func(string) string { return "Link copied" }
		g.LoadState("c1.not-a-link")
	}},
	{"npy-wide.png", 1280, 720, 1, func(g *Game) {
		g.loadDropped(fstest.MapFS{"wide.npy": {Data: wideNPY(100, 256)}})
		pointAtMap(g, 1, 0.5, 0.5)
	}},
	{"npy-small.png", 800, 600, 1, func(g *Game) {
		g.loadDropped(fstest.MapFS{"small.npy": {Data: wideNPY(12, 20)}})
		g.st.Step(state.SetMode, 1)
		pointAtMap(g, 2, 0.95, 0.95)
	}},
	{"menu-small.png", 800, 600, 1, func(g *Game) {
		g.st.Trained.LoadLearned()
		g.st.Recompute()
		g.selectFilter(19)
		editorOf(g).menu = true
		g.relayout()
		r := mapsOf(g).tiles[19]
		pointerAt(g, r.right()-0.5, r.bottom()-0.5, false)
	}},
	{"unreached.png", 800, 600, 1, func(g *Game) { // five lines in the formula column
		g.loadDropped(fstest.MapFS{"small.npy": {Data: wideNPY(12, 20)}})
		g.st.Step(state.SetStride, 2)
		g.st.Step(state.SetDilation, 1)
	}},
	{"channels.png", 1280, 720, 1, func(g *Game) {
		g.OnCopyCode = func(string) string { return "Code copied" }
		g.OnSave = func(string, []byte) string { return "Saved" }
		g.st.LoadExample(0)
		g.editor().ch = 1
		g.tab = tabChannels
	}},
	{"depthwise-small.png", 800, 600, 1, func(g *Game) {
		g.st.Input.SetPhoto(true)
		g.st.Bank.Depthwise()
		g.selectFilter(4)
		g.tab = tabChannels
	}},
	{"batch.png", 1280, 720, 1, func(g *Game) {
		g.st.LoadExample(1)
		g.st.Recompute()
		g.st.Input.SelectSample(3)
		g.tab = tabBatch
	}},
	{"batch-small.png", 800, 600, 1, func(g *Game) {
		g.st.LoadExample(1)
		g.st.Recompute()
		g.st.Input.SelectSample(5)
		g.selectFilter(7)
	}},
	{"stepping.png", 1280, 720, 1, func(g *Game) { // dilation 2, the window half in the padding
		g.st.Input.PickDigit(0)
		g.st.Step(state.SetDilation, 1)
		g.st.Step(state.SetPadding, 2)
		g.selectFilter(1)
		g.relayout()
		g.st.Player.Scrub(14*28 + 3)
		pointAtMap(g, 5, 0.5, 1.2) // below the maps: no hover
	}},
	{"stepping-small.png", 800, 600, 1, func(g *Game) { // stride 3, no padding: rows and cols 26, 27 never read
		g.st.Input.PickDigit(1)
		g.st.Step(state.SetStride, 2)
		g.st.Step(state.SetPadding, -2)
		g.st.Step(state.SetMode, 1)
		g.st.Player.Scrub(3*8 + 5)
		g.st.Player.Play()
	}},
	{"explain.png", 1280, 720, 1, func(g *Game) { // a pinned cell at the edge, reflect padding, a tap pointed at
		g.st.Input.PickDigit(0)
		g.st.Step(state.SetMode, 1)
		g.st.Trained.LoadLearned()
		g.tab = tabExplain
		g.st.Recompute()
		g.st.Player.Pin(teach.Cell{Map: 3, OY: 8, OX: 12})
		g.dirty = true
		g.relayout()
		r := ctrlRectOf(g, "explain_p_0_1_2")
		pointerAt(g, r.X+r.W/2, r.Y+r.H/2, false)
	}},
	{"explain-small.png", 800, 600, 1, func(g *Game) { // k = 7: one grid at a time, a tap clicked
		g.st.Input.PickDigit(2)
		g.st.Step(state.SetKernel, 2)
		g.tab = tabExplain
		g.selectFilter(2)
		g.st.Recompute()
		g.relayout()
		g.st.Player.StepBy(1)
		g.st.Player.Scrub(19)
		g.relayout()
		r := ctrlRectOf(g, "explain_x_0_0_3")
		pointerAt(g, r.X+r.W/2, r.Y+r.H/2, true)
		pointerAt(g, r.X+r.W/2, r.Y+r.H/2, false)
		pointerAt(g, 5, 5, false)
	}},
	{"explain-rgb.png", 1280, 720, 1, func(g *Game) {
		g.st.Input.SetPhoto(true)
		g.tab = tabExplain
		g.st.Recompute()
		g.st.Player.Pin(teach.Cell{Map: 1, OY: 20, OX: 30})
	}},
	{"reach-weight.png", 1280, 720, 1, func(g *Game) { // stride 2, dilation 2: weight (1, 0) skips every other pixel
		g.st.Input.PickDigit(0)
		g.st.Step(state.SetStride, 1)
		g.st.Step(state.SetDilation, 1)
		g.st.Recompute()
		g.relayout()
		ed := editorOf(g)
		pointerAt(g, ed.grid.X+ed.gridCell*0.5, ed.grid.Y+ed.gridCell*1.5, false)
	}},
	{"reach-pixel.png", 1280, 720, 1, func(g *Game) { // the cells of every map that read pixel (10, 7)
		g.st.Input.PickDigit(0)
		g.st.Step(state.SetStride, 1)
		g.st.Recompute()
		g.relayout()
		in := inputOf(g)
		pointerAt(g, in.canvas.X+7.5*in.cs, in.canvas.Y+10.5*in.cs, false)
	}},
	{"share-copied.png", 800, 600, 1, func(g *Game) {
		g.OnShare = func(string) string { return "Link copied" }
		g.st.Canvas[100] = 1
		g.st.CanvasName = "my_digit.npy (56x56 resized)"
		g.share()
	}},
}

// ctrlRectOf is the rectangle of the control called name (zero if none).
func ctrlRectOf(g *Game, name string) rect {
	for _, c := range g.ctrls {
		if c.name == name {
			return c.r
		}
	}
	return rect{}
}

// pointAtMap lays out the state as it is and puts the pointer at (fx, fy)
// of map i, for a screenshot with its hover text.
func pointAtMap(g *Game, i int, fx, fy float64) {
	g.st.Recompute()
	g.relayout()
	r := mapsOf(g).tiles[i]
	pointerAt(g, r.X+r.W*fx, r.Y+r.H*fy, false)
}

func saveShot(t *testing.T, name string, img image.Image) {
	if *shotDir == "" {
		return
	}
	f, err := os.Create(filepath.Join(*shotDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", strings.TrimPrefix(f.Name(), "./"))
}

// BenchmarkStrokeFrame is one stroke segment → recompute → redraw → pixels
// read back (which waits for the GPU). Software GL under Xvfb is slow; this
// is for comparing changes, the browser is faster.
func BenchmarkStrokeFrame(b *testing.B) {
	g, _ := New()
	g.setSize(1280, 720, 1)
	g.read = scripted
	img := screen(g)
	c := inputOf(g).canvas
	for i := 0; i < b.N; i++ {
		x := c.X + c.W*float64(i%20)/20
		pointerAt(g, x, c.Y+c.H/2, i%20 != 19)
		g.Update()
		g.Draw(img)
		img.At(0, 0)
	}
}

// The value under the pointer and the window it reads fit in the room
// the layout gives them (they once ran into the shapes panel at 800x600),
// with long numbers (learned filters) and a window in the padding.
func TestHoverTextFits(t *testing.T) {
	for _, size := range [][3]float64{{1280, 720, 1}, {800, 600, 1}, {1024, 768, 1}, {1280, 720, 2}, {1920, 1080, 1}} {
		g := newAt(t, size[0], size[1], size[2])
		img := screen(g)
		g.st.Trained.LoadLearned()
		g.st.Step(state.SetOut, +1)
		frame(t, g, img)
		r := mapsOf(g).tiles[len(mapsOf(g).tiles)-1]
		pointerAt(g, r.right()-0.5, r.bottom()-0.5, false)
		frame(t, g, img)
		if !strings.Contains(g.hover.text, "taps in padding") {
			t.Fatalf("%v: hover text %q, want a window in the padding", size, g.hover.text)
		}
		p := painter{k: g.k(), fonts: &g.fonts}
		lines := mapsOf(g).hoverLines(p)
		if need := 4 + hoverLineH*float64(len(lines)); need > mapsOf(g).hoverLine.H+2 {
			t.Errorf("%v: hover text needs %.0f px, has %.0f: %q", size, need, mapsOf(g).hoverLine.H, lines)
		}
		if mapsOf(g).hoverLine.bottom() > panelOf[*shapesPanel](g).r.Y {
			t.Errorf("%v: hover text runs into the shapes panel", size)
		}
	}
}

// Captions name the filter where every one fits with a gap to the next,
// else all are the bare index: never a cut "0 lear…", never a mixed grid.
func TestCaptions(t *testing.T) {
	for _, tc := range []struct {
		w, h    float64
		learned bool
		want0   string
	}{
		{1280, 720, false, "0 identity"},
		{1280, 720, true, "0 learned"},
		{800, 600, false, "0"}, // the tab strip leaves the 8 maps too small for names
		{800, 600, true, "0"},  // "10 learned" leaves no room before "11 learned"
	} {
		g := newAt(t, tc.w, tc.h, 1)
		if tc.learned {
			g.st.Trained.LoadLearned()
		}
		g.st.Bank.SetWeight(1, 0, 0, 0, 0.5)
		frame(t, g, screen(g))
		p := painter{k: g.k(), fonts: &g.fonts}
		caps := mapsOf(g).captions(p)
		if caps[0] != tc.want0 {
			t.Errorf("%vx%v learned=%v: caption 0 %q, want %q", tc.w, tc.h, tc.learned, caps[0], tc.want0)
		}
		if !strings.HasPrefix(caps[1], "1") || !strings.HasSuffix(caps[1], "*") {
			t.Errorf("%vx%v: edited map 1's caption %q, want its index and a *", tc.w, tc.h, caps[1])
		}
		for i, c := range caps {
			if w := p.width(c, regular, sizeSmall); w > mapsOf(g).tiles[i].W-6 || strings.Contains(c, "…") {
				t.Errorf("%vx%v: caption %q (%.0f px) does not fit map %d (%.0f px)", tc.w, tc.h, c, w, i, mapsOf(g).tiles[i].W)
			}
			if (c == strconv.Itoa(i)) != (tc.want0 == "0") && !strings.HasSuffix(c, "*") {
				t.Errorf("%vx%v: caption %d %q, mixed with %q", tc.w, tc.h, i, c, caps[0])
			}
		}
	}
}

// Pressing "Preset filters" while the preset list is open resets the bank
// and closes the list, as a press anywhere but the list and its picker does.
func TestPresetFiltersClosesPresetList(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	click(t, g, "preset_menu")
	frame(t, g, img)
	if _, open := g.Controls()["preset:sobel y"]; !open {
		t.Fatal("the preset list did not open")
	}
	click(t, g, "presets")
	frame(t, g, img)
	if _, open := g.Controls()["preset:sobel y"]; open {
		t.Error("the preset list stays open after pressing Preset filters")
	}
	click(t, g, "preset_menu")
	click(t, g, "preset+") // the picker's own arrows leave the list open
	frame(t, g, img)
	if _, open := g.Controls()["preset:sobel y"]; !open {
		t.Error("the preset list closed on its own > arrow")
	}
}
