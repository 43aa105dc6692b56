package training

import (
	"strings"
	"sync"

	"convplayground/conv"
	"convplayground/i18n"
	"convplayground/livetrain"
)

// Phase is where a session is.
type Phase int

const (
	Off     Phase = iota // never trained
	Loading              // Train was pressed; the data file is on its way
	Running
	Paused
	Failed // the data file could not be had: training stays off
)

var phaseNames = [...]string{"off", "loading", "running", "paused", "failed"}

func (p Phase) String() string { return phaseNames[p] }

// Backend trains for a session: package livetrain's worker in the
// browser's Web Worker or in a goroutine (Local). Its methods return at
// once; what comes of them arrives as Events through the session's Post.
type Backend interface {
	// Send passes a control message (start, pause, resume, reset).
	Send(m livetrain.Message)
	// LoadData fetches or reads the data file and hands it to the trainer,
	// posting the bytes as they come, then DataReady or DataErr.
	LoadData()
}

// Event is what a backend reports; one field is set.
type Event struct {
	Progress      *livetrain.Progress // its Weights are the session's to keep
	Test          *livetrain.Test
	Loaded, Total int64 // the data file's bytes so far, of Total (0: unknown)
	DataReady     bool
	DataErr       error // the data file could not be had
	Err           error // the trainer's message (a refused setting, why it stopped)
}

// Point is one point of a curve: a value after Step steps.
type Point struct {
	Step  int
	Value float64
}

// Snapshot is conv1 at one of the filter history's steps (0, 50, 200, 1000).
type Snapshot struct {
	Step         int
	Weight, Bias *conv.Tensor
}

// maxPoints bounds a curve: past it every other point goes (the curve
// keeps its shape at half the detail).
const maxPoints = 1000

// Session is one learner's training: the settings, the run's numbers and
// curves, the latest weights. The view's goroutine owns it; only Post may
// be called from elsewhere (a backend's goroutine or callbacks).
type Session struct {
	Settings Settings
	Backend  Backend   // nil: training is not available in this build
	Lang     i18n.Lang // the language of Err (the view's)

	Phase      Phase
	Step       int
	Epoch      float64
	ImagesPerS float64
	Loss       float64 // smoothed, 0 before the first step
	Losses     []Point // the smoothed loss as it was reported
	Accuracy   []Point // test accuracy on the test images, in [0, 1]
	Snapshots  []Snapshot
	Loaded     int64             // the data file's bytes so far
	Total      int64             // its size, 0 while unknown
	Err        string            // the last message (a refused setting, the data, why training stopped)
	Weights    []livetrain.Param // the latest state_dict, nil before the first
	Version    uint64            // counts changes, for the view's redraw
	// Taken counts the reports whose weights the view has taken in: the
	// frame that does it recomputes the maps and the guess and draws them
	// on the next (the page's frame clock counts it as a frame).
	Taken uint64

	said      string    // the message Poll last reported
	pressed   bool      // Train was pressed once: the hook reports training
	run       *Settings // what the backend's run started with, nil for none
	fresh     bool      // a start was sent: reports of the run before it are dropped until its step 0
	busy      bool      // the last report says the backend was training (Settled)
	dataAsked bool
	dataReady bool

	mu    sync.Mutex
	inbox []Event
}

// New is a session with the default settings and no backend.
func New() *Session { return &Session{Settings: DefaultSettings()} }

// Post queues a backend's event for the next Poll; safe from any goroutine.
func (s *Session) Post(e Event) {
	s.mu.Lock()
	s.inbox = append(s.inbox, e)
	s.mu.Unlock()
}

// Poll applies the queued events; weights reports that new weights came
// (s.Weights), changed that anything did.
func (s *Session) Poll() (weights, changed bool) {
	s.mu.Lock()
	events := s.inbox
	s.inbox = nil
	s.mu.Unlock()
	for _, e := range events {
		if s.apply(e) {
			weights = true
		}
	}
	if len(events) > 0 {
		s.Version++
	}
	return weights, len(events) > 0
}

// NewMessage is the message (Err) that came since the last call, "" for
// none: the view shows it in the header's notice too.
func (s *Session) NewMessage() string {
	if s.Err == s.said {
		return ""
	}
	s.said = s.Err
	return s.Err
}

// Train starts a run from the seed or resumes the paused one; the first
// time it asks for the data file.
func (s *Session) Train() {
	if !s.available() || s.Phase == Running || s.Phase == Loading {
		return
	}
	s.pressed = true
	if s.run == nil {
		if !s.start() {
			return
		}
	} else {
		s.Backend.Send(livetrain.Message{Resume: true})
	}
	s.Phase = Running
	if !s.dataReady {
		s.Phase = Loading
		if !s.dataAsked {
			s.dataAsked, s.Loaded, s.Total, s.Err = true, 0, 0, ""
			s.Backend.LoadData()
		}
	}
	s.Version++
}

// Pause stops training; the weights stay.
func (s *Session) Pause() {
	if s.Phase != Running && s.Phase != Loading {
		return
	}
	s.Backend.Send(livetrain.Message{Pause: true})
	s.Phase = Paused
	s.Version++
}

// Reset makes a fresh network from the seed with the current settings,
// paused at step 0; the curves and the filter history start over.
func (s *Session) Reset() {
	if !s.available() || !s.start() {
		return
	}
	s.Backend.Send(livetrain.Message{Pause: true})
	if s.Phase != Failed {
		s.Phase = Paused
	}
	s.Version++
}

// start sends a start message with the settings and forgets the last run.
func (s *Session) start() bool {
	cfg, err := s.Settings.config()
	if err != nil {
		s.Err = err.Error()
		s.Version++
		return false
	}
	s.Backend.Send(livetrain.Message{Start: &cfg})
	run := s.Settings
	s.run, s.fresh = &run, true
	s.Step, s.Epoch, s.ImagesPerS, s.Loss = 0, 0, 0, 0
	s.Losses, s.Accuracy, s.Snapshots, s.Err = nil, nil, nil, ""
	return true
}

func (s *Session) available() bool {
	if s.Backend == nil {
		s.Err = s.Lang.T(i18n.TrainNotInBuild)
		s.Version++
		return false
	}
	return true
}

// Pending says that the settings differ from the run's: Reset applies them.
func (s *Session) Pending() bool { return s.run != nil && *s.run != s.Settings }

// SetOptimizer picks an optimizer with its default learning rate.
func (s *Session) SetOptimizer(o Optimizer) {
	s.Settings.Optimizer, s.Settings.LR = o, o.DefaultLR()
	s.Version++
}

// StepLR and StepBatch move the learning rate and the batch size to the
// next value up (dir 1) or down (−1).
func (s *Session) StepLR(dir int) {
	s.Settings.LR = stepIn(LRs, s.Settings.LR, dir)
	s.Version++
}

func (s *Session) StepBatch(dir int) {
	s.Settings.Batch = stepIn(Batches, s.Settings.Batch, dir)
	s.Version++
}

// apply takes one event in; it reports new weights.
func (s *Session) apply(e Event) bool {
	switch {
	case e.Progress != nil:
		return s.progress(e.Progress)
	case e.Test != nil:
		if !s.fresh {
			s.Accuracy = appendPoint(s.Accuracy, Point{e.Test.Step, e.Test.Accuracy})
		}
	case e.DataReady:
		s.dataReady = true
		if s.Phase == Loading {
			s.Phase = Running
		}
	case e.DataErr != nil:
		s.Phase, s.dataAsked = Failed, false
		s.Err = s.Lang.Sprintf(i18n.TrainDataFailed, e.DataErr)
		if s.run != nil {
			s.Backend.Send(livetrain.Message{Pause: true})
		}
	case e.Err != nil:
		s.Err = i18n.Text(s.Lang, e.Err)
		if strings.Contains(s.Err, "training stopped") && s.Phase == Running {
			s.Phase = Paused // livetrain stopped it (the phase follows the buttons, not reports in flight)
		}
	default:
		s.Loaded, s.Total = e.Loaded, e.Total
	}
	return false
}

// progress takes a progress report in, unless it is of a run before the
// last start.
func (s *Session) progress(p *livetrain.Progress) bool {
	if s.fresh && p.Step != 0 {
		return false
	}
	s.fresh = false
	s.Step, s.Epoch, s.Loss = p.Step, p.Epoch, p.Loss
	if p.ImagesPerS > 0 {
		s.ImagesPerS = p.ImagesPerS
	}
	if p.Step > 0 && (len(s.Losses) == 0 || s.Losses[len(s.Losses)-1].Step < p.Step) {
		s.Losses = appendPoint(s.Losses, Point{p.Step, p.Loss})
	}
	if p.Snapshot {
		s.snapshot(p)
	}
	s.Weights, s.busy = p.Weights, p.Running
	return true
}

// Settled says that training is stopped and the backend said so: its
// last report, weights included, is in (a pause is read between slices,
// so a report in flight can follow the button).
func (s *Session) Settled() bool { return s.Phase != Running && s.Phase != Loading && !s.busy }

// snapshot keeps conv1 at a filter-history step.
func (s *Session) snapshot(p *livetrain.Progress) {
	var snap = Snapshot{Step: p.Step}
	for _, w := range p.Weights {
		switch w.Name {
		case "conv1.weight":
			snap.Weight = w.Tensor.Clone()
		case "conv1.bias":
			snap.Bias = w.Tensor.Clone()
		}
	}
	if snap.Weight == nil || snap.Bias == nil {
		return
	}
	for i, old := range s.Snapshots {
		if old.Step == p.Step {
			s.Snapshots[i] = snap
			return
		}
	}
	s.Snapshots = append(s.Snapshots, snap)
}

// appendPoint adds p to a curve, halving its detail past maxPoints.
func appendPoint(c []Point, p Point) []Point {
	c = append(c, p)
	if len(c) > maxPoints {
		n := 0
		for i := 0; i < len(c); i += 2 {
			c[n] = c[i]
			n++
		}
		if c[n-1] != p {
			c[n] = p
			n++
		}
		c = c[:n]
	}
	return c
}

// Report is the hook's training field: {running, settled, step,
// images_per_s, loss, test_accuracy} (loss and test_accuracy null before
// there is one; settled: Settled),
// nil before the first Train.
func (s *Session) Report() map[string]any {
	if !s.pressed {
		return nil
	}
	m := map[string]any{"running": s.Phase == Running, "settled": s.Settled(), "step": s.Step, "images_per_s": s.ImagesPerS, "loss": nil, "test_accuracy": nil}
	if s.Step > 0 {
		m["loss"] = s.Loss
	}
	if n := len(s.Accuracy); n > 0 {
		m["test_accuracy"] = s.Accuracy[n-1].Value
	}
	return m
}
