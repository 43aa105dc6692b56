package e2e

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gametraining "convplayground/game/training"
)

// trainTarget measures, when set, the target: the default LeNet
// from scratch to ≥ 97 % test accuracy within 60 s of training (a
// measurement, reported; the test itself never depends on wall time).
var trainTarget = flag.Bool("train-target", false, "TestTrainOnScreen: train on until 97 % test accuracy (or 5 minutes) and log each accuracy with its time")

// training is the hook's training field.
type training struct {
	Running      bool
	Settled      bool // stopped, and the worker's last report is in
	Step         int
	ImagesPerS   float64  `json:"images_per_s"`
	Loss         *float64 // null before the first step
	TestAccuracy *float64 `json:"test_accuracy"`
}

// trainingOf decodes the hook's training field; nil while it is null.
func trainingOf(p *tab) *training {
	p.t.Helper()
	var tr *training
	raw := eval[string](p, `JSON.stringify(JSON.parse(window.convPlayground.state()).training)`)
	if err := json.Unmarshal([]byte(raw), &tr); err != nil {
		p.t.Fatalf("training %s: %v", raw, err)
	}
	return tr
}

// waitTraining polls the hook until ok holds for its training field (a
// condition; the deadline only ends a test that is stuck).
func waitTraining(p *tab, what string, ok func(*training) bool) *training {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Minute)
	for {
		tr := trainingOf(p)
		if tr != nil && ok(tr) {
			return tr
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waiting for %s: training %+v, notice %q", what, tr, p.state().Notice)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// The train tab by real clicks: training is null before Train; after it
// the data arrives, the step grows with a finite, falling loss and the
// filters on screen change; the learner draws meanwhile and the guess
// follows; Pause stops the steps and keeps the weights (the maps' range
// and the guess stay).
func TestTrainOnScreen(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	if tr := trainingOf(p); tr != nil {
		t.Errorf("training before the first Train: %+v, want null", tr)
	}
	p.click("tab:train")
	// The baseline on this machine: the frames of a stroke before training.
	t.Logf("FRAMES of a stroke before training: %s", frameCost(t, p, func() {
		p.stroke("canvas", [][2]float64{{0.3, 0.2}, {0.4, 0.4}, {0.5, 0.6}, {0.6, 0.8}})
	}))
	p.click("train")
	start := time.Now()
	first := waitTraining(p, "the first steps", func(tr *training) bool { return tr.Step >= 10 && tr.Loss != nil })
	t.Logf("first report after %v: %+v, loss %v", time.Since(start).Round(time.Millisecond), first, *first.Loss)
	if h := p.state(); !h.GuessOnScreen || h.Filters[0] != "learned" {
		t.Errorf("while training: guess on screen %v, filters %v; want conv1 on screen as the learned bank", h.GuessOnScreen, h.Filters)
	}
	before := p.state()
	t.Logf("FRAMES of a stroke while training: %s", frameCost(t, p, func() {
		p.stroke("canvas", [][2]float64{{0.5, 0.15}, {0.52, 0.3}, {0.5, 0.45}, {0.48, 0.6}, {0.5, 0.75}, {0.5, 0.85}})
	}))
	drawn := p.state()
	if drawn.Ink == before.Ink {
		t.Error("the stroke while training left the canvas as it was")
	}
	later := waitTraining(p, "the loss to fall", func(tr *training) bool {
		return tr.Step >= first.Step+150 && tr.Loss != nil && *tr.Loss < *first.Loss
	})
	if math.IsNaN(*later.Loss) || math.IsInf(*later.Loss, 0) || !later.Running || later.ImagesPerS <= 0 {
		t.Errorf("training %+v, loss %v", later, *later.Loss)
	}
	t.Logf("step %d after %v: loss %.4f (from %.4f), %.0f images/s", later.Step, time.Since(start).Round(time.Millisecond), *later.Loss, *first.Loss, later.ImagesPerS)
	// The main thread's work per frame while training (the weights going
	// into the network and the maps recomputed on one frame, drawn on the
	// next, the train panel's numbers on others), over ten seconds (some
	// 50-100 frames): reported, not asserted. The target is ≤ 8 ms
	// a frame; a test cannot hold wall time to it on a loaded 2-core
	// machine (the worker trains on one core, SwiftShader draws on the
	// others), so the CPU time is reported beside it, BenchmarkTrainFrame
	// (game, in make bench) times the frames natively, and
	// TestTrainWeightsSpread (game) checks how the work is spread.
	t.Logf("FRAMES while training: %s", frameCost(t, p, func() { time.Sleep(10 * time.Second) }))
	if *trainTarget {
		// Each test accuracy as it comes, until 97 % or the browser's time
		// is nearly out (newBrowser gives it 8 minutes).
		last := -1.0
		for time.Since(start) < 5*time.Minute {
			tr := trainingOf(p)
			if tr.TestAccuracy != nil && *tr.TestAccuracy != last {
				last = *tr.TestAccuracy
				t.Logf("TARGET: %.2f %% test accuracy at step %d (%d images), %v after Train (the data's download included), %.0f images/s",
					100*last, tr.Step, tr.Step*gametraining.DefaultSettings().Batch, time.Since(start).Round(time.Second), tr.ImagesPerS)
			}
			if last >= 0.97 {
				break
			}
			time.Sleep(time.Second)
		}
	}
	p.screenshot(shotDir(t), "train-1280x720")
	p.click("train-pause")
	paused := waitTraining(p, "the pause", func(tr *training) bool { return !tr.Running && tr.Settled })
	held := p.state()
	heldTr := trainingOf(p)
	time.Sleep(time.Second)
	now, nowTr := p.state(), trainingOf(p)
	if nowTr.Step != heldTr.Step || now.Min != held.Min || now.Max != held.Max || now.Prediction != held.Prediction {
		t.Errorf("paused (at step %d) yet moving: step %d → %d, maps [%v, %v] → [%v, %v], guess %d → %d",
			paused.Step, heldTr.Step, nowTr.Step, held.Min, held.Max, now.Min, now.Max, held.Prediction, now.Prediction)
	}
	if now.Prediction < 0 || now.Prediction > 9 {
		t.Errorf("no guess for the drawn digit after training: %d (%s)", now.Prediction, now.GuessError)
	}
}

// frameTimes reads and forgets the frames' [total, draw] ms (frames.go).
func frameTimes(t *testing.T, p *tab) [][2]float64 {
	var times [][2]float64
	if err := json.Unmarshal([]byte(eval[string](p, `JSON.stringify(window.convPlayground.frameTimes())`)), &times); err != nil {
		t.Fatal(err)
	}
	return times
}

// Without the data file (a site that lacks it) Train says why in the
// header's notice, training stays off, and the playground goes on working.
func TestTrainNoData(t *testing.T) {
	built, dir := site(t), t.TempDir()
	for _, f := range []string{"index.html", "wasm/wasm_exec.js", "wasm/main.wasm", "wasm/train.wasm", "wasm/train_worker.js"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		copyFile(t, filepath.Join(built, f), filepath.Join(dir, f))
	}
	p, _ := openURL(t, newBrowser(t), serveSite(t, dir), viewW, viewH, 1)
	p.click("tab:train")
	p.click("train")
	h := p.waitState("the data's message", func(h hook) bool { return strings.Contains(h.Notice, "could not be loaded") })
	if !strings.Contains(h.Notice, "HTTP 404") {
		t.Errorf("notice %q, want the HTTP status", h.Notice)
	}
	if tr := trainingOf(p); tr == nil || tr.Running || tr.Step != 0 {
		t.Errorf("training %+v, want off at step 0", tr)
	}
	p.stroke("canvas", [][2]float64{{0.3, 0.3}, {0.7, 0.7}})
	if after := p.state(); after.Ink == h.Ink {
		t.Error("drawing stopped working after the failed Train")
	}
	p.screenshot(shotDir(t), "train-nodata-1280x720")
}
