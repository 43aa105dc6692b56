package state

import (
	"math"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/conv/npy"
	"convplayground/modelfile"
	"convplayground/nn/arch"
)

// TinyVGG's state_dict, written as a .safetensors by the generator, becomes
// the whole network on screen from the photo: the drawing, twelve layers,
// layer 0's weights in the bank, the others in the tail; on torch's input
// drawn on the canvas its last layer gives torch's output. One undo step
// takes it all back.
func TestUseNetwork(t *testing.T) {
	s := fresh(t)
	s.Input.SetPhoto(true)
	m := openFile(t, s, "testdata/tinyvgg.safetensors")
	undo, _ := s.History.Steps()
	if !s.Trained.UseNetwork() {
		t.Fatalf("UseNetwork: %s", s.Notice)
	}
	if s.Input.Photo || s.Layers.NumLayers() != 12 || s.Layers.NetText() != arch.TinyVGG || !s.Trained.NetworkOnScreen() {
		t.Fatalf("photo %v, %d layers, on screen %v:\n%s", s.Input.Photo, s.Layers.NumLayers(), s.Trained.NetworkOnScreen(), s.Layers.NetText())
	}
	c := m.Convs[convIndex(t, m, "0.weight")]
	checkBank(t, s, c.Weight.F32, c.Bias.F32, 10, 1, 3)
	io, err := npy.LoadNPZ("testdata/tinyvgg.io.npz")
	if err != nil {
		t.Fatal(err)
	}
	copy(s.Input.Canvas[:], io[0].F32[:Size*Size])
	s.Input.canvasChanged()
	s.Recompute()
	y, sh := s.Layers.LayerSample(11)
	if !slices.Equal(sh, []int{10}) {
		t.Fatalf("the last layer's output %v (%s)", sh, s.Layers.LayerError(11))
	}
	for i, v := range io[1].F32[:10] {
		if d := math.Abs(float64(y[i] - v)); d > 1e-5 {
			t.Fatalf("y[%d] = %v, torch %v", i, y[i], v)
		}
	}
	if n, _ := s.History.Steps(); n != undo+1 || s.History.UndoLabel() != "Undo: network of tinyvgg.safetensors" {
		t.Errorf("%d undo steps (%q), want %d", n, s.History.UndoLabel(), undo+1)
	}
	// A link carries the network's text and layer 0's numbers, not the
	// other layers' weights: it says so, and which file has them.
	b := fresh(t)
	if err := b.Share.Decode(s.Share.Encode()); err != nil {
		t.Fatal(err)
	}
	want := "this link's network came from tinyvgg.safetensors: its layers after the first have PyTorch's default init here"
	if !strings.HasPrefix(b.Notice, want) || b.Layers.NetText() != arch.TinyVGG {
		t.Errorf("the link opens with %q and\n%s", b.Notice, b.Layers.NetText())
	}
	checkBank(t, b, c.Weight.F32, c.Bias.F32, 10, 1, 3)
	s.History.Undo()
	if !s.Input.Photo || s.Layers.NumLayers() != 1 || s.Trained.NetworkOnScreen() {
		t.Errorf("after Undo: photo %v, %d layers", s.Input.Photo, s.Layers.NumLayers())
	}
}

// The network on screen is tried first: TinyVGG's keys and shapes with
// tanh instead of ReLU take the file as they are written.
func TestUseNetworkOnScreen(t *testing.T) {
	s := fresh(t)
	text := strings.ReplaceAll(arch.TinyVGG, "nn.ReLU()", "nn.Tanh()")
	if err := s.Layers.ApplyNet(text); err != nil {
		t.Fatal(err)
	}
	openFile(t, s, "testdata/tinyvgg.safetensors")
	if !s.Trained.UseNetwork() {
		t.Fatalf("UseNetwork: %s", s.Notice)
	}
	if s.Layers.NetText() != text || !s.Trained.NetworkOnScreen() {
		t.Errorf("the network on screen became\n%s", s.Layers.NetText())
	}
}

// A state_dict no network takes whole changes nothing and names the
// closest network's first key that differs, wanted against found.
func TestUseNetworkMisfit(t *testing.T) {
	s := fresh(t)
	openFile(t, s, "testdata/tinyvgg_5class.safetensors")
	before, undo := s.Layers.NetText(), len(s.History.undo)
	if s.Trained.UseNetwork() {
		t.Fatal("a 5-class TinyVGG taken whole")
	}
	want := "tinyvgg_5class.safetensors is not the whole of any network here: closest is TinyVGG, where 11.weight is [5, 160] in the file, [10, 160] in the network"
	if !strings.HasPrefix(s.Notice, want) {
		t.Errorf("notice %q, want %q…", s.Notice, want)
	}
	if s.Layers.NetText() != before || len(s.History.undo) != undo {
		t.Error("a refused network changed the playground")
	}
	openFile(t, s, "../../modelfile/testdata/cnn.pt")
	s.Trained.UseNetwork()
	if !strings.Contains(s.Notice, "the file has no") && !strings.Contains(s.Notice, "in the network") {
		t.Errorf("cnn.pt: %q", s.Notice)
	}
	t.Log(s.Notice)
}

// The train tab's export keys the LeNet as conv1.weight ... fc2.bias
// (livetrain.LeNetKeys): such a file is the LeNet preset whole, its
// output the network's own.
func TestUseNetworkLeNetKeys(t *testing.T) {
	s := fresh(t)
	var ts []modelfile.Tensor
	for _, e := range lenetDict(t, 5) {
		ts = append(ts, modelfile.Tensor{Name: e.Key, Shape: e.Value.Shape, DType: npy.Float32, F32: e.Value.Data})
	}
	s.Trained.ShowModel(&OpenModel{Name: "lenet.pt", Tensors: ts, Layers: modelfile.Layers(ts), Convs: modelfile.Convs(ts), Picked: -1}, nil)
	if !s.Trained.UseNetwork() {
		t.Fatalf("UseNetwork: %s", s.Notice)
	}
	if s.Layers.NetText() != arch.LeNet || s.Trained.PickedConv() != 0 || s.Bank.Filters[0].From != "conv1.weight[0]" {
		t.Fatalf("network %s, picked %d, filter 0 from %q", s.Layers.NetText(), s.Trained.PickedConv(), s.Bank.Filters[0].From)
	}
	net, err := LoadNetwork(ts, arch.LeNet)
	if err != nil {
		t.Fatal(err)
	}
	s.Input.PickDigit(4)
	s.Recompute()
	x := conv.Zeros(1, 1, Size, Size)
	for i := range x.Data {
		x.Data[i] = s.InputValue(0, i/Size, i%Size)
	}
	want, err := net.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Layers.LayerSample(9)
	if !slices.Equal(got, want.Data) {
		t.Errorf("on screen %v, the file's LeNet %v", got, want.Data)
	}
}
