package modelfile

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// bnStateDict is a Conv2d + BatchNorm2d state_dict: float32 parameters and
// buffers and the int64 0-dim num_batches_tracked.
func bnStateDict() []Tensor {
	w := make([]float32, 2*1*3*3)
	for i := range w {
		w[i] = float32(i)/8 - 1
	}
	return []Tensor{
		{Name: "0.weight", Shape: []int{2, 1, 3, 3}, DType: Float32, F32: w},
		{Name: "0.bias", Shape: []int{2}, DType: Float32, F32: []float32{0.5, -0.25}},
		{Name: "1.weight", Shape: []int{2}, DType: Float32, F32: []float32{1, 2}},
		{Name: "1.bias", Shape: []int{2}, DType: Float32, F32: []float32{0, 0.125}},
		{Name: "1.running_mean", Shape: []int{2}, DType: Float32, F32: []float32{0.1, 0.2}},
		{Name: "1.running_var", Shape: []int{2}, DType: Float32, F32: []float32{0.9, 1.1}},
		{Name: "1.num_batches_tracked", Shape: []int{}, DType: Int64, I64: []int64{300}},
	}
}

// What WriteTorch writes, Read reads back as it was.
func TestWriteTorchReadsBack(t *testing.T) {
	var b bytes.Buffer
	want := bnStateDict()
	if err := WriteTorch(&b, "model", want); err != nil {
		t.Fatal(err)
	}
	got, err := Read(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d tensors back, want %d", len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if g.Name != w.Name || g.DType != w.DType || !slices.Equal(g.Shape, w.Shape) || !slices.Equal(g.F32, w.F32) || !slices.Equal(g.I64, w.I64) {
			t.Errorf("tensor %d back as %+v, want %+v", i, g, w)
		}
	}
}

func TestWriteTorchRefusesOtherDTypes(t *testing.T) {
	bad := []Tensor{{Name: "w", Shape: []int{3}, DType: Float32, F32: []float32{1, 2}}}
	if err := WriteTorch(&bytes.Buffer{}, "m", bad); err == nil || !strings.Contains(err.Error(), "w is float32 with 2+0 values for shape [3]") {
		t.Errorf("a tensor short of values: %v", err)
	}
}

// PyTorch itself loads what WriteTorch writes, and the network it belongs
// to takes it with load_state_dict (strict). Skipped without torch, except
// in CI, where the reference must run.
func TestTorchLoadsOurPT(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no subprocesses under js/wasm")
	}
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import torch").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("/usr/bin/python3 with torch is missing (python3-torch)")
		}
		t.Skip("no /usr/bin/python3 with torch")
	}
	path := filepath.Join(t.TempDir(), "model.pt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteTorch(f, "model", bnStateDict()); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", `
import sys, torch
sd = torch.load(sys.argv[1])
assert list(sd) == ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"], list(sd)
assert sd["0.weight"].dtype == torch.float32 and torch.equal(sd["0.weight"], torch.arange(18, dtype=torch.float32).reshape(2, 1, 3, 3) / 8 - 1)
assert torch.equal(sd["0.bias"], torch.tensor([0.5, -0.25]))
assert sd["1.num_batches_tracked"].dtype == torch.int64 and sd["1.num_batches_tracked"].shape == () and sd["1.num_batches_tracked"].item() == 300
net = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2))
net.load_state_dict(sd)
assert torch.equal(net[1].running_var, torch.tensor([0.9, 1.1]))
print("ok")`, path).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("torch could not load our file: %v\n%s", err, out)
	}
}
