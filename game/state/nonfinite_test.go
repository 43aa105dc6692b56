package state

import (
	"math"
	"strings"
	"testing"
)

// hugeDigit is a 1x28x28 .npy whose ink is near float32's largest value:
// accepted (every value is finite), but sums over it overflow.
func hugeDigit(t *testing.T) []byte {
	vals := make([]float32, Size*Size)
	for y := 8; y < 20; y++ {
		for x := 10; x < 18; x++ {
			vals[y*Size+x] = 3e38
		}
	}
	return npyFile(t, []int{1, 1, Size, Size}, vals)
}

func TestNonFiniteResult(t *testing.T) {
	s := fresh(t)
	if err := s.Input.LoadNPY("huge.npy", hugeDigit(t)); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	if !strings.Contains(s.Notice, "overflowed float32") {
		t.Errorf("notice %q, want one saying the result overflowed float32", s.Notice)
	}
	// Count what the maps hold, and compare with what the state reports.
	total := 0
	for ch := 0; ch < s.Out.Shape[1]; ch++ {
		n := 0
		for _, v := range s.Out.Plane(0, ch) {
			if math.IsInf(float64(v), 0) || math.IsNaN(float64(v)) {
				n++
			}
		}
		if got := nonFinite(s, ch); got != n {
			t.Errorf("map %d: NonFinite %d, the map holds %d", ch, got, n)
		}
		total += n
		if !finite(s.MapMin[ch]) || !finite(s.MapMax[ch]) {
			t.Errorf("map %d: range %v..%v is not finite", ch, s.MapMin[ch], s.MapMax[ch])
		}
	}
	if total == 0 {
		t.Fatal("no map overflowed: the test input is too small")
	}
	h := hookOf(t, s)
	if !finite(h.Min) || !finite(h.Max) {
		t.Errorf("hook min %v max %v, want finite numbers (JSON has no Inf: they would be null)", h.Min, h.Max)
	}
	if h.NonFinite != total {
		t.Errorf("hook nonfinite = %v, want %d", h.NonFinite, total)
	}
	if s.Model.Guess != -1 || s.Model.PredErr == nil || !strings.Contains(s.Model.PredErr.Error(), "overflow") {
		t.Errorf("guess %d, error %v: want no guess and why", s.Model.Guess, s.Model.PredErr)
	}
	// Only the identity filter: finite maps, and the held guess is back.
	guess := s.fin.guess
	for s.Step(SetOut, -1) {
	}
	s.Recompute()
	if s.NonFiniteTotal() != 0 || s.Model.Guess != guess || s.Model.PredErr != nil {
		t.Errorf("identity filter only: nonfinite %d, guess %d (held %d), error %v", s.NonFiniteTotal(), s.Model.Guess, guess, s.Model.PredErr)
	}
	for s.OutChannels < 8 {
		s.Step(SetOut, +1)
	}
	s.Recompute()
	if s.Model.Guess != -1 {
		t.Errorf("the 8 filters overflow again, but the guess is %d", s.Model.Guess)
	}
	// A normal digit again: no notice, no count, a guess.
	s.Input.PickDigit(0)
	s.Recompute()
	if s.Notice != "" || nonFinite(s, 0) != 0 || hookOf(t, s).NonFinite != 0 || s.Model.Guess < 0 {
		t.Errorf("after a real digit: notice %q, nonfinite %d, guess %d", s.Notice, nonFinite(s, 0), s.Model.Guess)
	}
}

func finite(v float32) bool { return !math.IsInf(float64(v), 0) && !math.IsNaN(float64(v)) }
