package state

import (
	"fmt"
	"slices"

	"convplayground/conv"
	"convplayground/game/preset"
	"convplayground/livetrain"
	"convplayground/nn"
)

// SetNetWeights puts a state_dict of the LeNet (its keys conv1.weight …
// fc2.bias, each of the network's shape) into the session's network, and
// its conv1 into the bank as the learned filters: the layer on screen is
// conv1, so the maps and the guess follow the weights. Training calls it
// about ten times a second: only a bank that is not yet the learned
// filters of this shape takes an undo step ("Learned filters"); later
// calls replace the weights in place, keeping the notice. Entries of
// other keys are ignored; a missing key or a wrong shape is an error and
// nothing changes.
func (tn *Trained) SetNetWeights(sd []nn.Named) error {
	s := tn.s
	net := s.Model.Net
	if net == nil {
		return fmt.Errorf("no network to train: %s", s.Model.Unavailable())
	}
	byKey := map[string]*conv.Tensor{}
	for _, e := range sd {
		byKey[e.Key] = e.Value
	}
	names := livetrain.LeNetKeys
	for i, p := range net.Params {
		t := byKey[names[i]]
		if t == nil {
			return fmt.Errorf("state_dict has no %s", names[i])
		}
		if !slices.Equal(t.Shape, p.Shape) {
			return fmt.Errorf("state_dict's %s is %s, the network's %s", names[i], conv.FormatShape(t.Shape), conv.FormatShape(p.Shape))
		}
	}
	for i, p := range net.Params {
		copy(p.Data, byKey[names[i]].Data) // in place: the network's workspaces hold these tensors
	}
	w, b := net.Conv1()
	if !s.Trained.learnedBank(w.Shape[0], w.Shape[2]) {
		return s.Bank.LoadFilters(preset.Learned, w, b)
	}
	k := w.Shape[2]
	for i := range w.Shape[0] {
		f := &s.Filters[i]
		f.W, f.B, f.store = w.Data[i*k*k:(i+1)*k*k], b.Data[i], nil
		s.Bank.own(i)
	}
	s.Version++ // not changed(): the notice stays while training updates
	return nil
}

// learnedBank says that the bank is n learned filters of size k on one
// input channel, as SetNetWeights left it.
func (tn *Trained) learnedBank(n, k int) bool {
	s := tn.s
	if s.OutChannels != n || s.Kernel != k || s.Groups != 1 || s.bankCin != 1 {
		return false
	}
	for i := range n {
		if s.Filters[i].Preset != preset.Learned {
			return false
		}
	}
	return true
}
