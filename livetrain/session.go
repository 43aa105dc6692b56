package livetrain

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// smoothing is the weight of the past in the smoothed loss (an exponential
// moving average over about 20 steps, debiased as Adam's moments are).
const smoothing = 0.95

// testChunk is how many test images one unit of evaluation work covers, so
// that an evaluation spreads over slices.
const testChunk = 100

// session is one training run: a model, its place in the data, its loss.
type session struct {
	cfg  Config
	m    model
	rng  *rand.Rand
	data *Dataset

	order       []int // this epoch's order of the training images
	pos         int   // next place in order
	step        int
	ema, weight float64 // smoothed loss before debiasing, and 1 - smoothing^k
	raw         float64 // the last batch's loss
	x           []float32
	y           []uint8

	testing bool // an evaluation of the weights at testStep is under way
	testAt  int  // its step
	testPos int  // next test image
	right   int  // correct so far
}

func newSession(cfg Config) (*session, error) {
	m, err := newModel(cfg)
	if err != nil {
		return nil, err
	}
	return &session{
		cfg: cfg, m: m,
		rng: newSessionRand(cfg.Seed),
		x:   make([]float32, max(cfg.Batch, testChunk)*pixels),
		y:   make([]uint8, cfg.Batch),
	}, nil
}

// newSessionRand is the shuffling's generator for a seed.
func newSessionRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6c697665)) }

// setData gives the run its data (again): a new epoch starts, an
// evaluation under way starts over.
func (s *session) setData(d *Dataset) {
	s.data, s.order, s.pos = d, nil, 0
	if s.testing {
		s.testPos, s.right = 0, 0
	}
}

// epoch is how many passes over the training set the steps made.
func (s *session) epoch() float64 {
	return float64(s.step*s.cfg.Batch) / float64(len(s.data.TrainLabels))
}

// smoothed is the debiased moving average of the loss.
func (s *session) smoothed() float64 { return s.ema / s.weight }

// trainStep trains on the next batch, reshuffling at each epoch's end (the
// last images of an epoch that do not fill a batch wait for the next
// shuffle, as DataLoader's drop_last does).
func (s *session) trainStep() error {
	n := len(s.data.TrainLabels)
	if n < s.cfg.Batch {
		return fmt.Errorf("batch size %d is larger than the %d training images", s.cfg.Batch, n)
	}
	if s.order == nil || s.pos+s.cfg.Batch > n {
		if s.order == nil {
			s.order = make([]int, n)
			for i := range s.order {
				s.order[i] = i
			}
		}
		s.rng.Shuffle(n, func(i, j int) { s.order[i], s.order[j] = s.order[j], s.order[i] })
		s.pos = 0
	}
	b := s.cfg.Batch
	for i, k := range s.order[s.pos : s.pos+b] {
		scale(s.x[i*pixels:(i+1)*pixels], s.data.TrainImages[k*pixels:(k+1)*pixels])
		s.y[i] = s.data.TrainLabels[k]
	}
	loss, err := s.m.step(s.x[:b*pixels], s.y)
	if err != nil {
		return err
	}
	s.pos += b
	s.step++
	s.raw = loss
	s.ema = smoothing*s.ema + (1-smoothing)*loss
	s.weight = smoothing*s.weight + (1 - smoothing)
	if s.step%s.cfg.TestEvery == 0 {
		s.testing, s.testAt, s.testPos, s.right = true, s.step, 0, 0
	}
	return nil
}

// testWork evaluates the next chunk of the test set; done reports the
// finished evaluation's accuracy.
func (s *session) testWork() (acc float64, done bool, err error) {
	m := min(testChunk, len(s.data.TestLabels)-s.testPos)
	scale(s.x[:m*pixels], s.data.TestImages[s.testPos*pixels:(s.testPos+m)*pixels])
	right, err := s.m.correct(s.x[:m*pixels], s.data.TestLabels[s.testPos:s.testPos+m])
	if err != nil {
		return 0, false, err
	}
	s.right += right
	s.testPos += m
	if s.testPos < len(s.data.TestLabels) {
		return 0, false, nil
	}
	s.testing = false
	return float64(s.right) / float64(s.testPos), true, nil
}

// sliceResult is what one slice did.
type sliceResult struct {
	steps     int           // training steps
	trainTime time.Duration // spent in them
	test      *Test         // an evaluation that finished
}

// slice works (an evaluation under way first, else training steps) until
// budget has passed on the clock now, at least one unit of work, and stops
// early when an evaluation finishes or at a snapshot step, so that their
// messages go out at once.
func (s *session) slice(budget time.Duration, now func() time.Time) (sliceResult, error) {
	var r sliceResult
	start := now()
	for {
		t0 := now()
		if s.testing {
			acc, done, err := s.testWork()
			if err != nil {
				return r, err
			}
			if done {
				r.test = &Test{Step: s.testAt, Accuracy: acc}
				return r, nil
			}
		} else {
			if err := s.trainStep(); err != nil {
				return r, err
			}
			r.steps++
			r.trainTime += now().Sub(t0)
			if isSnapshot(s.step) {
				return r, nil // its progress message goes out at this step
			}
		}
		if now().Sub(start) >= budget {
			return r, nil
		}
	}
}

// snapshotSteps are the steps whose weights the page keeps for the filter
// history (issue 17: conv1 at steps 0, 50, 200, 1000): a progress message
// goes out at exactly these steps, marked snapshot.
var snapshotSteps = []int{0, 50, 200, 1000}

func isSnapshot(step int) bool { return slices.Contains(snapshotSteps, step) }
