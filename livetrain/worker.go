package livetrain

import (
	"fmt"
	"time"
)

// SliceBudget is how long the worker trains before it posts its progress
// and reads the page's messages.
const SliceBudget = 100 * time.Millisecond

// Worker is the training worker's state: the messages go in (Control,
// Data), the updates to post come out (Next). Not safe for concurrent use:
// the worker's one goroutine owns it.
type Worker struct {
	now     func() time.Time
	cfg     *Config
	data    *Dataset
	s       *session
	running bool // the learner pressed Train and not Pause
	due     bool // a progress message is owed (after start, pause, resume, reset)

	// Training since the last progress message, for images/s.
	images    int
	trainTime time.Duration
}

// NewWorker returns a worker that reads time from now (time.Now; tests
// pass a clock of their own).
func NewWorker(now func() time.Time) *Worker { return &Worker{now: now} }

// Control handles a control message (start, pause, resume, reset). On an
// error nothing changes.
func (w *Worker) Control(m Message) error {
	if err := m.check(); err != nil {
		return err
	}
	if m.Start == nil && w.s == nil {
		return fmt.Errorf("livetrain: %s before start", m.name())
	}
	switch {
	case m.Start != nil:
		cfg := *m.Start
		if err := cfg.check(); err != nil {
			return err
		}
		s, err := newSession(cfg)
		if err != nil {
			return err
		}
		w.cfg, w.s, w.running = &cfg, s, true
		w.resetRate()
	case m.Reset:
		s, err := newSession(*w.cfg)
		if err != nil {
			return err
		}
		w.s, w.running = s, false
	case m.Pause:
		w.running = false
	case m.Resume:
		w.running = true
		w.resetRate()
	}
	if w.data != nil {
		w.s.setData(w.data)
	}
	w.due = true
	return nil
}

// Data takes a new dataset (the data message).
func (w *Worker) Data(d Dataset) error {
	if err := d.check(); err != nil {
		return err
	}
	w.data = &d
	if w.s != nil {
		w.s.setData(w.data)
	}
	return nil
}

// Busy says whether Next would train: started, not paused, data given.
func (w *Worker) Busy() bool { return w.running && w.s != nil && w.data != nil }

func (w *Worker) resetRate() { w.images, w.trainTime = 0, 0 }

// Update is what the worker posts after a slice: its progress (nil when
// none is due) and a finished test evaluation (nil when none).
type Update struct {
	Progress *Progress
	Test     *Test
}

// Progress is the progress message's numbers and the weights.
type Progress struct {
	Step       int
	Epoch      float64 // passes over the training set so far
	Loss       float64 // smoothed (0 before the first step)
	LossRaw    float64 // the last batch's
	ImagesPerS float64 // training images a second of training time since the last progress message
	Running    bool
	Snapshot   bool    // Step is one of snapshotSteps
	Weights    []Param // the state_dict; the caller copies it into the message
}

// Test is a test-set evaluation of the weights after Step steps.
type Test struct {
	Step     int
	Accuracy float64
}

// Next trains for one slice when Busy and returns what to post; when not
// busy it returns the progress owed after a control message, if any.
// ok is false when there is nothing to post.
func (w *Worker) Next() (u Update, ok bool, err error) {
	if w.Busy() {
		r, err := w.s.slice(SliceBudget, w.now)
		if err != nil {
			w.running = false
			w.due = true
			return w.progress(), true, fmt.Errorf("livetrain: training stopped at step %d: %v", w.s.step, err)
		}
		w.images += r.steps * w.cfg.Batch
		w.trainTime += r.trainTime
		u.Test = r.test
		if r.steps > 0 || w.due {
			u.Progress = w.progress().Progress
		}
		return u, u.Progress != nil || u.Test != nil, nil
	}
	if w.due {
		return w.progress(), true, nil
	}
	return u, false, nil
}

// progress makes the progress message from the session's state now.
func (w *Worker) progress() Update {
	s := w.s
	p := &Progress{Step: s.step, LossRaw: s.raw, Running: w.Busy(), Snapshot: isSnapshot(s.step), Weights: s.m.stateDict()}
	if s.step > 0 {
		p.Loss = s.smoothed()
	}
	if s.data != nil {
		p.Epoch = s.epoch()
	}
	if w.trainTime > 0 {
		p.ImagesPerS = float64(w.images) / w.trainTime.Seconds()
	}
	w.due = false
	w.resetRate()
	return Update{Progress: p}
}

// Fields are the progress message's numbers, as the page reads them.
func (p *Progress) Fields() map[string]any {
	return map[string]any{
		"step": p.Step, "epoch": p.Epoch, "loss": p.Loss, "loss_raw": p.LossRaw,
		"images_per_s": p.ImagesPerS, "running": p.Running, "snapshot": p.Snapshot,
	}
}

// Fields are the test message's numbers.
func (t *Test) Fields() map[string]any {
	return map[string]any{"step": t.Step, "test_accuracy": t.Accuracy}
}
