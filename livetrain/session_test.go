package livetrain

import (
	"math"
	"slices"
	"testing"
	"time"
)

// recorder is a model that learns nothing: it keeps the labels of every
// batch, returns the losses it is given in turn and calls an image right
// when its first pixel is bright.
type recorder struct {
	batches [][]uint8
	losses  []float64
}

func (r *recorder) step(images []float32, labels []uint8) (float64, error) {
	r.batches = append(r.batches, slices.Clone(labels))
	loss := r.losses[0]
	r.losses = append(r.losses[1:], loss)
	return loss, nil
}

func (r *recorder) correct(images []float32, labels []uint8) (int, error) {
	n := 0
	for i := range labels {
		if images[i*pixels] == 1 {
			n++
		}
	}
	return n, nil
}

func (r *recorder) stateDict() []Param { return nil }

// numbered is a dataset whose label i is i mod 10 and whose images are
// bright in the first pixel when bright(i).
func numbered(n int, bright func(int) bool) ([]uint8, []uint8) {
	images, labels := make([]uint8, n*pixels), make([]uint8, n)
	for i := range labels {
		labels[i] = uint8(i % 10)
		if bright(i) {
			images[i*pixels] = 255
		}
	}
	return images, labels
}

func recordSession(cfg Config, d *Dataset, losses ...float64) (*session, *recorder) {
	r := &recorder{losses: losses}
	s := &session{cfg: cfg, m: r, x: make([]float32, max(cfg.Batch, testChunk)*pixels), y: make([]uint8, cfg.Batch)}
	s.rng = newSessionRand(cfg.Seed)
	s.setData(d)
	return s, r
}

// Every epoch shows each training image once, in a new order; the images
// that do not fill a last batch are left out of that epoch (drop_last).
func TestEpochs(t *testing.T) {
	var d Dataset
	d.TrainImages, d.TrainLabels = numbered(10, func(int) bool { return false })
	d.TestImages, d.TestLabels = numbered(1, func(int) bool { return false })
	s, r := recordSession(Config{Batch: 3, TestEvery: 1000, Seed: 5}, &d, 1)
	for range 9 {
		if err := s.trainStep(); err != nil {
			t.Fatal(err)
		}
	}
	var orders [][]uint8
	for e := range 3 {
		seen := slices.Concat(r.batches[3*e : 3*e+3]...)
		orders = append(orders, slices.Clone(seen))
		slices.Sort(seen)
		if len(slices.Compact(seen)) != 9 {
			t.Errorf("epoch %d saw %v: an image twice", e, orders[e])
		}
	}
	if slices.Equal(orders[0], orders[1]) && slices.Equal(orders[1], orders[2]) {
		t.Errorf("three epochs in the same order %v", orders[0])
	}
	if s.epoch() != 2.7 {
		t.Errorf("epoch %v after 9 steps of 3 of 10 images, want 2.7", s.epoch())
	}
}

// The smoothed loss of a constant loss is that constant from the first
// step (the average is debiased); then it follows a change by 1-0.95^k.
func TestSmoothedLoss(t *testing.T) {
	var d Dataset
	d.TrainImages, d.TrainLabels = numbered(4, func(int) bool { return false })
	d.TestImages, d.TestLabels = numbered(1, func(int) bool { return false })
	s, r := recordSession(Config{Batch: 2, TestEvery: 1000}, &d, 2)
	for k := 1; k <= 5; k++ {
		s.trainStep()
		if math.Abs(s.smoothed()-2) > 1e-12 || s.raw != 2 {
			t.Fatalf("step %d: smoothed %v, raw %v of a constant 2", k, s.smoothed(), s.raw)
		}
	}
	r.losses = []float64{1}
	s.trainStep()
	// Five steps of 2 and one of 1: weights 0.95^5..0.95^1 and 1, times 0.05.
	var num, den float64
	for k, l := range []float64{2, 2, 2, 2, 2, 1} {
		w := math.Pow(0.95, float64(5-k))
		num, den = num+w*l, den+w
	}
	if math.Abs(s.smoothed()-num/den) > 1e-12 {
		t.Errorf("smoothed %v, want the weighted mean %v", s.smoothed(), num/den)
	}
}

// A slice stops once its budget has passed, counts the time of its
// training steps, and an evaluation spreads over chunks of the test set,
// its accuracy that of the whole set.
func TestSlice(t *testing.T) {
	var d Dataset
	d.TrainImages, d.TrainLabels = numbered(100, func(int) bool { return false })
	d.TestImages, d.TestLabels = numbered(250, func(i int) bool { return i%5 == 0 }) // 50 of 250 right
	s, _ := recordSession(Config{Batch: 10, TestEvery: 4}, &d, 1)
	c := &clock{tick: 10 * time.Millisecond}
	// A step reads the clock at its start and end (10 ms apart), the loop
	// once more: the fourth step ends 110 ms after the slice's start.
	r, err := s.slice(100*time.Millisecond, c.now)
	if err != nil || r.steps != 4 || r.test != nil || r.trainTime != 4*10*time.Millisecond || !s.testing {
		t.Fatalf("first slice: %+v, %v, evaluation under way %v; want 4 steps of 10 ms and the evaluation due", r, err, s.testing)
	}
	r, err = s.slice(time.Nanosecond, c.now) // one chunk per slice
	if err != nil || r.steps != 0 || r.test != nil || s.testPos != testChunk {
		t.Fatalf("second slice: %+v, %v, at test image %d", r, err, s.testPos)
	}
	r, _ = s.slice(time.Hour, c.now) // stops when the evaluation ends
	if r.test == nil || r.test.Step != 4 || r.test.Accuracy != 0.2 || r.steps != 0 {
		t.Fatalf("third slice: %+v, test %+v; want the accuracy 0.2 of step 4", r, r.test)
	}
	if r, _ = s.slice(0, c.now); r.steps != 1 || s.step != 5 {
		t.Errorf("a slice of no budget did %d steps, want 1", r.steps)
	}
}
