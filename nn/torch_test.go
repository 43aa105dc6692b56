package nn

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"convplayground/conv/npy"
)

func loadNpy(t *testing.T, name string) []float32 {
	t.Helper()
	_, data, err := npy.Load(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The whole network against PyTorch (scripts/nn_golden.py): weights written
// by torch in our format load; on the same batch the logits, the mean
// cross-entropy and every parameter gradient match torch's.
func TestAgainstPyTorch(t *testing.T) {
	f, err := os.Open("testdata/torch_net.bin")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	net, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	lf := loadNpy(t, "torch_labels.npy")
	labels := make([]uint8, len(lf))
	for i, v := range lf {
		labels[i] = uint8(v)
	}
	w := net.newShare(len(labels), true)
	copy(w.x.Data, loadNpy(t, "torch_x.npy"))
	loss, _, err := w.step(labels, len(labels))
	if err != nil {
		t.Fatal(err)
	}
	near(t, "logits", w.seq.Outputs()[len(w.seq.Layers)-1].Data, loadNpy(t, "torch_logits.npy"))
	near(t, "loss", []float32{float32(loss / float64(len(labels)))}, loadNpy(t, "torch_loss.npy"))
	for i, p := range w.seq.Params() {
		near(t, paramNames[i]+" grad", p.Grad.Data, loadNpy(t, "torch_grad_"+paramNames[i]+".npy"))
	}
}

func near(t *testing.T, what string, got, want []float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, torch %d", what, len(got), len(want))
	}
	for i := range want {
		if d := math.Abs(float64(got[i] - want[i])); !(d <= 1e-6+1e-4*math.Abs(float64(want[i]))) {
			t.Fatalf("%s[%d] = %g, torch %g", what, i, got[i], want[i])
		}
	}
}
