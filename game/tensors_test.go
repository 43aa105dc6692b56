package game

import (
	"bytes"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
)

// shapesOf is the hook's input, weight, bias and output shapes.
func shapesOf(g *Game) [4][]int {
	h := g.Hook()
	return [4][]int{h.Input, h.Weight, h.Bias, h.Output}
}

// The example buttons set exactly the source examples' shapes, one click
// each, and Undo puts back what was there.
func TestExampleButtons(t *testing.T) {
	g := newAt(t, 800, 600, 1)
	img := screen(g)
	frame(t, g, img)
	before := shapesOf(g)
	for i, want := range [][4][]int{
		{{1, 3, 64, 64}, {6, 3, 5, 5}, {6}, {1, 6, 64, 64}},
		{{16, 1, 28, 28}, {20, 1, 5, 5}, {20}, {16, 20, 28, 28}},
	} {
		click(t, g, "example"+string(rune('0'+i)))
		frame(t, g, img)
		if got := shapesOf(g); !slices.EqualFunc(got[:], want[:], slices.Equal) {
			t.Errorf("example %d: shapes %v, want %v", i, got, want)
		}
		if h := g.Hook(); !strings.Contains(h.Code, "nn.Conv2d(") {
			t.Errorf("example %d: code %q", i, h.Code)
		}
	}
	click(t, g, "undo")
	click(t, g, "undo")
	frame(t, g, img)
	if got := shapesOf(g); !slices.EqualFunc(got[:], before[:], slices.Equal) {
		t.Errorf("after two undos: %v, want %v", got, before)
	}
}

// A channel tab edits that channel's kernel only; a filter of its own
// starts on its first channel again, and a one-channel input has no tabs.
func TestChannelTabs(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	g.st.LoadExample(0)
	frame(t, g, img)
	st := g.st
	other := [3]float32{st.Bank.Weight(0, 0, 2, 2), st.Bank.Weight(0, 1, 2, 2), st.Bank.Weight(0, 2, 2, 2)}
	click(t, g, "chan1")
	frame(t, g, img)
	if ctrlRect(t, g, "chan1"); g.Hook().EditChannel != 1 {
		t.Fatalf("edit channel %d after clicking G", g.Hook().EditChannel)
	}
	click(t, g, "cell_2_2")
	typeChars(g, "0.5")
	pressKey(g, ebiten.KeyEnter)
	if st.Bank.Weight(0, 1, 2, 2) != 0.5 || st.Bank.Weight(0, 0, 2, 2) != other[0] || st.Bank.Weight(0, 2, 2, 2) != other[2] {
		t.Errorf("typing 0.5 on G: R %v G %v B %v (were %v)", st.Bank.Weight(0, 0, 2, 2), st.Bank.Weight(0, 1, 2, 2), st.Bank.Weight(0, 2, 2, 2), other)
	}
	if n := st.Bank.Channels(0).Note; !strings.Contains(n, "edited on G") {
		t.Errorf("channel note %q does not say G was edited", n)
	}
	click(t, g, "filter3")
	frame(t, g, img)
	if g.Hook().EditChannel != 0 {
		t.Errorf("another filter starts on channel %d", g.Hook().EditChannel)
	}
	st.Input.SetPhoto(false)
	frame(t, g, img)
	for _, c := range g.ctrls {
		if strings.HasPrefix(c.name, "chan") {
			t.Errorf("a one-channel input shows channel tab %s", c.name)
		}
	}
}

// The channels tab draws the parts and the map on one colour scale; the
// parts are the maps of the conv core run on each channel alone (the state
// checks their sum against the layer); depthwise is one click.
func TestChannelsTab(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	g.st.LoadExample(0)
	frame(t, g, img)
	click(t, g, "tab:channels")
	frame(t, g, img)
	cp := panelOf[*channelsPanel](g)
	if len(cp.parts) != 3 {
		t.Fatalf("%d parts on the RGB example, want 3", len(cp.parts))
	}
	b, err := g.st.Teach.Breakdown(0)
	if err != nil || !b.OK {
		t.Fatalf("breakdown: %v, %+v", err, b.MaxErr)
	}
	// Zero filter 0's G and B kernels: their parts are one flat colour,
	// R's part is the picture.
	for c := 1; c < 3; c++ {
		for i := range 25 {
			g.st.Bank.SetWeight(0, c, i/5, i%5, 0)
		}
	}
	shot := frame(t, g, img)
	for i, r := range cp.parts {
		n := colours(shot, region(g, r.inset(2)))
		if (i == 0) != (n > 20) {
			t.Errorf("part %d has %d colours (R's kernel alone is left)", i, n)
		}
	}
	click(t, g, "depthwise")
	frame(t, g, img)
	if h := g.Hook(); h.Settings.Groups != 3 || !slices.Equal(h.Weight, []int{6, 1, 5, 5}) || h.Error != "" {
		t.Errorf("depthwise: groups %d weight %v error %q, want 3, [6 1 5 5]", h.Settings.Groups, h.Weight, h.Error)
	}
	if links := g.st.Bank.GroupLinks(); len(links) != 3 || !slices.Equal(links[1].Inputs, []int{1}) || !slices.Equal(links[1].Outputs, []int{2, 3}) {
		t.Errorf("depthwise group links %+v", links)
	}
	// The groups stepper reaches 2, which PyTorch refuses for 3 channels.
	click(t, g, "groups-")
	frame(t, g, img)
	if want := "in_channels must be divisible by groups"; g.Hook().Error != want {
		t.Errorf("groups 2 on RGB: error %q, want %q", g.Hook().Error, want)
	}
}

// The batch strip: N with its stepper, the shared weight said, a click
// on a sample shows its maps (in the maps tab too).
func TestBatchTab(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	g.st.LoadExample(1)
	frame(t, g, img)
	mapsBefore := frame(t, g, img)
	click(t, g, "tab:batch")
	frame(t, g, img)
	bp := panelOf[*batchPanel](g)
	if len(bp.thumbs) != 16 {
		t.Fatalf("%d samples in the strip, want 16", len(bp.thumbs))
	}
	if got := g.st.Input.BatchView().SharedWeight(); got != "one weight [20, 1, 5, 5] for all 16" {
		t.Errorf("shared weight note %q", got)
	}
	click(t, g, "sample3")
	frame(t, g, img)
	if h := g.Hook(); h.Sample != 3 {
		t.Fatalf("selected sample %d, want 3", h.Sample)
	}
	click(t, g, "tab:maps")
	after := frame(t, g, img)
	// Sample 3 is another digit: its maps differ, and the atlas draws its
	// plane of the batch's output.
	tile := mapsOf(g).tiles[0]
	if n := diffCount(mapsBefore, after, region(g, tile)); n < 200 {
		t.Errorf("map 0 barely changed for sample 3 (%d pixels)", n)
	}
	if p := g.st.Input.MapPlane(0); &p[0] != &g.st.Out.Plane(3, 0)[0] {
		t.Error("the maps shown are not sample 3's plane")
	}
	pointerAt(g, tile.X+tile.W/2, tile.Y+tile.H/2, false)
	frame(t, g, img)
	if h := g.Hook().Hover; !strings.HasPrefix(h, "y[3, 0, ") {
		t.Errorf("hover over sample 3's map 0: %q", h)
	}
	click(t, g, "tab:batch")
	frame(t, g, img)
	click(t, g, "batch-")
	frame(t, g, img)
	if h := g.Hook(); !slices.Equal(h.Input, []int{15, 1, 28, 28}) || !slices.Equal(h.Output, []int{15, 20, 28, 28}) {
		t.Errorf("batch-: input %v output %v", h.Input, h.Output)
	}
}

// Copy code hands the platform the layer's PyTorch code; Save hands it the
// tensor's .npy, which NumPy loads with the layer's shape.
func TestCopyCodeAndSave(t *testing.T) {
	g := newAt(t, 800, 600, 1)
	img := screen(g)
	var code, saved string
	var data []byte
	g.OnCopyCode = func(c string) string { code = c; return "Code copied" }
	g.OnSave = func(name string, b []byte) string { saved, data = name, b; return "Saved" }
	g.st.LoadExample(0)
	frame(t, g, img)
	click(t, g, "copy_code")
	frame(t, g, img)
	if !strings.HasPrefix(code, "import torch") || !strings.Contains(code, "nn.Conv2d(3, 6, kernel_size=5") {
		t.Errorf("copied code:\n%s", code)
	}
	if c := ctrlFor(t, g, "copy_code"); c.label != "Code copied" {
		t.Errorf("the button says %q after copying", c.label)
	}
	click(t, g, "save_output")
	if saved != "conv_output.npy" {
		t.Fatalf("saved %q", saved)
	}
	const py = "/usr/bin/python3" // Debian's, with NumPy (as the state's PyTorch tests)
	if exec.Command(py, "-c", "import numpy").Run() != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("/usr/bin/python3 with numpy is missing (python3-numpy)")
		}
		t.Skip("no /usr/bin/python3 with numpy to load the .npy")
	}
	f := filepath.Join(t.TempDir(), saved)
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", "import numpy, sys; a = numpy.load(sys.argv[1]); print(list(a.shape), a.dtype, float(a[0, 2, 10, 20]))", f).CombinedOutput()
	if err != nil {
		t.Fatalf("numpy: %v %s", err, out)
	}
	v, _ := g.st.Teach.OutValue(2, 10, 20)
	f3 := strings.Fields(string(bytes.TrimSpace(out)))
	num, _ := strconv.ParseFloat(f3[len(f3)-1], 64)
	if got, want := string(bytes.TrimSpace(out)), conv.FormatShape([]int{1, 6, 64, 64})+" float32 "; !strings.HasPrefix(got, want) || float32(num) != v {
		t.Errorf("np.load: %s, want %s%v", got, want, v)
	}
}

// ctrlFor is the on-screen control named name.
func ctrlFor(t *testing.T, g *Game, name string) control {
	t.Helper()
	for _, c := range g.ctrls {
		if c.name == name {
			return c
		}
	}
	t.Fatalf("no control %q", name)
	return control{}
}

// The learned filters on the RGB photo: PyTorch's message stays, and the
// banner's buttons are the real fixes.
func TestFixButtons(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	g.st.Trained.LoadLearned()
	g.st.Recompute()
	g.st.Input.SetPhoto(true)
	frame(t, g, img)
	if e := g.Hook().Error; !strings.Contains(e, "expected input[1, 3, 64, 64] to have 1 channels, but got 3 channels instead") {
		t.Fatalf("error %q", e)
	}
	if c := ctrlFor(t, g, "fix0"); c.label != "Use Preset filters" {
		t.Errorf("fix0 %q", c.label)
	}
	if c := ctrlFor(t, g, "fix1"); c.label != "Back to the 28x28 canvas" {
		t.Errorf("fix1 %q", c.label)
	}
	click(t, g, "fix1")
	frame(t, g, img)
	if h := g.Hook(); h.Error != "" || h.Settings.Photo || !slices.Equal(h.Input, []int{1, 1, 28, 28}) {
		t.Errorf("after the canvas fix: error %q photo %v input %v", h.Error, h.Settings.Photo, h.Input)
	}
}

// The guess corner says whose guess it is, and when the network cannot
// run on the layer, PyTorch's reason (torch 1.13's message for fc1).
func TestGuessText(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	in := inputOf(g)
	frame(t, g, img)
	if head, _ := in.guessText(); !strings.Contains(head, "separately trained") {
		t.Errorf("presets: %q", head)
	}
	g.st.Trained.LoadLearned()
	frame(t, g, img)
	if head, _ := in.guessText(); !strings.Contains(head, "its conv1 the layer on screen") {
		t.Errorf("learned: %q", head)
	}
	click(t, g, "stride+")
	frame(t, g, img)
	_, msg := in.guessText()
	if want := "fc1 refuses it: mat1 and mat2 shapes cannot be multiplied (1x32 and 800x128)"; !strings.Contains(msg, want) || !strings.HasPrefix(msg, "The network cannot run on this layer") {
		t.Errorf("stride 2: %q, want it to say %q", msg, want)
	}
}

// colours counts the distinct colours in r of img.
func colours(img *image.RGBA, r image.Rectangle) int {
	seen := map[color.RGBA]bool{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			seen[img.RGBAAt(x, y)] = true
		}
	}
	return len(seen)
}

// editor is the filter editor panel.
func (g *Game) editor() *filterEditor { return editorOf(g) }

// On a one-channel input the channels tab has one part and no depthwise.
func TestChannelsTabOneChannel(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	click(t, g, "tab:channels")
	frame(t, g, img)
	if n := len(panelOf[*channelsPanel](g).parts); n != 1 {
		t.Errorf("%d parts on the 28x28 canvas, want 1", n)
	}
	for _, c := range g.ctrls {
		if c.name == "depthwise" {
			t.Error("depthwise offered on a one-channel input")
		}
	}
}
