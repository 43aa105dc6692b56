package state

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"convplayground/nn"
)

// learned is a playground showing MNIST test digit 0 through the learned set.
func learned(t *testing.T) *State {
	t.Helper()
	s := fresh(t)
	if !s.Trained.LoadLearned() {
		t.Skip(s.Notice)
	}
	s.Input.PickDigit(0)
	s.Recompute()
	if !s.Model.OnScreen || s.Model.Guess != s.Digits[0].Label {
		t.Fatalf("learned set: on screen %v, guess %d for a %d (%v)", s.Model.OnScreen, s.Model.Guess, s.Digits[0].Label, s.Model.PredErr)
	}
	return s
}

// With the learned set the network's conv1 is the layer on screen: as
// loaded it guesses what the network itself does; zeroing a filter, editing
// a bias or normalising the input moves the probabilities.
func TestGuessFollowsLearnedLayer(t *testing.T) {
	s := learned(t)
	own, err := s.Model.Net.Predict(s.Model.Pre)
	if err != nil || own != s.Model.Probs {
		t.Fatalf("the learned layer's guess %v, the network's own %v (%v)", s.Model.Probs, own, err)
	}
	steps := []struct {
		what string
		do   func()
	}{
		{"zero filter 3", func() {
			for ky := 0; ky < 5; ky++ {
				for kx := 0; kx < 5; kx++ {
					s.Bank.SetWeight(3, 0, ky, kx, 0)
				}
			}
		}},
		{"bias of filter 7", func() { s.Bank.SetBias(7, 2) }},
		{"normalize", func() { s.Input.SetNormalize(true) }},
	}
	for _, st := range steps {
		before := s.Model.Probs
		st.do()
		s.Recompute()
		if s.Model.Probs == before || !s.Model.OnScreen || s.Model.PredErr != nil {
			t.Errorf("%s: probabilities %v did not move (err %v)", st.what, s.Model.Probs, s.Model.PredErr)
		}
	}
	s.Bank.ResetBank()
	s.Recompute()
	if s.Model.OnScreen || s.Model.Probs != own {
		t.Errorf("presets: on screen %v, probs %v; the separately trained copy says %v", s.Model.OnScreen, s.Model.Probs, own)
	}
}

// chainCase is a case of nn/testdata/torch_chain.json (scripts/nn_golden.py).
type chainCase struct {
	OutChannels                       int `json:"out_channels"`
	Kernel, Stride, Padding, Dilation int
	PaddingString                     string `json:"padding_string"`
	PaddingMode                       string `json:"padding_mode"`
	Input                             []int
	Stages                            [][]any
	Broken, Error                     string
}

func torchChain(t *testing.T) []chainCase {
	t.Helper()
	b, err := os.ReadFile("../../nn/testdata/torch_chain.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Cases []chainCase }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Cases
}

// The settings on screen change what conv1 hands on: the chain follows
// layer by layer and the guess is refused where PyTorch refuses, with its
// message; kernel 3 with padding 2 (30x30) still fits fc1.
func TestGuessChainAgainstPyTorch(t *testing.T) {
	cases := torchChain(t)
	for _, set := range []struct {
		stride, kernel int
		broken         string
	}{{2, 5, "fc1"}, {3, 5, "pool2"}, {4, 5, "conv2"}, {1, 3, ""}} {
		s := learned(t)
		for s.Stride < set.stride {
			s.Step(SetStride, +1)
		}
		for s.Kernel > set.kernel {
			s.Step(SetKernel, -1)
		}
		s.Recompute()
		i := slices.IndexFunc(cases, func(c chainCase) bool {
			return c.Stride == set.stride && c.Kernel == set.kernel && c.Padding == 2 && c.PaddingString == "" &&
				c.OutChannels == 20 && c.Dilation == 1 && c.PaddingMode == "zeros" && slices.Equal(c.Input, []int{1, 1, 28, 28})
		})
		if i < 0 {
			t.Fatalf("no fixture for stride %d kernel %d", set.stride, set.kernel)
		}
		c, m := cases[i], s.Model
		if c.Broken != set.broken || m.Chain.Broken != c.Broken || len(m.Chain.Stages) != len(c.Stages) {
			t.Fatalf("%s: chain %v broken at %q, torch %v at %q", s.Export.Code(), m.Chain.Stages, m.Chain.Broken, c.Stages, c.Broken)
		}
		if c.Broken == "" {
			if m.PredErr != nil || m.Guess < 0 || !slices.Equal(m.Chain.Stages[1].Shape, []int{1, 20, 30, 30}) {
				t.Errorf("%s: guess %d (%v), conv1 %v", s.Export.Code(), m.Guess, m.PredErr, m.Chain.Stages[1].Shape)
			}
			continue
		}
		want := "the network cannot run on this layer: " + c.Broken + " refuses it: " + c.Error
		if m.PredErr == nil || m.PredErr.Error() != want || m.Guess != -1 || m.Probs != [nn.Classes]float32{} {
			t.Errorf("%s: guess %d, error %v\nwant %s", s.Export.Code(), m.Guess, m.PredErr, want)
		}
		if h := s.Export.ShapeChain(); !strings.HasSuffix(h, c.Broken+" refuses") {
			t.Errorf("%s: shape chain %q", s.Export.Code(), h)
		}
		s.Input.Clear() // nothing drawn: still the network cannot run on this layer
		s.Recompute()
		if m := s.Model; m.PredErr == nil || m.PredErr.Error() != want || m.Guess != -1 {
			t.Errorf("%s, empty canvas: guess %d, error %v", s.Export.Code(), m.Guess, m.PredErr)
		}
	}
}

// The RGB photo with the learned set: PyTorch's channel message stays, and
// the two real fixes are offered; each one fixes it.
func TestPhotoWithLearnedFixes(t *testing.T) {
	for _, fix := range []Fix{FixPresets, FixCanvas} {
		s := learned(t)
		s.Input.SetPhoto(true)
		s.Recompute()
		if s.Err == nil || !strings.Contains(s.Err.Error(), "expected input[1, 3, 64, 64] to have 1 channels, but got 3 channels instead") {
			t.Fatalf("learned set on the photo: %v", s.Err)
		}
		if fs := s.Fixes(); !slices.Equal(fs, []Fix{FixPresets, FixCanvas}) ||
			fs[0].Label() != "Use Preset filters" || fs[1].Label() != "Back to the 28x28 canvas" {
			t.Fatalf("fixes %v", fs)
		}
		if s.Model.Chain.Broken != "conv1" || s.Model.PredErr == nil {
			t.Errorf("guess on the photo: chain broken at %q, %v", s.Model.Chain.Broken, s.Model.PredErr)
		}
		s.ApplyFix(fix)
		s.Recompute()
		if s.Err != nil || s.Fixes() != nil {
			t.Errorf("%s: still %v, fixes %v", fix.Label(), s.Err, s.Fixes())
		}
	}
	s := fresh(t)
	s.Step(SetStride, -1) // stride 0: an error no fix of this kind repairs
	s.Recompute()
	if s.Err == nil || s.Fixes() != nil {
		t.Errorf("stride 0: %v, fixes %v", s.Err, s.Fixes())
	}
}

// The guess is for the selected sample, by either network.
func TestGuessOfSelectedSample(t *testing.T) {
	s := learned(t)
	withBatch(t, s, 4)
	s.Recompute()
	for _, presets := range []bool{false, true} {
		if presets {
			s.Bank.ResetBank()
			s.Recompute()
		}
		for i := 1; i < 4; i++ {
			s.Input.SelectSample(i)
			if want := s.Digits[i-1].Label; s.Model.Guess != want || s.Model.OnScreen == presets {
				t.Errorf("presets %v, sample %d (MNIST test #%d, a %d): guess %d", presets, i, i-1, want, s.Model.Guess)
			}
		}
	}
}
