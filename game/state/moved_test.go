package state

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// A learned-filter edit that moves the guess says how much (issue 20,
// item 10): "7: 99.90 % → 99.56 %"; a stroke says nothing.
func TestGuessMovedByAnEdit(t *testing.T) {
	s := New()
	s.Input.PickDigit(0)
	if !s.Trained.LoadLearned() {
		t.Skip("no learned filters:", s.Notice)
	}
	s.Recompute()
	if s.Model.Moved != "" {
		t.Errorf("moved %q before any edit", s.Model.Moved)
	}
	s.Bank.SetWeight(3, 0, 2, 2, 2)
	s.Recompute()
	if !regexp.MustCompile(`^7: \d+\.\d\d % → \d+\.\d\d %`).MatchString(s.Model.Moved) {
		t.Errorf("after a weight edit: moved %q", s.Model.Moved)
	}
	s.Canvas[0] = 1
	s.Version++
	s.Recompute()
	if s.Model.Moved != "" {
		t.Errorf("after a stroke: moved %q", s.Model.Moved)
	}
}

// Edits in a row (a drag) say the move since the first.
func TestGuessMovedByADrag(t *testing.T) {
	s := New()
	s.Input.PickDigit(0)
	if !s.Trained.LoadLearned() {
		t.Skip("no learned filters:", s.Notice)
	}
	s.Recompute()
	start := s.Model.Probs[s.Model.Guess]
	for _, v := range []float64{1, 2, 3} {
		s.Bank.SetWeight(3, 0, 2, 2, v)
		s.Recompute()
	}
	want := fmt.Sprintf("7: %.2f %% →", 100*start)
	if !strings.HasPrefix(s.Model.Moved, want) {
		t.Errorf("after three edits: moved %q, want it to start %q", s.Model.Moved, want)
	}
}
