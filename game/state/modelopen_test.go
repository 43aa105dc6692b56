package state

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/conv/npy"
)

// openFile opens a model fixture as a drop does.
func openFile(t *testing.T, s *State, path string) *OpenModel {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Trained.ShowModel(ReadModel(path, data))
	if s.Opened == nil {
		t.Fatalf("%s not opened: %s", path, s.Notice)
	}
	return s.Opened
}

// convIndex is the index in m.Convs of the weight named name.
func convIndex(t *testing.T, m *OpenModel, name string) int {
	t.Helper()
	for i, c := range m.Convs {
		if c.Weight.Name == name {
			return i
		}
	}
	t.Fatalf("no conv weight %s in %s", name, m.Name)
	return -1
}

// checkBank checks that the layer on screen holds the file's weight
// [n, cin, k, k] and bias, number for number.
func checkBank(t *testing.T, s *State, w, b []float32, n, cin, k int) {
	t.Helper()
	if got := s.Bank.WeightShape(); !slices.Equal(got, []int{n, cin, k, k}) {
		t.Fatalf("weight shape %v, want %v", got, []int{n, cin, k, k})
	}
	for o := 0; o < n; o++ {
		for c := 0; c < cin; c++ {
			for y := 0; y < k; y++ {
				for x := 0; x < k; x++ {
					if got, want := s.Bank.Weight(o, c, y, x), w[((o*cin+c)*k+y)*k+x]; got != want {
						t.Fatalf("w[%d, %d, %d, %d] = %v, want %v", o, c, y, x, got, want)
					}
				}
			}
		}
		var want float32
		if b != nil {
			want = b[o]
		}
		if s.Filters[o].B != want {
			t.Fatalf("b[%d] = %v, want %v", o, s.Filters[o].B, want)
		}
	}
}

// A torch.save state_dict's first conv weight ([4, 1, 3, 3] with its bias)
// becomes the layer on the drawing: out_channels and kernel follow it,
// stride and padding stay, the maps are its; Undo takes it back in one
// step and Redo brings it again.
func TestPickConvOnDrawing(t *testing.T) {
	s := fresh(t)
	s.Step(SetStride, +1) // stride 2: kept by the pick
	before := s.Settings
	m := openFile(t, s, "../../modelfile/testdata/cnn.pt")
	if m.Format != "pytorch" || len(m.Tensors) != 10 || len(m.Layers) != 4 {
		t.Fatalf("opened %s as %s with %d tensors in %d layers", m.Name, m.Format, len(m.Tensors), len(m.Layers))
	}
	undo, _ := s.History.Steps()
	i := convIndex(t, m, "features.0.weight")
	if !s.Trained.PickConv(i) {
		t.Fatalf("PickConv: %s", s.Notice)
	}
	c := m.Convs[i]
	checkBank(t, s, c.Weight.F32, c.Bias.F32, 4, 1, 3)
	if s.Stride != 2 || s.Padding != before.Padding || s.Groups != 1 {
		t.Errorf("settings after the pick: %+v", s.Settings)
	}
	s.Recompute()
	out := (Size+2*before.Padding-3)/2 + 1 // PyTorch's ⌊(H + 2p − k)/s⌋ + 1
	if s.Err != nil || !slices.Equal(s.Out.Shape, []int{1, 4, out, out}) {
		t.Fatalf("output %v, err %v", s.Out.Shape, s.Err)
	}
	if got := s.Filters[3].Label(); got != "features.0.weight[3]" {
		t.Errorf("filter 3 is labelled %q", got)
	}
	if m.Picked != i {
		t.Errorf("Picked = %d, want %d", m.Picked, i)
	}
	if n, _ := s.History.Steps(); n != undo+1 || s.History.UndoLabel() != "Undo: features.0.weight" {
		t.Fatalf("%d undo steps (%q), want %d", n, s.History.UndoLabel(), undo+1)
	}
	s.History.Undo()
	if s.Settings != before || s.Trained.PickedConv() != -1 {
		t.Fatalf("after Undo: %+v (want %+v), picked %d", s.Settings, before, s.Trained.PickedConv())
	}
	s.History.Redo()
	checkBank(t, s, c.Weight.F32, c.Bias.F32, 4, 1, 3)
	if s.Trained.PickedConv() != i {
		t.Errorf("after Redo: picked %d, want %d", s.Trained.PickedConv(), i)
	}
}

// A ResNet's stem weight [64, 3, 7, 7] (float16 in the file, no bias) runs
// on the photo: 7x7 kernels, as many filters as the layer holds, bias 0.
func TestPickConvOnPhoto(t *testing.T) {
	s := fresh(t)
	m := openFile(t, s, "testdata/resnet_stem.pt")
	i := convIndex(t, m, "conv1.weight")
	s.Input.SetPhoto(true)
	if !s.Trained.PickConv(i) {
		t.Fatalf("PickConv: %s", s.Notice)
	}
	n := min(64, MaxOut)
	checkBank(t, s, m.Convs[i].Weight.F32, nil, n, 3, 7)
	if m.Shown != n {
		t.Errorf("Shown = %d, want %d", m.Shown, n)
	}
	s.Recompute()
	if s.Err != nil {
		t.Fatal(s.Err)
	}
}

// A weight whose in_channels the input has not changes nothing and says
// which input fits, with PyTorch's own message.
func TestPickConvMisfit(t *testing.T) {
	s := fresh(t)
	for _, tc := range []struct {
		photo bool
		file  string
		name  string
		want  []string
	}{
		{false, "testdata/resnet_stem.pt", "conv1.weight", []string{"conv1.weight [64, 3, 7, 7] reads 3 input channel(s), the drawing has 1", "pick the RGB photo or the camera", "expected input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead"}},
		{false, "../../modelfile/testdata/cnn.pt", "features.3.weight", []string{"features.3.weight [6, 4, 3, 3] reads 4 input channel(s), the drawing has 1", "only a first layer (in_channels 1 or 3)"}},
		{true, "../../modelfile/testdata/cnn.pt", "features.0.weight", []string{"reads 1 input channel(s), the photo has 3", "pick Drawing"}},
	} {
		s.Input.SetPhoto(tc.photo)
		before, undo := s.Settings, len(s.History.undo)
		m := openFile(t, s, tc.file)
		if s.Trained.PickConv(convIndex(t, m, tc.name)) {
			t.Fatalf("%s picked on the %s", tc.name, inputName(tc.photo))
		}
		for _, w := range tc.want {
			if !strings.Contains(s.Notice, w) {
				t.Errorf("notice %q lacks %q", s.Notice, w)
			}
		}
		if s.Settings != before || len(s.History.undo) != undo {
			t.Errorf("a refused pick changed the layer or the history")
		}
	}
}

// A file that is no model is refused with the reader's message, and the
// model open before stays, as does everything else.
func TestOpenBadModel(t *testing.T) {
	s := fresh(t)
	m := openFile(t, s, "../../modelfile/testdata/cnn.pt")
	v := s.Settings
	for _, f := range []string{"../../modelfile/testdata/refused_module.pt", "../../modelfile/testdata/refused_legacy.pt"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s.Trained.ShowModel(ReadModel(f, data))
		if s.Opened != m || s.Settings != v {
			t.Fatalf("%s: the open model or the layer changed", f)
		}
		if !strings.HasPrefix(s.Notice, f[strings.LastIndexByte(f, '/')+1:]+": ") || len(s.Notice) < 40 {
			t.Errorf("%s: notice %q", f, s.Notice)
		}
	}
	s.Trained.ShowModel(ReadModel("junk.pt", []byte("not a model at all")))
	if !strings.Contains(s.Notice, "not a model file") || s.Opened != m {
		t.Errorf("junk: notice %q", s.Notice)
	}
}

// TinyVGG's state_dict, saved by torch, loads into nn/arch's TinyVGG preset
// (found by MatchPreset) and gives torch's output on torch's input; other
// networks refuse it with load_state_dict's messages.
func TestModelNetwork(t *testing.T) {
	s := fresh(t)
	m := openFile(t, s, "testdata/tinyvgg.pt")
	if m.NetName != "TinyVGG" || m.Net == nil {
		t.Fatalf("matched %q: %v", m.NetName, m.NetErr)
	}
	io, err := npy.LoadNPZ("testdata/tinyvgg.io.npz")
	if err != nil {
		t.Fatal(err)
	}
	y, err := m.Net.Forward(&conv.Tensor{Shape: io[0].Shape, Data: io[0].F32})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range io[1].F32 {
		if d := math.Abs(float64(y.Data[i] - v)); d > 1e-5 {
			t.Fatalf("y[%d] = %v, torch %v", i, y.Data[i], v)
		}
	}
	// On the drawing: torch's first input sample drawn on the canvas.
	copy(s.Canvas[:], io[0].F32[:Size*Size])
	s.Input.canvasChanged()
	out, err := s.Trained.NetOutput()
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range io[1].F32[:10] {
		if d := math.Abs(float64(out[i] - v)); d > 1e-5 {
			t.Fatalf("on the drawing: y[%d] = %v, torch %v", i, out[i], v)
		}
	}
	s.Input.SetPhoto(true)
	if _, err := s.Trained.NetOutput(); err == nil || !strings.Contains(err.Error(), "expected input[1, 3, 64, 64] to have 1 channels") {
		t.Errorf("TinyVGG on the photo: %v", err)
	}
	_, err = LoadNetwork(m.Tensors, "nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.Flatten(), nn.Linear(5408, 10))")
	for _, want := range []string{"Error(s) in loading state_dict for Sequential", `Unexpected key(s) in state_dict: "5.weight"`,
		"size mismatch for 0.weight: copying a param with shape torch.Size([10, 1, 3, 3]) from checkpoint, the shape in current model is torch.Size([8, 1, 3, 3])."} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
	cnn := openFile(t, s, "../../modelfile/testdata/cnn.pt")
	if cnn.Net != nil || cnn.NetErr == nil || !strings.Contains(cnn.NetErr.Error(), "TinyVGG: Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict:") {
		t.Errorf("cnn.pt matched %q, %v", cnn.NetName, cnn.NetErr)
	}
}

// AlexNet's first layer [24, 3, 11, 11] (float16, with its bias) on the
// photo: 11×11 kernels, the first MaxOut filters; the layer's output is
// what PyTorch's formula says, and a share link carries every number (the
// largest link there is: 20 filters of 3·11·11 edited floats).
func TestPickConvKernel11(t *testing.T) {
	s := fresh(t)
	m := openFile(t, s, "testdata/alexnet_stem.pt")
	s.Input.SetPhoto(true)
	if !s.Trained.PickConv(convIndex(t, m, "features.0.weight")) {
		t.Fatalf("PickConv: %s", s.Notice)
	}
	c := m.Convs[0]
	checkBank(t, s, c.Weight.F32, c.Bias.F32, MaxOut, 3, 11)
	s.Recompute()
	out := (s.H()+2*s.Padding-11)/s.Stride + 1
	if s.Err != nil || s.Out.Shape[1] != MaxOut || s.Out.Shape[2] != out {
		t.Fatalf("output %v (want %d×%d maps), err %v", s.Out.Shape, out, out, s.Err)
	}
	code := s.Share.Encode()
	if len(code) > MaxCodeLen {
		t.Fatalf("the link has %d characters (limit %d)", len(code), MaxCodeLen)
	}
	b := fresh(t)
	b.Input.SetPhoto(true)
	if err := b.Share.Decode(code); err != nil {
		t.Fatal(err)
	}
	checkBank(t, b, c.Weight.F32, c.Bias.F32, MaxOut, 3, 11)
	t.Logf("the link of 20 filters of 3×11×11: %d characters", len(code))
}
