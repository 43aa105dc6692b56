package state

import (
	"convplayground/game/preset"
	"strconv"
	"strings"

	"convplayground/assets"
	"convplayground/conv"
	"convplayground/i18n"
	"convplayground/nn"
)

// Model is the trained MNIST network (package nn): its first layer is a
// learned filter bank, and it predicts the selected sample live (guess.go).
type Model struct {
	Net   *nn.Net
	Err   error     // why the network is unavailable (then presets only)
	Pre   []float32 // what the net sees: a 28x28 sample framed as MNIST digits are, or a photo as it is; in [0, 1]
	Probs [10]float32
	Guess int // most probable digit, −1 when the sample is empty or on error
	// PredErr says why there is no guess; with the learned set, when the
	// network cannot run on the layer on screen, it names the layer that
	// refuses and PyTorch's message (Chain has both apart).
	PredErr error
	// OnScreen: the network's conv1 is the layer on screen (the bank holds
	// learned filters), so edits, settings and normalisation move the guess.
	// Otherwise a separately trained copy guesses, with its own conv1.
	OnScreen bool
	Chain    nn.Chain // the network on the input batch, conv1 the layer on screen (when OnScreen)
	// Moved says how the last edit of the filters on screen (OnScreen)
	// moved the guess, "7: 99.90 % → 99.56 %" (", now 1" when it changed);
	// "" after anything else. Edits in a row (a drag) count from the
	// probabilities before the first, movedFrom.
	Moved      string
	movedFrom  [10]float32
	movedGuess int

	netChain []nn.Stage   // the network's own layers' shapes (its conv1), made once: asked every frame
	key      guessKey     // what the last guess was made for
	chainFor chainKey     // what Chain was followed for
	x        *conv.Tensor // the network's input [1,C,H,W] when OnScreen
}

// loadModel attaches the embedded trained network, keeping the error when
// it is missing or malformed: the playground then works with presets.
func (tn *Trained) loadModel() {
	s := tn.s
	b, _ := assets.FS.ReadFile(nn.DefaultFile) // none: Default says so
	s.Trained.Model.Net, s.Trained.Model.Err = nn.Default(b)
	s.Trained.Model.Guess = -1
}

// LoadLearned puts the trained network's 20 first-layer filters into the
// bank. Without a network it says why, and the bank stays as it was.
func (tn *Trained) LoadLearned() bool {
	s := tn.s
	if s.Trained.Model.Net == nil {
		s.Notice = s.Lang.Sprintf(i18n.LearnedUnavailable, s.Trained.Model.Unavailable())
		return false
	}
	defer s.History.record("Learned filters", "", "")()
	w, b := s.Trained.Model.Net.Conv1()
	if err := s.Bank.LoadFilters(preset.Learned, w, b); err != nil {
		s.Notice = s.Lang.Sprintf(i18n.LearnedError, err)
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

// predict runs the network on the selected sample when it or, with the
// learned set, the layer changed.
func (tn *Trained) predict() {
	s := tn.s
	m := &s.Trained.Model
	if m.Net == nil || s.Net.Trained && !s.Input.Photo || !s.Trained.newGuess() { // the trained network on screen guesses itself (netGuess)
		return
	}
	m.Guess, m.PredErr = -1, nil
	pre, err := s.Trained.netSample()
	if err != nil {
		m.PredErr = err
		return
	}
	m.Pre = pre
	if sum32(pre) < 1 { // an empty sample has no digit to guess
		m.Probs = [10]float32{}
		return
	}
	if m.Probs, err = s.Trained.runNet(pre); err != nil {
		m.PredErr = err
		return
	}
	m.Guess = nn.Argmax(m.Probs[:])
}

// ShapeChain is the network layer by layer for a batch of N, as one line:
// each layer that changes the shape, and the shape it makes; with the
// learned set it follows the layer on screen and ends where a layer refuses.
func (ex *Export) ShapeChain() string {
	s := ex.s
	m := &s.Trained.Model
	if m.Net == nil {
		return ""
	}
	if m.netChain == nil {
		m.netChain = m.Net.ShapeChain(1)
	}
	ch := nn.Chain{Stages: m.netChain}
	if m.OnScreen {
		ch = m.Chain
	}
	var parts []string
	prev := ""
	for _, st := range ch.Stages {
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
	if ch.Broken != "" {
		parts = append(parts, ch.Broken+" refuses")
	}
	return strings.Join(parts, " → ")
}
