package training

import (
	"os"
	"runtime"
	"testing"
	"time"

	"convplayground/livetrain"
	"convplayground/nn/arch"
)

// The train tab's defaults on the real data (the 12k subset, the 2,000
// test images) reach the accuracies: the default LeNet ≥ 97 %, the
// TinyVGG preset ≥ 90 %. The worker's run is deterministic (the browser's
// worker takes the same steps), so this is the accuracy part of the
// browser's "97 % within a minute"; the minute is the browser's images/s
// (README: training). Natively only: in Node it would take minutes.
func TestPresetsLearnMNIST(t *testing.T) {
	if runtime.GOOS == "js" || testing.Short() {
		t.Skip("minutes of training in wasm; -short")
	}
	file, err := os.ReadFile("../../assets/mnist12k.bin.gz")
	if err != nil {
		t.Fatalf("%v (make assets/mnist12k.bin.gz builds it)", err)
	}
	data, err := Dataset(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		net   string
		want  float64
		steps int // the accuracy must come by then
	}{
		{"LeNet", "", 0.97, 600},
		{"TinyVGG", arch.TinyVGG, 0.90, 600},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := DefaultSettings()
			s.Net = c.net
			cfg, err := s.config()
			if err != nil {
				t.Fatal(err)
			}
			w := livetrain.NewWorker(time.Now)
			if err := w.Control(livetrain.Message{Start: &cfg}); err != nil {
				t.Fatal(err)
			}
			if err := w.Data(data); err != nil {
				t.Fatal(err)
			}
			var got []livetrain.Test
			for len(got) == 0 || got[len(got)-1].Step < c.steps {
				u, _, err := w.Next()
				if err != nil {
					t.Fatal(err)
				}
				if u.Test != nil {
					got = append(got, *u.Test)
					if u.Test.Accuracy >= c.want {
						t.Logf("%s: %.2f %% at step %d (%d images); before: %v", c.name, 100*u.Test.Accuracy, u.Test.Step, u.Test.Step*s.Batch, got)
						return
					}
				}
			}
			t.Errorf("%s never reached %.0f %% by step %d: %v", c.name, 100*c.want, c.steps, got)
		})
	}
}
