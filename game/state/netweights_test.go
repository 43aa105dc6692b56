package state

import (
	"slices"

	"convplayground/conv"
	"convplayground/nn/arch"
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
	if s.Trained.Model.Net == nil {
		t.Skip("no network:", s.Trained.Model.Unavailable())
	}
	if len(s.Input.Digits) > 0 {
		s.Input.PickDigit(0) // a digit to guess
	}
	s.Recompute()
	undo0, _ := s.History.Steps()
	for call, seed := range []uint64{3, 4} {
		sd := lenetDict(t, seed)
		shuffled := slices.Clone(sd) // the worker's message has them in no order
		slices.Reverse(shuffled)
		if err := s.Trained.SetNetWeights(shuffled); err != nil {
			t.Fatal(err)
		}
		s.Recompute()
		for i, p := range s.Trained.Model.Net.Params {
			if !slices.Equal(p.Data, sd[i].Value.Data) {
				t.Errorf("call %d: the network's %s is not the state_dict's", call, sd[i].Key)
			}
		}
		for i := range nn.Conv1Filters {
			f := s.Bank.Filters[i]
			if f.Preset != preset.Learned || !slices.Equal(f.W, sd[0].Value.Data[i*25:(i+1)*25]) || f.B != sd[1].Value.Data[i] {
				t.Fatalf("call %d: filter %d is %v, not conv1's", call, i, f.Preset)
			}
		}
		if undo, _ := s.History.Steps(); undo != undo0+1 {
			t.Errorf("call %d: %d undo steps, want %d (one for the first call)", call, undo, undo0+1)
		}
		if !s.Trained.Model.OnScreen {
			t.Errorf("call %d: the layer on screen is not the network's conv1", call)
		}
	}
	probs := s.Trained.Model.Probs
	s.Say("kept")
	if err := s.Trained.SetNetWeights(lenetDict(t, 5)); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	if s.Notice != "kept" || s.Trained.Model.Probs == probs {
		t.Errorf("notice %q, probabilities unchanged %v: want the notice kept and a new guess", s.Notice, s.Trained.Model.Probs == probs)
	}
	before := slices.Clone(s.Trained.Model.Net.Params[0].Data)
	bad := lenetDict(t, 6)
	bad[7].Value = bad[6].Value
	for _, c := range []struct {
		sd   []nn.Named
		want string
	}{{bad, "state_dict's fc2.bias is [10, 128], the network's [10]"}, {lenetDict(t, 6)[:7], "state_dict has no fc2.bias"}} {
		if err := s.Trained.SetNetWeights(c.sd); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
		if !slices.Equal(s.Trained.Model.Net.Params[0].Data, before) {
			t.Error("a refused state_dict changed the network")
		}
	}
}

// A network on screen that ends in ten classes is Trainable, and its own
// state_dict (as the worker posts it) becomes its weights: layer 0's the
// bank's learned filters, the others the layers after it, so the last
// layer's output is the network's forward pass with those weights.
func TestTrainScreenNetwork(t *testing.T) {
	const text = "nn.Sequential(nn.Conv2d(1, 4, 5, padding=2), nn.ReLU(), nn.MaxPool2d(4), nn.Flatten(), nn.Linear(196, 10))"
	s := New()
	if len(s.Input.Digits) > 0 {
		s.Input.PickDigit(0)
	}
	if s.Trained.Trainable() != "" {
		t.Errorf("the one Conv2d layer is trainable: %q", s.Trained.Trainable())
	}
	if err := s.Layers.ApplyNet(text); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	got := s.Trained.Trainable()
	spec, err := arch.Parse(got)
	if err != nil || spec.String() != s.Layers.NetText() {
		t.Fatalf("Trainable %q (%v), want the network on screen %q", got, err, s.Layers.NetText())
	}
	net, err := nn.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	net.Reset(7)
	sd := net.StateDict()
	shuffled := slices.Clone(sd) // as the worker's message has them: in no order
	slices.Reverse(shuffled)
	if err := s.Trained.SetNetWeights(shuffled); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	w := sd[0].Value
	for i := range 4 {
		if f := s.Bank.Filters[i]; f.Preset != preset.Learned || !slices.Equal(f.W, w.Data[i*25:(i+1)*25]) || f.B != sd[1].Value.Data[i] {
			t.Errorf("filter %d: %v, not the state_dict's 0.weight[%d]", i, f.Preset, i)
		}
	}
	x := conv.Zeros(1, 1, 28, 28)
	for i := range x.Data {
		x.Data[i] = s.InputValue(0, i/28, i%28) // the drawing, as layer 0 reads it
	}
	want, err := net.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	last := s.Layers.LayerOutput(s.Layers.NumLayers() - 1)
	if last == nil || !slices.Equal(last.Data, want.Data) {
		t.Errorf("the last layer's output %v, want the network's %v", last, want.Data)
	}
	// A state_dict of another network changes nothing.
	before := s.Version
	if err := s.Trained.SetNetWeights(sd[2:]); err == nil || s.Version != before {
		t.Errorf("a state_dict without layer 0: error %v, version %d → %d", err, before, s.Version)
	}
}
