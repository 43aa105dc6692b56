package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"convplayground/conv/npy"
	"convplayground/nn/arch"
)

// -weights takes a torch.save state_dict (read by package modelfile): the
// TinyVGG saved by torch gives torch's output on torch's input
// (scripts/modelui.py); one that does not fit the network is refused with
// load_state_dict's message.
func TestNetWeightsTorchSave(t *testing.T) {
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	io, err := npy.LoadNPZ("../../game/state/testdata/tinyvgg.io.npz")
	if err != nil {
		t.Fatal(err)
	}
	if err := npy.Save(in("x.npy"), io[0].Shape, io[0].F32); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in("arch.txt"), []byte(arch.TinyVGG), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := netRun("-arch", in("arch.txt"), "-weights", "../../game/state/testdata/tinyvgg.pt", "-x", in("x.npy"), "-o", in("out.npy"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	shape, data, err := npy.Load(in("out.npy"))
	if err != nil {
		t.Fatal(err)
	}
	near(t, "out", npy.Array{Shape: shape, F32: data}, io[1], 1e-5)

	code, _, stderr = netRun("-arch", in("arch.txt"), "-weights", "../../modelfile/testdata/cnn.pt", "-x", in("x.npy"), "-o", in("out.npy"))
	if want := "Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: \"0.weight\""; code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("cnn.pt into TinyVGG: exit %d, %q; want 1 and %q", code, stderr, want)
	}
	code, _, stderr = netRun("-arch", in("arch.txt"), "-weights", "../../modelfile/testdata/refused_module.pt", "-x", in("x.npy"), "-o", in("out.npy"))
	if code != 2 || !strings.Contains(stderr, "not a state_dict: save it with torch.save(model.state_dict(), path)") {
		t.Errorf("a pickled module: exit %d, %q", code, stderr)
	}
}

// -labels takes int32 class indices (NumPy's np.arange(6, dtype=np.int32))
// as it takes int64 ones: the same training, bit for bit.
func TestNetLabelsInt32(t *testing.T) {
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	text := "nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(144, 10))"
	if err := os.WriteFile(in("arch.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	x := make([]float32, 6*64)
	for i := range x {
		x[i] = float32(i%7) / 7
	}
	if err := npy.Save(in("x.npy"), []int{6, 1, 8, 8}, x); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := npy.WriteInt64(&b, []int{6}, []int64{0, 1, 2, 3, 4, 5}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in("i8.npy"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	train := func(labels, save string) string {
		code, _, stderr := netRun("-arch", in("arch.txt"), "-x", in("x.npy"), "-labels", labels, "-train-steps", "3", "-lr", "0.1", "-seed", "3", "-save", in(save))
		if code != 0 {
			t.Fatalf("-labels %s: exit %d: %s", labels, code, stderr)
		}
		as, err := npy.LoadNPZ(in(save))
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(as)
	}
	start := train(in("i8.npy"), "i8.npz")
	if got := train("../../conv/npy/testdata/numpy_i4.npy", "i4.npz"); got != start {
		t.Errorf("trained with int32 labels:\n%s\nwith int64 labels:\n%s", got, start)
	}
}
