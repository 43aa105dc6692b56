package state

import (
	"slices"
	"strings"
	"testing"

	"convplayground/game/preset"
	"convplayground/livetrain"
	"convplayground/nn"
)

// lenetDict is a fresh LeNet's state_dict under the LeNet's keys.
func lenetDict(t *testing.T, seed uint64) []nn.Named {
	t.Helper()
	net, err := nn.New(32, 128, seed)
	if err != nil {
		t.Fatal(err)
	}
	var sd []nn.Named
	for i, k := range livetrain.LeNetKeys {
		sd = append(sd, nn.Named{Key: k, Entry: nn.Entry{Name: k, Value: net.Params[i]}})
	}
	return sd
}

// SetNetWeights puts the weights into the network and conv1 into the bank
// as learned filters, with one undo step for the first call only; the
// guess follows; a bad state_dict changes nothing.
func TestSetNetWeights(t *testing.T) {
	s := New()
	if s.Model.Net == nil {
		t.Skip("no network:", s.Model.Unavailable())
	}
	if len(s.Digits) > 0 {
		s.Input.PickDigit(0) // a digit to guess
	}
	s.Recompute()
	undo0, _ := s.History.Steps()
	for call, seed := range []uint64{3, 4} {
		sd := lenetDict(t, seed)
		if err := s.Trained.SetNetWeights(sd); err != nil {
			t.Fatal(err)
		}
		s.Recompute()
		for i, p := range s.Model.Net.Params {
			if !slices.Equal(p.Data, sd[i].Value.Data) {
				t.Errorf("call %d: the network's %s is not the state_dict's", call, sd[i].Key)
			}
		}
		for i := range nn.Conv1Filters {
			f := s.Filters[i]
			if f.Preset != preset.Learned || !slices.Equal(f.W, sd[0].Value.Data[i*25:(i+1)*25]) || f.B != sd[1].Value.Data[i] {
				t.Fatalf("call %d: filter %d is %v, not conv1's", call, i, f.Preset)
			}
		}
		if undo, _ := s.History.Steps(); undo != undo0+1 {
			t.Errorf("call %d: %d undo steps, want %d (one for the first call)", call, undo, undo0+1)
		}
		if !s.Model.OnScreen {
			t.Errorf("call %d: the layer on screen is not the network's conv1", call)
		}
	}
	probs := s.Model.Probs
	s.Say("kept")
	if err := s.Trained.SetNetWeights(lenetDict(t, 5)); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	if s.Notice != "kept" || s.Model.Probs == probs {
		t.Errorf("notice %q, probabilities unchanged %v: want the notice kept and a new guess", s.Notice, s.Model.Probs == probs)
	}
	before := slices.Clone(s.Model.Net.Params[0].Data)
	bad := lenetDict(t, 6)
	bad[7].Value = bad[6].Value
	for _, c := range []struct {
		sd   []nn.Named
		want string
	}{{bad, "state_dict's fc2.bias is [10, 128], the network's [10]"}, {lenetDict(t, 6)[:7], "state_dict has no fc2.bias"}} {
		if err := s.Trained.SetNetWeights(c.sd); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
		if !slices.Equal(s.Model.Net.Params[0].Data, before) {
			t.Error("a refused state_dict changed the network")
		}
	}
}
