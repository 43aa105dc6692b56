package state

import (
	"math"

	"convplayground/conv"
)

// What only the tests ask the state: the sum a learner would do for one
// cell, the layer's shapes, the groups stepper's verdicts, one map's
// non-finite count, leaving the step-through.

// explainSum recomputes output cell (ch, oy, ox) of the shown maps by hand, as
// the learner would: the sum of weight × input over the window's taps (and
// the input channels), plus the bias. Padding taps read what the padding
// mode puts there. ok is false outside the output or while the shown maps
// belong to other settings than the current filters.
func explainSum(s *State, ch, oy, ox int) (sum, bias float32, ok bool) {
	taps := s.Teach.Window(oy, ox)
	k := s.OutConv.Kernel[0]
	if taps == nil || ch < 0 || ch >= s.Out.Shape[1] || s.Err != nil || s.OutConv.InChannels != s.cin() || k != s.Kernel {
		return 0, 0, false
	}
	w := s.Filters[ch].W
	for c := 0; c < s.Bank.cpg(); c++ {
		for _, t := range taps {
			if t.SrcY < 0 {
				continue // zero padding
			}
			sum += w[(c*k+t.KY)*k+t.KX] * s.InputValue(s.Bank.InputChannel(ch, c), t.SrcY, t.SrcX)
		}
	}
	return sum, s.Filters[ch].B, true
}

// Layer is the layer's tensors for the current settings, input and batch
// N, as nn.Conv2d(...)(x) would make them in PyTorch (the conv core's
// Geometry): for the examples' check.
type Layer struct {
	Input, Weight, Bias []int
	Output              []int     // nil while PyTorch rejects the layer
	Formula             [2]string // H_out and W_out with the numbers in (conv.Geometry.Formula)
	Err                 error     // PyTorch's message for a rejected layer
}

// layerOf computes the layer's shapes (no convolution).
func layerOf(s *State) Layer {
	l := Layer{Input: []int{max(1, s.Batch), s.C(), s.H(), s.W()}, Weight: s.Bank.WeightShape(), Bias: []int{s.OutChannels}}
	g, err := s.Conv2d().Geometry(l.Input)
	if err != nil {
		l.Err = err
		return l
	}
	l.Output = g.Output
	l.Formula = [2]string{g.Formula(0), g.Formula(1)}
	return l
}

// GroupChoice is one value of the groups stepper.
type GroupChoice struct {
	Groups int
	// Err is PyTorch's message for this value with the current in and out
	// channels ("in_channels must be divisible by groups", ...), "" when
	// nn.Conv2d accepts it.
	Err string
}

// groupChoices lists every value the groups stepper reaches, MinGroups
// to the larger of in_channels and out_channels, with what PyTorch says
// of each (the conv core's checks, in nn.Conv2d's order).
func groupChoices(s *State) []GroupChoice {
	var cs []GroupChoice
	for g := MinGroups; g <= SettingTable[SetGroups].Max(s.Settings, s.cin()); g++ {
		c := conv.New(s.cin(), s.OutChannels, 1, 1, 0)
		c.Groups = g
		gc := GroupChoice{Groups: g}
		if err := c.Validate(); err != nil {
			gc.Err = err.Error()
		}
		cs = append(cs, gc)
	}
	return cs
}

// nonFinite is how many values of shown map ch are ±Inf or NaN.
func nonFinite(s *State, ch int) int {
	if ch < 0 || ch >= len(s.fin.counts) {
		return 0
	}
	return s.fin.counts[ch]
}

// stopStepping leaves the step-through: no window, the maps whole.
func stopStepping(s *State) {
	s.Player.stepping, s.Player.playing = false, false
}

// near is the explanation's float64 sum against the core's float32 value.
func near(sum float64, y float32) bool {
	return math.Abs(sum-float64(y)) <= 1e-5*max(1, math.Abs(float64(y)))
}
