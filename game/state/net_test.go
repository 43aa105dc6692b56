package state

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"convplayground/game/teach"
	"convplayground/nn/arch"
)

// kinds lists the network's layer kinds.
func kinds(s *State) []string {
	var ks []string
	for _, l := range s.Layers.Spec().Layers {
		ks = append(ks, l.Kind.String())
	}
	return ks
}

// TestNetPresetShapes: the trained LeNet's shape chain is the one its
// preset's comment gives from torch ([1,20,28,28] … [1,10]), TinyVGG's
// CNN Explainer's (28 → 26 → 24 → 12 → 10 → 8 → 4 → 10).
func TestNetPresetShapes(t *testing.T) {
	for _, c := range []struct {
		preset int
		want   map[int][]int
	}{
		{0, map[int][]int{0: {1, 8, 28, 28}}},
		{1, map[int][]int{0: {1, 20, 28, 28}, 2: {1, 20, 14, 14}, 3: {1, 32, 10, 10}, 5: {1, 32, 5, 5}, 6: {1, 800}, 7: {1, 128}, 9: {1, 10}}},
		{2, map[int][]int{0: {1, 10, 26, 26}, 2: {1, 10, 24, 24}, 4: {1, 10, 12, 12}, 9: {1, 10, 4, 4}, 10: {1, 160}, 11: {1, 10}}},
	} {
		s := New()
		if !s.Layers.LoadNetPreset(c.preset) {
			t.Fatalf("preset %d: %s", c.preset, s.Notice)
		}
		s.Recompute()
		if got := s.Layers.NetText(); got != arch.Presets()[c.preset].Text {
			t.Errorf("preset %d text:\n%s", c.preset, got)
		}
		for i, want := range c.want {
			if got := s.Layers.LayerShape(i); !slices.Equal(got, want) {
				t.Errorf("preset %d layer %d: shape %v, want %v", c.preset, i, got, want)
			}
			if out := s.Layers.LayerOutput(i); out == nil || !slices.Equal(out.Shape, want) {
				t.Errorf("preset %d layer %d: no output of shape %v", c.preset, i, want)
			}
		}
		for i := range s.Layers.NumLayers() {
			if e := s.Layers.LayerError(i); e != "" {
				t.Errorf("preset %d layer %d: %s", c.preset, i, e)
			}
		}
	}
}

// TestNetEdits walks the edits one after another, each checked, then undoes
// them all back to the trained LeNet.
func TestNetEdits(t *testing.T) {
	s := New()
	s.Layers.LoadNetPreset(1)
	s.Recompute()
	lenet := s.Layers.NetText()
	steps := []struct {
		name  string
		do    func() bool
		sel   int
		kinds []string
		err   map[int]string // layer → PyTorch's message there
	}{
		{"select 3", func() bool { return s.Layers.SelectLayer(3) }, 3,
			[]string{"Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "ReLU", "Linear"}, nil},
		{"add Tanh", func() bool { return s.Layers.AddLayer(arch.Tanh) }, 4,
			[]string{"Conv2d", "ReLU", "MaxPool2d", "Conv2d", "Tanh", "ReLU", "MaxPool2d", "Flatten", "Linear", "ReLU", "Linear"}, nil},
		{"move it up", func() bool { return s.Layers.MoveLayer(-1) }, 3,
			[]string{"Conv2d", "ReLU", "MaxPool2d", "Tanh", "Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "ReLU", "Linear"}, nil},
		{"remove it", func() bool { return s.Layers.RemoveLayer() }, 2,
			[]string{"Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "ReLU", "Linear"}, nil},
		// 19 channels of 5x5 reach the Linear(800, 128): torch's matmul message
		{"out_channels 19", func() bool { s.Layers.SelectLayer(0); return s.Step(SetOut, -1) }, 0, nil,
			map[int]string{3: "Given groups=1, weight of size [32, 20, 5, 5], expected input[1, 19, 14, 14] to have 20 channels, but got 19 channels instead"}},
		{"layer 3 to 19", func() bool {
			return s.Layers.ApplyNet(replaceLine(s.Layers.NetText(), 3, "nn.Conv2d(19, 32, 5),")) == nil
		}, 0, nil, nil},
		{"and conv 16 out", func() bool {
			return s.Layers.ApplyNet(replaceLine(s.Layers.NetText(), 3, "nn.Conv2d(19, 16, 5),")) == nil
		}, 0, nil,
			map[int]string{7: "mat1 and mat2 shapes cannot be multiplied (1x400 and 800x128)"}},
		{"fit", func() bool { s.Layers.SelectLayer(7); return s.Layers.FitLinear() }, 7, nil, nil},
		{"pool kernel 3 (stride stays 2: 10 → 4)", func() bool { s.Layers.SelectLayer(5); return s.Layers.StepLayerArg(5, "kernel_size", 1) }, 5, nil,
			map[int]string{7: "mat1 and mat2 shapes cannot be multiplied (1x256 and 400x128)"}},
	}
	for _, st := range steps {
		if !st.do() {
			t.Fatalf("%s: refused: %s", st.name, s.Notice)
		}
		s.Recompute()
		if s.Layer != st.sel {
			t.Errorf("%s: selected %d, want %d", st.name, s.Layer, st.sel)
		}
		if st.kinds != nil && !slices.Equal(kinds(s), st.kinds) {
			t.Errorf("%s: layers %v", st.name, kinds(s))
		}
		for i := range s.Layers.NumLayers() {
			if got := s.Layers.LayerError(i); got != st.err[i] {
				t.Errorf("%s: layer %d error %q, want %q", st.name, i, got, st.err[i])
			}
		}
	}
	for range 8 { // the selections are not steps
		s.History.Undo()
	}
	s.Recompute()
	if s.Layers.NetText() != lenet {
		t.Errorf("after undoing every edit:\n%s", s.Layers.NetText())
	}
	s.History.Redo()
	s.Recompute()
	if !slices.Equal(kinds(s)[:5], []string{"Conv2d", "ReLU", "MaxPool2d", "Conv2d", "Tanh"}) {
		t.Errorf("redo: %v", kinds(s))
	}
}

// replaceLine is the canonical text with layer i's line replaced.
func replaceLine(text string, i int, layer string) string {
	lines := strings.Split(text, "\n")
	lines[i+1] = "    " + layer
	return strings.Join(lines, "\n")
}

// TestApplyNetRefuses: a text the playground cannot take changes nothing.
func TestApplyNetRefuses(t *testing.T) {
	for _, text := range []string{
		"nn.Sequential(nn.ReLU())",
		"nn.Sequential(nn.Conv2d(3, 8, 5))",
		"nn.Sequential(nn.Conv2d(1, 64, 3))",
		"nn.Sequential(nn.Conv2d(1, 8, 5),\n  nn.Relu())",
	} {
		s := New()
		before := s.Layers.NetText()
		if err := s.Layers.ApplyNet(text); err == nil {
			t.Errorf("%q: applied", text)
		} else {
			t.Logf("%q: %v", text, err)
		}
		if s.Layers.NetText() != before {
			t.Errorf("%q: changed the network", text)
		}
	}
}

// TestNetLink: a link carries the network (the trained LeNet with its
// weights: the same logits); an old link, without one, opens as one layer;
// a damaged network text is refused and changes nothing.
func TestNetLink(t *testing.T) {
	s := New()
	s.Layers.LoadNetPreset(1)
	s.Canvas[14*Size+14] = 1
	s.changed()
	s.Recompute()
	code := s.Share.Encode()
	want := s.Layers.LayerOutput(9).Data

	r := New()
	if err := r.Share.Decode(code); err != nil {
		t.Fatal(err)
	}
	r.Recompute()
	if r.Layers.NetText() != arch.LeNet {
		t.Fatalf("the link's network:\n%s", r.Layers.NetText())
	}
	if got := r.Layers.LayerOutput(9); got == nil || !sameBits(got.Data, want) {
		t.Errorf("the link's LeNet gives other logits: %v, want %v", got, want)
	}
	old, _, _ := strings.Cut(code, netSep)
	if err := r.Share.Decode(old); err != nil || r.Layers.NumLayers() != 1 {
		t.Errorf("an old link: %v, %d layers", err, r.Layers.NumLayers())
	}
	before := r.Share.Encode()
	for _, bad := range []string{old + "~!!", old + "~" + "bm4uU2VxdWVudGlhbCg"} {
		if err := r.Share.Decode(bad); err == nil || r.Share.Encode() != before {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// A deeper Conv2d's steppers: out_channels 32 → 31 breaks the Linear after
// it with torch's message; kernel_size 5 → 6 shrinks the maps (14 → 9).
func TestDeepConvSettings(t *testing.T) {
	s := New()
	s.Layers.LoadNetPreset(1)
	if !s.Layers.StepLayerArg(3, "out_channels", -1) {
		t.Fatal(s.Notice)
	}
	s.Recompute()
	if got, want := s.Layers.LayerError(7), "mat1 and mat2 shapes cannot be multiplied (1x775 and 800x128)"; got != want {
		t.Errorf("out_channels 31: layer 7 %q, want %q", got, want)
	}
	s.Layers.StepLayerArg(3, "kernel_size", +1)
	s.Recompute()
	if got := s.Layers.LayerShape(3); !slices.Equal(got, []int{1, 31, 9, 9}) || s.Layers.LayerSpec(3).String() != "nn.Conv2d(20, 31, 6)" {
		t.Errorf("kernel 6: %v %s", got, s.Layers.LayerSpec(3))
	}
	if u := s.History.UndoLabel(); u != "Undo: kernel_size 6 → 5" {
		t.Errorf("undo label %q", u)
	}
}

// Every kind of the add menu, added after the trained LeNet's first
// pooling ([1,20,14,14]), fits there: no message at it, the shape torch
// gives.
func TestAddEveryKind(t *testing.T) {
	want := map[arch.Kind][]int{
		arch.Conv2d: {1, 20, 14, 14}, arch.ConvTranspose2d: {1, 20, 28, 28}, arch.ReLU: {1, 20, 14, 14},
		arch.LeakyReLU: {1, 20, 14, 14}, arch.Sigmoid: {1, 20, 14, 14}, arch.Tanh: {1, 20, 14, 14},
		arch.MaxPool2d: {1, 20, 7, 7}, arch.AvgPool2d: {1, 20, 7, 7}, arch.BatchNorm2d: {1, 20, 14, 14},
		arch.Dropout: {1, 20, 14, 14}, arch.Flatten: {1, 3920}, arch.Linear: {1, 20, 14, 10},
	}
	for _, k := range AddKinds {
		s := New()
		s.Layers.LoadNetPreset(1)
		s.Recompute()
		s.Layers.SelectLayer(2)
		if !s.Layers.AddLayer(k) {
			t.Fatalf("%s: %s", k, s.Notice)
		}
		s.Recompute()
		if got := s.Layers.LayerShape(3); s.Layers.LayerError(3) != "" || !slices.Equal(got, want[k]) {
			t.Errorf("%s (%s): %v %q, want %v", k, s.Layers.LayerSpec(3), got, s.Layers.LayerError(3), want[k])
		}
	}
}

// The explanation of a deeper layer's cell adds up to the value the layers
// computed: the trained LeNet's conv2 (20 input channels, each its own
// sum), its max pooling (the window's largest value) and TinyVGG's.
func TestExplainDeepLayers(t *testing.T) {
	s := New()
	s.Layers.LoadNetPreset(1)
	s.Recompute()
	var e teach.Explanation
	for _, c := range []teach.Cell{{Map: 0, OY: 0, OX: 0}, {Map: 31, OY: 4, OX: 7}, {Map: 5, OY: 9, OX: 9}} {
		if err := s.Teach.ExplainLayerCell(&e, 3, c); err != nil {
			t.Fatal(err)
		}
		if len(e.Channels) != 20 || math.Abs(e.Sum-float64(e.Value)) > 1e-5*max(1, math.Abs(e.Sum)) || e.Value != s.Layers.LayerOutput(3).At(0, c.Map, c.OY, c.OX) {
			t.Errorf("conv2 %v: %d channels, Σ %v, value %v", c, len(e.Channels), e.Sum, e.Value)
		}
	}
	if err := s.Teach.ExplainLayerCell(&e, 2, teach.Cell{}); err == nil {
		t.Error("a pooling layer explained as a Conv2d")
	}
	for _, c := range []teach.Cell{{Map: 0, OY: 0, OX: 0}, {Map: 19, OY: 6, OX: 3}} {
		p, err := s.Teach.PoolLayerCell(2, c)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Max || len(p.Window) != 4 || float32(p.Computed) != p.Value {
			t.Errorf("pool %v: %+v", c, p)
		}
	}
	s.Layers.LoadNetPreset(2)
	s.Layers.ApplyNet(strings.Replace(s.Layers.NetText(), "nn.MaxPool2d(2)", "nn.AvgPool2d(3, stride=2, padding=1)", 1))
	s.Recompute()
	p, err := s.Teach.PoolLayerCell(4, teach.Cell{Map: 2, OY: 0, OX: 0})
	if err != nil || p.Max || !p.Pad[0] || math.Abs(p.Computed-float64(p.Value)) > 1e-6 {
		t.Errorf("avg pool with padding: %+v %v", p, err)
	}
}

// With the trained LeNet as the network, the guess corner is its output:
// the MNIST 7 guessed 7 with the softmax of layer 9's logits; a chain
// broken at layer 3 says so instead; any edit of the tail hands the guess
// back to the network's own copy.
func TestTrainedNetGuesses(t *testing.T) {
	s := New()
	s.Input.PickDigit(0)
	s.Layers.LoadNetPreset(1)
	s.Recompute()
	m := &s.Model
	logits, _ := s.Layers.LayerSample(9)
	if m.Guess != s.Digits[s.Digit].Label || m.PredErr != nil || !m.OnScreen {
		t.Fatalf("guess %d (label %d), %v", m.Guess, s.Digits[s.Digit].Label, m.PredErr)
	}
	var sum float64
	for i := range logits {
		sum += math.Exp(float64(logits[i] - logits[7]))
	}
	if p := 1 / sum; math.Abs(p-float64(m.Probs[7])) > 1e-6 {
		t.Errorf("p(7) = %v, softmax of the logits %v", m.Probs[7], p)
	}
	s.Step(SetOut, -1)
	s.Recompute()
	if m.Guess != -1 || m.PredErr == nil || !strings.Contains(m.PredErr.Error(), "layer 3 refuses its input: Given groups=1") {
		t.Errorf("broken: guess %d, %v", m.Guess, m.PredErr)
	}
	s.History.Undo()
	s.Layers.SelectLayer(9)
	s.Layers.AddLayer(arch.ReLU)
	s.Recompute()
	if s.Net.Trained || m.Guess != 7 {
		t.Errorf("after an edit: trained %v, guess %d", s.Net.Trained, m.Guess)
	}
}

// The trained LeNet's conv2, map 7, taken apart by its 20 input channels:
// the parts and the bias add up to the map the layer computed.
func TestLayerChannelMaps(t *testing.T) {
	s := New()
	s.Input.PickDigit(3)
	s.Layers.LoadNetPreset(1)
	s.Recompute()
	parts, sh, b, err := s.Teach.LayerChannelMaps(3, 7)
	if err != nil || !slices.Equal(sh, []int{20, 10, 10}) {
		t.Fatalf("%v %v", sh, err)
	}
	y := s.Layers.LayerOutput(3)
	for j := range 100 {
		sum := float64(b)
		for c := range 20 {
			sum += float64(parts[c*100+j])
		}
		if want := y.At(0, 7, j/10, j%10); math.Abs(sum-float64(want)) > 1e-5*max(1, math.Abs(sum)) {
			t.Fatalf("cell %d: parts add to %v, the map has %v", j, sum, want)
		}
	}
	if _, _, _, err := s.Teach.LayerChannelMaps(2, 0); err == nil {
		t.Error("a pooling layer taken apart")
	}
}

// The receptive field through the trained LeNet: conv2's cell (0, 0)
// reads pool1's 5x5 window, that is conv1's 10x10, that is the input's
// rows and columns −2..11, clipped to 0..11; a pool2 cell (4, 4) reaches
// the bottom-right corner; the Linear reads everything.
func TestReceptiveField(t *testing.T) {
	s := New()
	s.Layers.LoadNetPreset(1)
	s.Recompute()
	for _, c := range []struct {
		layer, oy, ox  int
		y0, y1, x0, x1 int
		all            bool
	}{
		{0, 0, 0, 0, 2, 0, 2, false},
		{0, 10, 20, 8, 12, 18, 22, false},
		{3, 0, 0, 0, 11, 0, 11, false},
		{5, 4, 4, 14, 27, 14, 27, false},
		{7, 0, 5, 0, 27, 0, 27, true},
	} {
		y0, y1, x0, x1, all, ok := s.Teach.ReceptiveField(c.layer, c.oy, c.ox)
		if !ok || [4]int{y0, y1, x0, x1} != [4]int{c.y0, c.y1, c.x0, c.x1} || all != c.all {
			t.Errorf("layer %d (%d, %d): rows %d..%d cols %d..%d all %v, want %d..%d, %d..%d %v", c.layer, c.oy, c.ox, y0, y1, x0, x1, all, c.y0, c.y1, c.x0, c.x1, c.all)
		}
	}
}

// A seeded walk of 400 random edits of the network (add, remove, move,
// step a layer's setting or layer 0's, fit, select, undo, redo) never
// panics, and after each the strip's facts hold: every layer has a shape
// or is at or after the one message, which only the breaking layer has.
func TestNetRandomEdits(t *testing.T) {
	s := New()
	s.Input.PickDigit(1)
	s.Layers.LoadNetPreset(2)
	r := rand.New(rand.NewPCG(7, 7))
	names := []string{"out_channels", "kernel_size", "stride", "padding", "out_features", "kind"}
	for step := range 400 {
		switch r.IntN(9) {
		case 0:
			s.Layers.AddLayer(AddKinds[r.IntN(len(AddKinds))])
		case 1:
			s.Layers.RemoveLayer()
		case 2:
			s.Layers.MoveLayer(r.IntN(3) - 1)
		case 3:
			s.Layers.StepLayerArg(s.Layer, names[r.IntN(len(names))], r.IntN(3)-1)
		case 4:
			s.Step(Setting(r.IntN(int(SetBatch))), r.IntN(3)-1)
		case 5:
			s.Layers.FitLinear()
		case 6:
			s.Layers.SelectLayer(r.IntN(s.Layers.NumLayers() + 1))
		case 7:
			s.History.Undo()
		case 8:
			s.History.Redo()
		}
		s.Recompute()
		broken := -1
		for i := range s.Layers.NumLayers() {
			if s.Layers.LayerError(i) != "" {
				if broken >= 0 {
					t.Fatalf("step %d: two layers break the chain (%d, %d)", step, broken, i)
				}
				broken = i
			}
			if has := s.Layers.LayerShape(i) != nil; has != (broken < 0) {
				t.Fatalf("step %d: layer %d has a shape %v with the chain broken at %d:\n%s", step, i, s.Layers.LayerShape(i), broken, s.Layers.NetText())
			}
		}
		if s.Layer < 0 || s.Layer >= s.Layers.NumLayers() {
			t.Fatalf("step %d: layer %d selected of %d", step, s.Layer, s.Layers.NumLayers())
		}
	}
	t.Logf("after the walk: %d layers\n%s", s.Layers.NumLayers(), s.Layers.NetText())
}
