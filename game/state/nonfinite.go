package state

import (
	"convplayground/i18n"
)

// Finite inputs near float32's limit (a dropped .npy with values about
// ±3.4e38) overflow in the sums: ±Inf, and Inf − Inf is NaN. The maps
// keep those values (they are what float32 PyTorch computes too), and the
// state says so: a notice, a count per map for the view to mark them, a
// range (Min, Max, MapMin, MapMax) over the finite values only so that the
// colour scale still spans the rest, and no guess from the network.

// errGuessOverflow is why the network does not guess while the canvas's
// maps overflow: its values are far outside the [0, 1] it was trained on
// (Preprocess would clamp them, and the guess would be of another picture).
var errGuessOverflow = i18n.Errorf(i18n.GuessOverflow) // a sentence as the view shows it

// finiteCheck is what checkFinite keeps.
type finiteCheck struct {
	counts []int // per map of Out: values that are ±Inf or NaN
	guess  int   // the network's guess, held back while the maps overflow
}

// NonFiniteTotal is how many values of the shown maps are ±Inf or NaN.
func (s *State) NonFiniteTotal() int {
	n := 0
	for _, c := range s.fin.counts {
		n += c
	}
	return n
}

// checkFinite follows Recompute: when it produced new maps, it counts
// their non-finite values; then it holds back or gives back the guess.
func (s *State) checkFinite(outVer uint64) {
	if s.Out != nil && s.OutVersion != outVer { // else the shown maps and counts are the earlier ones
		s.countNonFinite()
	}
	m := &s.Trained.Model
	over := !s.Input.Photo && s.NonFiniteTotal() > 0 // the canvas's maps overflowed
	switch {
	case over && m.PredErr == nil:
		s.fin.guess, m.Guess, m.PredErr = m.Guess, -1, errGuessOverflow
	case !over && m.PredErr == errGuessOverflow:
		m.Guess, m.PredErr = s.fin.guess, nil
	}
}

// countNonFinite says when the new maps have non-finite values (mapRanges
// counted them and kept the ranges to the finite ones).
func (s *State) countNonFinite() {
	total := s.NonFiniteTotal()
	if total == 0 {
		return
	}
	shown := s.Out.Len() / s.Out.Shape[0] // the shown sample's maps
	msg := s.Lang.Sprintf(i18n.NoticeOverflow, total, shown)
	if s.Notice != "" {
		msg = s.Notice + "; " + msg
	}
	s.Notice = msg
}
