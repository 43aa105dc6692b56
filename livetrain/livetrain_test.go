package livetrain

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"convplayground/nn"
)

// clock is a fake clock that moves on by tick at every reading.
type clock struct {
	t    time.Time
	tick time.Duration
}

func (c *clock) now() time.Time {
	c.t = c.t.Add(c.tick)
	return c.t
}

// blocks is a dataset anyone can learn: digit k is a bright 6x6 block at a
// place of its own, on faint noise.
func blocks(n int, seed uint64) (images, labels []uint8) {
	r := rand.New(rand.NewPCG(seed, 1))
	images, labels = make([]uint8, n*pixels), make([]uint8, n)
	for i := range labels {
		k := r.IntN(10)
		labels[i] = uint8(k)
		img := images[i*pixels : (i+1)*pixels]
		for j := range img {
			img[j] = uint8(r.IntN(40))
		}
		y0, x0 := 2+(k/5)*12, 1+(k%5)*5
		for y := y0; y < y0+6; y++ {
			for x := x0; x < x0+6; x++ {
				img[y*28+x] = 255
			}
		}
	}
	return images, labels
}

func blockData(train, test int) Dataset {
	var d Dataset
	d.TrainImages, d.TrainLabels = blocks(train, 1)
	d.TestImages, d.TestLabels = blocks(test, 2)
	return d
}

func adam(batch int) *Config {
	return &Config{Optimizer: "adam", LR: 2e-3, Batch: batch, Seed: 7}
}

func TestConfigRefused(t *testing.T) {
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Optimizer: "adam", LR: -1, Batch: 8}, "Invalid learning rate: -1"}, // torch.optim's words
		{Config{Optimizer: "sgd", LR: 0.1, Momentum: -0.5, Batch: 8}, "Invalid momentum value: -0.5"},
		{Config{Optimizer: "adam", LR: math.NaN(), Batch: 8}, "Invalid learning rate: NaN"},
		{Config{Optimizer: "adam", LR: 0, Batch: 8}, "would not train"},
		{Config{Optimizer: "sgd", LR: 0.1, Momentum: 1, Batch: 8}, "want < 1"},
		{Config{Optimizer: "adam", LR: 0.1, Momentum: 0.9, Batch: 8}, "momentum is SGD's"},
		{Config{Optimizer: "rmsprop", LR: 0.1, Batch: 8}, `optimizer "rmsprop"`},
		{Config{Optimizer: "adam", LR: 0.1, Batch: 0}, "batch size 0 outside 1..64"},
		{Config{Optimizer: "adam", LR: 0.1, Batch: 65}, "batch size 65 outside 1..64"},
		{Config{Optimizer: "adam", LR: 0.1, Batch: 8, TestEvery: -1}, "test_every -1"},
	} {
		w := NewWorker(time.Now)
		err := w.Control(Message{Start: &c.cfg})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one with %q", c.cfg, err, c.want)
		}
		if w.Busy() || w.s != nil {
			t.Errorf("%+v: a refused start left a session", c.cfg)
		}
	}
}

func TestMessageRefused(t *testing.T) {
	w := NewWorker(time.Now)
	for _, m := range []Message{{}, {Pause: true, Resume: true}, {Start: adam(4), Reset: true}} {
		if err := w.Control(m); err == nil || !strings.Contains(err.Error(), "one of start") {
			t.Errorf("%+v: error %v, want one about one command", m, err)
		}
	}
	for _, m := range []Message{{Pause: true}, {Resume: true}, {Reset: true}} {
		if err := w.Control(m); err == nil || !strings.Contains(err.Error(), "before start") {
			t.Errorf("%+v before start: error %v", m, err)
		}
	}
}

func TestDataRefused(t *testing.T) {
	good := blockData(20, 10)
	for _, c := range []struct {
		change func(*Dataset)
		want   string
	}{
		{func(d *Dataset) { d.TrainImages = d.TrainImages[:100] }, "train set: 100 image bytes for 20 labels"},
		{func(d *Dataset) { d.TestLabels = d.TestLabels[:9] }, "test set: 7840 image bytes for 9 labels"},
		{func(d *Dataset) { d.TrainImages, d.TrainLabels = nil, nil }, "train set: 0 image bytes for 0 labels"},
		{func(d *Dataset) { d.TestLabels[3] = 10 }, "test set: label 10 of image 3 is not a digit"},
	} {
		d := good
		d.TrainLabels, d.TestLabels = slices.Clone(good.TrainLabels), slices.Clone(good.TestLabels)
		c.change(&d)
		w := NewWorker(time.Now)
		if err := w.Data(d); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one with %q", err, c.want)
		}
		if w.data != nil {
			t.Error("a refused dataset was kept")
		}
	}
}

// The worker trains the LeNet on the blocks: the smoothed loss falls far
// below chance's ln 10, a test message comes every TestEvery steps with a
// high accuracy, a progress message comes at exactly the snapshot steps,
// and the progress follows pause, resume and reset.
func TestWorkerLearns(t *testing.T) {
	c := &clock{tick: 10 * time.Millisecond}
	w := NewWorker(c.now)
	cfg := adam(16)
	cfg.TestEvery = 20
	if err := w.Control(Message{Start: cfg}); err != nil {
		t.Fatal(err)
	}
	// Started, no data yet: one progress at step 0, then nothing to do.
	u, ok, err := w.Next()
	if err != nil || !ok || u.Progress == nil || u.Progress.Step != 0 || w.Busy() {
		t.Fatalf("after start without data: %+v %v %v, busy %v", u, ok, err, w.Busy())
	}
	if !u.Progress.Snapshot {
		t.Error("the progress at step 0 is not marked snapshot")
	}
	start := weights(u.Progress)
	if _, ok, _ := w.Next(); ok {
		t.Fatal("a second update without training")
	}
	if err := w.Data(blockData(400, 150)); err != nil {
		t.Fatal(err)
	}
	var tests []Test
	var last *Progress
	var snapshots []int
	for last == nil || last.Step < 60 {
		u, ok, err := w.Next()
		if err != nil || !ok {
			t.Fatalf("Next while training: %v, %v", ok, err)
		}
		if u.Test != nil {
			tests = append(tests, *u.Test)
		}
		if u.Progress != nil {
			p := u.Progress
			if math.IsNaN(p.Loss) || p.Loss <= 0 || !p.Running || p.ImagesPerS <= 0 {
				t.Fatalf("progress %+v", p)
			}
			last = p
			if p.Snapshot {
				snapshots = append(snapshots, p.Step)
			}
		}
	}
	if !slices.Equal(snapshots, []int{50}) {
		t.Errorf("progress marked snapshot at steps %v, want at exactly 50 (the filter history's step under 60)", snapshots)
	}
	if last.Loss > 0.5 || len(tests) < 2 || tests[0].Step != 20 || tests[1].Step != 40 || tests[len(tests)-1].Accuracy < 0.9 {
		t.Errorf("after %d steps: smoothed loss %.3f, tests %+v; want < 0.5, one every 20 steps, the last ≥ 0.9", last.Step, last.Loss, tests)
	}
	if want := float64(last.Step*16) / 400; last.Epoch != want {
		t.Errorf("epoch %v after %d steps of 16 of 400 images, want %v", last.Epoch, last.Step, want)
	}

	if err := w.Control(Message{Pause: true}); err != nil {
		t.Fatal(err)
	}
	u, ok, _ = w.Next()
	if !ok || u.Progress == nil || u.Progress.Running || u.Progress.Step != w.s.step || w.Busy() {
		t.Fatalf("after pause: %+v", u.Progress)
	}
	paused := w.s.step
	w.Next()
	if err := w.Control(Message{Resume: true}); err != nil {
		t.Fatal(err)
	}
	// The evaluation of step 60 comes first, then training goes on.
	for range 3 {
		if u, _, _ = w.Next(); u.Progress != nil && u.Progress.Step > paused {
			break
		}
	}
	if u.Progress == nil || u.Progress.Step <= paused {
		t.Errorf("resume did not go on from step %d: %+v", paused, u.Progress)
	}
	if err := w.Control(Message{Reset: true}); err != nil {
		t.Fatal(err)
	}
	u, _, _ = w.Next()
	if p := u.Progress; p == nil || p.Step != 0 || p.Running || p.Loss != 0 || !slices.Equal(weights(p), start) {
		t.Errorf("after reset: %+v, or not the seed's weights", p)
	}
}

func weights(p *Progress) []float32 {
	var all []float32
	for _, w := range p.Weights {
		if w.Tensor.Len() == 0 || w.Name == "" {
			panic("empty state_dict entry")
		}
		all = append(all, w.Tensor.Data...)
	}
	return all
}

// A state_dict has the LeNet's names and shapes, as torch prints them.
func TestStateDict(t *testing.T) {
	cfg := adam(4)
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	s, err := newSession(*cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.m.stateDict() {
		got = append(got, p.Name+fmt.Sprint(p.Tensor.Shape))
	}
	want := []string{"conv1.weight[20 1 5 5]", "conv1.bias[20]", "conv2.weight[32 20 5 5]", "conv2.bias[32]",
		"fc1.weight[128 800]", "fc1.bias[128]", "fc2.weight[10 128]", "fc2.bias[10]"}
	if !slices.Equal(got, want) {
		t.Errorf("state_dict %q, want %q", got, want)
	}
}

// The LeNet's count of right answers is nn.Evaluate's accuracy.
func TestLeNetCorrect(t *testing.T) {
	cfg := adam(4)
	cfg.check()
	s, err := newSession(*cfg)
	if err != nil {
		t.Fatal(err)
	}
	d := blockData(10, 150)
	x := make([]float32, len(d.TestImages))
	scale(x, d.TestImages)
	net, err := nn.New(32, 128, cfg.Seed) // the preset's weights
	if err != nil {
		t.Fatal(err)
	}
	acc, _, err := nn.Evaluate(net, x, d.TestLabels, 1)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.m.correct(x, d.TestLabels)
	if err != nil || float64(got) != math.Round(acc*150) {
		t.Errorf("correct: %d, %v; nn.Evaluate: %v of 150", got, err, acc)
	}
}

// A batch larger than the training set stops training with a message,
// and the worker goes on reading messages.
func TestBatchOverData(t *testing.T) {
	w := NewWorker((&clock{tick: time.Millisecond}).now)
	if err := w.Data(blockData(10, 10)); err != nil {
		t.Fatal(err)
	}
	if err := w.Control(Message{Start: adam(16)}); err != nil {
		t.Fatal(err)
	}
	u, ok, err := w.Next()
	if err == nil || !strings.Contains(err.Error(), "training stopped at step 0: batch size 16 is larger than the 10 training images") {
		t.Errorf("error %v", err)
	}
	if !ok || u.Progress == nil || u.Progress.Running || w.Busy() {
		t.Errorf("after the error: %+v, busy %v; want a progress message, not running", u.Progress, w.Busy())
	}
}

// Each optimizer the playground offers trains the LeNet on the blocks: the
// smoothed loss falls from chance's ln 10 to under half of it, and the
// three end in different weights from the same start (each is its own
// update, not a fallback to another).
func TestOptimizersLearn(t *testing.T) {
	cfgs := []Config{
		{Optimizer: "sgd", LR: 0.05, Batch: 16, Seed: 7},
		{Optimizer: "sgd", LR: 0.05, Momentum: 0.9, Batch: 16, Seed: 7},
		{Optimizer: "adam", LR: 2e-3, Batch: 16, Seed: 7},
	}
	var ends [][]float32
	for _, cfg := range cfgs {
		if err := cfg.check(); err != nil {
			t.Fatal(err)
		}
		s, err := newSession(cfg)
		if err != nil {
			t.Fatal(err)
		}
		s.setData(ptr(blockData(400, 10)))
		for range 60 {
			if err := s.trainStep(); err != nil {
				t.Fatal(err)
			}
		}
		if l := s.smoothed(); !(l < math.Log(10)/2) {
			t.Errorf("%s momentum %v: smoothed loss %v after 60 steps, want < ln(10)/2", cfg.Optimizer, cfg.Momentum, l)
		}
		ends = append(ends, slices.Clone(s.m.stateDict()[0].Tensor.Data))
	}
	for i := range ends {
		for j := range i {
			if slices.Equal(ends[i], ends[j]) {
				t.Errorf("optimizers %d and %d end with the same conv1 weights", j, i)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }
