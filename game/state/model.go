package state

import (
	"strconv"
	"strings"

	"convplayground/nn"
)

// Model is the trained MNIST network (package nn): its first layer is a
// learned filter bank, and it predicts the drawn digit live.
type Model struct {
	Net     *nn.Net
	Err     error     // why the network is unavailable (then presets only)
	Pre     []float32 // the canvas framed as MNIST digits are (what the net sees)
	Probs   [10]float32
	Guess   int // most probable digit, −1 when the canvas is empty or on error
	PredErr error

	canvasVer uint64
}

// loadModel attaches the embedded trained network, keeping the error when
// it is missing or malformed: the playground then works with presets.
func (s *State) loadModel() {
	s.Model.Net, s.Model.Err = nn.Default()
	s.Model.Guess = -1
}

// LoadLearned puts the trained network's 20 first-layer filters into the
// bank. Without a network it says why, and the bank stays as it was.
func (s *State) LoadLearned() bool {
	if s.Model.Net == nil {
		s.Notice = "learned filters unavailable: " + s.Model.Unavailable()
		return false
	}
	w, b := s.Model.Net.Conv1()
	if err := s.LoadFilters(Learned, w, b); err != nil {
		s.Notice = "learned filters: " + err.Error()
		return false
	}
	return true
}

// Unavailable says why there is no network, "" when there is one.
func (m *Model) Unavailable() string {
	switch {
	case m.Net != nil:
		return ""
	case m.Err == nil:
		return "no network"
	}
	return m.Err.Error()
}

// predict runs the network on the canvas when the canvas changed.
func (s *State) predict() {
	m := &s.Model
	if m.Net == nil || m.canvasVer == s.canvasVer {
		return
	}
	m.canvasVer = s.canvasVer
	m.Guess, m.PredErr = -1, nil
	pre, err := nn.Preprocess(s.Canvas[:])
	if err != nil {
		m.PredErr = err
		return
	}
	m.Pre = pre
	if s.Canvas.ink() < 1 { // an empty canvas has no digit to guess
		m.Probs = [10]float32{}
		return
	}
	if m.Probs, err = m.Net.Predict(pre); err != nil {
		m.PredErr = err
		return
	}
	m.Guess = nn.Argmax(m.Probs[:])
}

// ShapeChain is the network layer by layer for a batch of N, as one line:
// each layer that changes the shape, and the shape it makes.
func (s *State) ShapeChain() string {
	if s.Model.Net == nil {
		return ""
	}
	var parts []string
	prev := ""
	for _, st := range s.Model.Net.ShapeChain(1) {
		d := make([]string, len(st.Shape))
		for i, v := range st.Shape[1:] {
			d[i+1] = strconv.Itoa(v)
		}
		d[0] = "N"
		sh := "[" + strings.Join(d, ",") + "]"
		if sh != prev {
			parts = append(parts, st.Name+" "+sh)
		}
		prev = sh
	}
	return strings.Join(parts, " → ")
}
