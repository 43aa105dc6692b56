package state

import (
	"convplayground/game/preset"
	"errors"
	"strings"
	"testing"
)

// Without a trained network the learned set is refused with the reason and
// nothing changes; the presets keep working.
func TestLearnedFallback(t *testing.T) {
	s := fresh(t)
	s.Model = Model{Err: errors.New("nn: trained weights mnist_lenet.bin are not embedded"), Guess: -1}
	before := s.Filters[0].W[0]
	if s.Trained.LoadLearned() || s.Notice == "" || s.Filters[0].W[0] != before || s.Filters[0].Preset == preset.Learned {
		t.Errorf("learned set without a network: ok, notice %q", s.Notice)
	}
	if h := hookOf(t, s); h.ModelError == "" || h.Prediction != -1 {
		t.Errorf("hook: model error %q prediction %d", h.ModelError, h.Prediction)
	}
	s.Step(SetStride, +1)
	s.Recompute()
	if s.Err != nil {
		t.Error(s.Err)
	}
}

// With the committed network: its conv1 in the bank, and real MNIST test
// digits recognised live.
func TestLearnedFiltersAndPrediction(t *testing.T) {
	s := fresh(t)
	if s.Model.Net == nil {
		t.Skipf("no trained network yet: %v", s.Model.Err)
	}
	if !s.Trained.LoadLearned() {
		t.Fatal(s.Notice)
	}
	w, b := s.Model.Net.Conv1()
	if s.OutChannels != 20 || s.Kernel != 5 || !equal(s.Filters[7].W, w.Data[7*25:8*25]) || s.Filters[7].B != b.Data[7] {
		t.Error("bank is not the network's conv1")
	}
	s.Recompute()
	if s.Err != nil || s.Out.Shape[1] != 20 {
		t.Fatalf("learned bank: %v", s.Err)
	}
	right := 0
	for i := 0; i < 50; i++ {
		s.Input.PickDigit(i)
		s.Recompute()
		if s.Model.Guess == s.Digits[i].Label {
			right++
		}
	}
	if right < 47 {
		t.Errorf("%d of 50 MNIST test digits recognised, want >= 47", right)
	}
	s.Input.Clear()
	s.Recompute()
	if s.Model.Guess != -1 {
		t.Errorf("an empty canvas is guessed as %d", s.Model.Guess)
	}
	if c := s.Export.ShapeChain(); !strings.HasPrefix(c, "input [N,1,28,28] → conv1 [N,20,28,28] → pool1 [N,20,14,14] → conv2") ||
		!strings.HasSuffix(c, "fc2 [N,10]") {
		t.Errorf("shape chain %q", c)
	}
}
