package training

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"convplayground/conv"
	"convplayground/livetrain"
	"convplayground/nn/mnistdata"
)

// fake is a backend that records what the session asks of it.
type fake struct {
	sent  []string
	loads int
	start *livetrain.Config
}

func (f *fake) Send(m livetrain.Message) {
	switch {
	case m.Start != nil:
		f.sent, f.start = append(f.sent, "start"), m.Start
	case m.Pause:
		f.sent = append(f.sent, "pause")
	case m.Resume:
		f.sent = append(f.sent, "resume")
	case m.Reset:
		f.sent = append(f.sent, "reset")
	}
}
func (f *fake) LoadData() { f.loads++ }

// progress is a report at step with conv1 weights all v.
func progress(step int, loss float64, running bool, v float32) *livetrain.Progress {
	w := conv.Zeros(20, 1, 5, 5)
	for i := range w.Data {
		w.Data[i] = v
	}
	return &livetrain.Progress{Step: step, Loss: loss, Running: running, Snapshot: slices.Contains([]int{0, 50, 200, 1000}, step),
		Weights: []livetrain.Param{{Name: "conv1.weight", Tensor: w}, {Name: "conv1.bias", Tensor: conv.Zeros(20)}}}
}

// The session's buttons against a backend: what each sends and where it
// leaves the session, a row per sequence.
func TestButtons(t *testing.T) {
	cases := []struct {
		name   string
		do     func(s *Session)
		sent   []string
		loads  int
		phase  Phase
		report bool // the hook reports training
	}{
		{"nothing", func(s *Session) {}, nil, 0, Off, false},
		{"train", func(s *Session) { s.Train() }, []string{"start"}, 1, Loading, true},
		{"train twice", func(s *Session) { s.Train(); s.Train() }, []string{"start"}, 1, Loading, true},
		{"train, data", func(s *Session) { s.Train(); s.Post(Event{DataReady: true}); s.Poll() }, []string{"start"}, 1, Running, true},
		{"train, pause", func(s *Session) { s.Train(); s.Pause() }, []string{"start", "pause"}, 1, Paused, true},
		{"train, pause, train", func(s *Session) { s.Train(); s.Pause(); s.Train() }, []string{"start", "pause", "resume"}, 1, Loading, true},
		{"pause alone", func(s *Session) { s.Pause() }, nil, 0, Off, false},
		{"reset first", func(s *Session) { s.Reset() }, []string{"start", "pause"}, 0, Paused, false},
		{"reset, train", func(s *Session) { s.Reset(); s.Train() }, []string{"start", "pause", "resume"}, 1, Loading, true},
		{"train, reset", func(s *Session) { s.Train(); s.Reset() }, []string{"start", "start", "pause"}, 1, Paused, true},
		{"data fails", func(s *Session) { s.Train(); s.Post(Event{DataErr: errors.New("gzip: invalid header")}); s.Poll() },
			[]string{"start", "pause"}, 1, Failed, true},
		{"trainer stops", func(s *Session) {
			s.Train()
			s.Post(Event{DataReady: true})
			s.Post(Event{Err: errors.New("livetrain: training stopped at step 3: nn: NaN")})
			s.Poll()
		}, []string{"start"}, 1, Paused, true},
		{"data fails, train again", func(s *Session) {
			s.Train()
			s.Post(Event{DataErr: errors.New("gzip: invalid header")})
			s.Poll()
			s.Train()
		}, []string{"start", "pause", "resume"}, 2, Loading, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fake{}
			s := New()
			s.Backend = f
			c.do(s)
			if !slices.Equal(f.sent, c.sent) || f.loads != c.loads || s.Phase != c.phase || (s.Report() != nil) != c.report {
				t.Errorf("sent %v, %d loads, phase %v, report %v; want %v, %d, %v, report %v", f.sent, f.loads, s.Phase, s.Report(), c.sent, c.loads, c.phase, c.report)
			}
		})
	}
}

// The start message carries the settings as torch.optim takes them.
func TestStartConfig(t *testing.T) {
	cases := []struct {
		o        Optimizer
		opt      string
		momentum float64
		lr       float64
	}{{Adam, "adam", 0, 1e-3}, {SGD, "sgd", 0, 0.01}, {SGDMomentum, "sgd", 0.9, 0.01}}
	for _, c := range cases {
		f := &fake{}
		s := New()
		s.Backend = f
		s.SetOptimizer(c.o)
		s.StepBatch(+1)
		s.Settings.Seed = 42
		s.Train()
		want := livetrain.Config{Net: "lenet", Seed: 42, Optimizer: c.opt, LR: c.lr, Momentum: c.momentum, Batch: 64}
		if f.start == nil || *f.start != want {
			t.Errorf("%v: start %+v, want %+v", c.o, f.start, want)
		}
	}
}

// The learner's network goes to the backend as its text; none is the LeNet.
func TestStartNet(t *testing.T) {
	const text = "nn.Sequential(nn.Flatten(), nn.Linear(784, 10))"
	for _, c := range []struct{ net, want string }{{"", livetrain.LeNetPreset}, {text, text}} {
		f := &fake{}
		s := New()
		s.Backend = f
		s.Settings.Net = c.net
		s.Train()
		if f.start == nil || f.start.Net != c.want {
			t.Errorf("net %q: start %+v, want net %q", c.net, f.start, c.want)
		}
	}
}

// The steppers stay on their lists and stop at the ends; a value off the
// list (from a link) steps from its nearest entry.
func TestSteppers(t *testing.T) {
	s := New()
	for range 10 {
		s.StepBatch(+1)
	}
	if s.Settings.Batch != 64 {
		t.Errorf("batch %d after stepping up past the end, want 64", s.Settings.Batch)
	}
	for range 10 {
		s.StepLR(-1)
	}
	if s.Settings.LR != 1e-4 {
		t.Errorf("lr %v after stepping down past the end, want 1e-4", s.Settings.LR)
	}
	s.Settings.LR = 0.002
	s.StepLR(+1)
	if s.Settings.LR != 3e-3 {
		t.Errorf("lr 0.002 stepped up to %v, want 0.003", s.Settings.LR)
	}
}

// Settings livetrain refuses are refused before anything is sent, in its words.
func TestSettingsRefused(t *testing.T) {
	for _, c := range []struct {
		s    Settings
		want string
	}{
		{Settings{Optimizer: Adam, LR: -1, Batch: 8}, "Invalid learning rate: -1"},
		{Settings{Optimizer: Adam, LR: 1e-3, Batch: 65}, "batch size 65 outside 1..64"},
		{Settings{Optimizer: 7, LR: 1e-3, Batch: 8}, "unknown optimizer 7"},
	} {
		f := &fake{}
		s := New()
		s.Backend, s.Settings = f, c.s
		s.Train()
		if len(f.sent) != 0 || !strings.Contains(s.Err, c.want) || s.Phase != Off {
			t.Errorf("%+v: sent %v, error %q, phase %v; want nothing sent and %q", c.s, f.sent, s.Err, s.Phase, c.want)
		}
	}
	s := New()
	s.Train()
	if s.Err != "training is not available in this build" {
		t.Errorf("without a backend: %q", s.Err)
	}
}

// Reports fill the curves and the filter history; reports of a run before
// a reset are dropped until the new run's step 0; a setting changed
// during a run is pending until Reset.
func TestReports(t *testing.T) {
	f := &fake{}
	s := New()
	s.Backend = f
	s.Train()
	for _, e := range []Event{
		{Loaded: 1000, Total: 2000},
		{Progress: progress(0, 0, false, 0.1)},
		{DataReady: true},
		{Progress: progress(20, 2.0, true, 0.2)},
		{Progress: progress(50, 1.5, true, 0.3)},
		{Test: &livetrain.Test{Step: 100, Accuracy: 0.8}},
		{Progress: progress(120, 1.0, true, 0.4)},
	} {
		s.Post(e)
	}
	if w, ch := s.Poll(); !w || !ch {
		t.Fatalf("Poll: weights %v, changed %v", w, ch)
	}
	if s.Phase != Running || s.Step != 120 || s.Loss != 1.0 || s.Loaded != 1000 || s.Total != 2000 {
		t.Errorf("phase %v step %d loss %v loaded %d/%d", s.Phase, s.Step, s.Loss, s.Loaded, s.Total)
	}
	if want := []Point{{20, 2}, {50, 1.5}, {120, 1}}; !slices.Equal(s.Losses, want) {
		t.Errorf("losses %v, want %v", s.Losses, want)
	}
	if want := []Point{{100, 0.8}}; !slices.Equal(s.Accuracy, want) {
		t.Errorf("accuracy %v, want %v", s.Accuracy, want)
	}
	if len(s.Snapshots) != 2 || s.Snapshots[0].Step != 0 || s.Snapshots[1].Step != 50 || s.Snapshots[1].Weight.Data[0] != 0.3 {
		t.Errorf("snapshots %+v, want steps 0 and 50", s.Snapshots)
	}
	r := s.Report()
	if r["running"] != true || r["step"] != 120 || r["loss"] != 1.0 || r["test_accuracy"] != 0.8 {
		t.Errorf("report %v", r)
	}

	s.StepBatch(-1)
	if !s.Pending() {
		t.Error("a new batch size during a run is not pending")
	}
	s.Reset()
	if s.Pending() || s.Step != 0 || s.Losses != nil || s.Snapshots != nil || s.Report()["loss"] != nil {
		t.Errorf("after Reset: pending %v, step %d, losses %v, snapshots %v, report %v", s.Pending(), s.Step, s.Losses, s.Snapshots, s.Report())
	}
	s.Post(Event{Progress: progress(130, 0.9, true, 0.5)}) // in flight before the reset
	s.Post(Event{Test: &livetrain.Test{Step: 200, Accuracy: 0.9}})
	if w, _ := s.Poll(); w || s.Step != 0 || s.Accuracy != nil {
		t.Errorf("a report of the old run was taken: weights %v, step %d, accuracy %v", w, s.Step, s.Accuracy)
	}
	s.Post(Event{Progress: progress(0, 0, false, 0.6)})
	if w, _ := s.Poll(); !w || s.Phase != Paused || len(s.Snapshots) != 1 || s.Snapshots[0].Weight.Data[0] != 0.6 {
		t.Errorf("the new run's step 0: weights %v, phase %v, snapshots %+v", w, s.Phase, s.Snapshots)
	}
}

// A curve keeps at most maxPoints, its first and last among them.
func TestCurveBounded(t *testing.T) {
	var c []Point
	for i := range 5000 {
		c = appendPoint(c, Point{i, float64(i)})
	}
	if len(c) > maxPoints || c[0].Step != 0 || c[len(c)-1].Step != 4999 || !slices.IsSortedFunc(c, func(a, b Point) int { return a.Step - b.Step }) {
		t.Errorf("%d points from %v to %v", len(c), c[0], c[len(c)-1])
	}
}

// blocks is a data file of digits that are blocks of light in a digit's
// place: learnable in a few dozen steps.
func blocks(t *testing.T, n int) []byte {
	t.Helper()
	im := func(n int) mnistdata.Images {
		var im mnistdata.Images
		for i := range n {
			d := i % 10
			img := make([]byte, mnistdata.Pixels)
			for y := 2 + d*2; y < 6+d*2; y++ {
				for x := 4; x < 24; x++ {
					img[y*28+x] = 255
				}
			}
			im.Pixels = append(im.Pixels, img...)
			im.Labels = append(im.Labels, byte(d))
		}
		return im
	}
	var b bytes.Buffer
	if err := mnistdata.Encode(&b, &mnistdata.Set{Train: im(n), Test: im(50)}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pollUntil polls s until cond holds, failing after a generous minute
// (a condition, not a timing: the machine may be slow).
func pollUntil(t *testing.T, s *Session, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(time.Minute); !cond(); time.Sleep(5 * time.Millisecond) {
		s.Poll()
		if time.Now().After(end) {
			t.Fatalf("waiting for %s: phase %v, step %d, error %q", what, s.Phase, s.Step, s.Err)
		}
	}
}

// Local trains in its goroutine: Train loads the data and the step grows
// with a finite, falling loss; Pause holds the weights; Reset goes back
// to the seed's weights.
func TestLocalTrains(t *testing.T) {
	file := blocks(t, 400)
	s := New()
	s.Settings.Batch = 8
	s.Backend = NewLocal(s.Post, func() ([]byte, error) { return file, nil })
	s.Reset()
	pollUntil(t, s, "step 0's weights", func() bool { return s.Weights != nil })
	start := slices.Clone(s.Weights[0].Tensor.Data)
	s.Train()
	pollUntil(t, s, "60 steps", func() bool { return s.Step >= 60 && len(s.Losses) >= 2 })
	first, last := s.Losses[0].Value, s.Losses[len(s.Losses)-1].Value
	if math.IsNaN(last) || math.IsInf(last, 0) || !(last < first) {
		t.Errorf("loss from %v to %v: want finite and falling", first, last)
	}
	if s.Loaded != int64(len(file)) || s.Total != int64(len(file)) {
		t.Errorf("loaded %d of %d bytes, want %d", s.Loaded, s.Total, len(file))
	}
	s.Pause()
	if s.Phase != Paused || s.Report()["running"] != false {
		t.Errorf("after Pause: phase %v, report %v", s.Phase, s.Report())
	}
	for end := time.Now().Add(time.Minute); !s.Settled(); time.Sleep(5 * time.Millisecond) {
		s.Poll() // until the slice under way ends and reports
		if time.Now().After(end) {
			t.Fatal("the backend never reported the pause")
		}
	}
	if s.Report()["settled"] != true {
		t.Errorf("settled, yet the report says %v", s.Report())
	}
	held := slices.Clone(s.Weights[0].Tensor.Data)
	step := s.Step
	time.Sleep(200 * time.Millisecond) // two slices' time: a running worker would have reported
	s.Poll()
	if s.Step != step || !slices.Equal(s.Weights[0].Tensor.Data, held) {
		t.Errorf("paused at step %d, now %d; weights changed %v", step, s.Step, !slices.Equal(s.Weights[0].Tensor.Data, held))
	}
	if slices.Equal(held, start) {
		t.Error("training left conv1 as it started")
	}
	s.Reset()
	pollUntil(t, s, "the reset's step 0", func() bool { return s.Step == 0 && s.Weights != nil && !s.fresh })
	if !slices.Equal(s.Weights[0].Tensor.Data, start) {
		t.Error("Reset did not bring back the seed's conv1")
	}
}

// A damaged or missing data file fails with a message; training stays off.
func TestLocalBadData(t *testing.T) {
	for _, c := range []struct {
		name string
		data func() ([]byte, error)
		want string
	}{
		{"missing", func() ([]byte, error) { return nil, errors.New("open assets/mnist12k.bin.gz: no such file") }, "no such file"},
		{"html", func() ([]byte, error) { return []byte("<html>404</html>"), nil }, "MNIST data"},
		{"cut", func() ([]byte, error) { b := blocks(t, 20); return b[:len(b)/2], nil }, "MNIST data"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := New()
			s.Backend = NewLocal(s.Post, c.data)
			s.Train()
			pollUntil(t, s, "the failure", func() bool { return s.Phase == Failed })
			if !strings.Contains(s.Err, "could not be loaded") || !strings.Contains(s.Err, c.want) {
				t.Errorf("error %q, want the data's message with %q", s.Err, c.want)
			}
			if s.Report()["running"] != false {
				t.Errorf("report %v", s.Report())
			}
			if m := s.NewMessage(); m != s.Err || s.NewMessage() != "" {
				t.Errorf("NewMessage gave %q, then again %q; want the error once", m, s.NewMessage())
			}
		})
	}
}
