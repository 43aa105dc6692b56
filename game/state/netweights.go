package state

import (
	"fmt"
	"slices"

	"convplayground/conv"
	"convplayground/game/preset"
	"convplayground/livetrain"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// SetNetWeights puts a state_dict of the LeNet (its keys conv1.weight …
// fc2.bias, each of the network's shape) into the session's network (or
// one of the network on screen, Trainable's: setScreenWeights), and
// its conv1 into the bank as the learned filters: the layer on screen is
// conv1, so the maps and the guess follow the weights. Training calls it
// about ten times a second: only a bank that is not yet the learned
// filters of this shape takes an undo step ("Learned filters"); later
// calls replace the weights in place, keeping the notice. Entries of
// other keys are ignored; a missing key or a wrong shape is an error and
// nothing changes.
func (tn *Trained) SetNetWeights(sd []nn.Named) error {
	s := tn.s
	if !slices.ContainsFunc(sd, func(e nn.Named) bool { return e.Key == livetrain.LeNetKeys[0] }) {
		return s.Trained.setScreenWeights(sd) // not the named LeNet's (the worker's weights come in any order)
	}
	net := s.Trained.Model.Net
	if net == nil {
		return fmt.Errorf("no network to train: %s", s.Trained.Model.Unavailable())
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
	return s.Trained.learnedConv(net.Conv1())
}

// learnedConv makes a trained conv1 (w [n,1,k,k], b [n]; copies the
// bank keeps) the learned filters: a bank that is not yet the learned
// filters of this shape takes an undo step ("Learned filters"); later calls
// replace the weights in place, keeping the notice.
func (tn *Trained) learnedConv(w, b *conv.Tensor) error {
	s := tn.s
	if !s.Trained.learnedBank(w.Shape[0], w.Shape[2]) {
		return s.Bank.LoadFilters(preset.Learned, w, b)
	}
	k := w.Shape[2]
	for i := range w.Shape[0] {
		f := &s.Bank.Filters[i]
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
	if s.OutChannels != n || s.Kernel != k || s.Groups != 1 || s.Bank.bankCin != 1 {
		return false
	}
	for i := range n {
		if s.Bank.Filters[i].Preset != preset.Learned {
			return false
		}
	}
	return true
}

// Trainable is the network on screen as the text the training worker
// takes, when training can run it on MNIST as it is: layers after layer 0
// that all build, the drawing's one channel in, ten classes out. It is ""
// otherwise, and for the LeNet preset (trained as the named LeNet, whose
// conv1 the bank shows).
func (tn *Trained) Trainable() string {
	s := tn.s
	last := s.Layers.LayerShape(s.Layers.NumLayers() - 1)
	if len(s.Net.Tail) == 0 || s.Net.Trained || s.Transposed || s.C() != 1 || len(last) != 2 || last[1] != 10 {
		return ""
	}
	return s.Layers.NetText()
}

// setScreenWeights puts a state_dict of the network on screen, keyed as
// nn.Sequential names it ("0.weight", "3.bias", …), into it: layer 0's
// into the bank as the learned filters (one undo step the first time, as
// SetNetWeights), the others' into the layers after it. A key or shape
// that differs (the network changed since training started) is an error
// and nothing changes.
func (tn *Trained) setScreenWeights(sd []nn.Named) error {
	s := tn.s
	spec, err := arch.Parse(s.Layers.NetText())
	if err != nil {
		return err
	}
	net, err := nn.Build(spec)
	if err != nil {
		return err
	}
	if err := net.LoadStateDict(sd); err != nil {
		return err
	}
	c, ok := net.Layers[0].(*nn.Conv2d)
	if !ok || c.Bias.Value == nil {
		return fmt.Errorf("the network's layer 0 is not a Conv2d with a bias")
	}
	if err := s.Trained.learnedConv(c.Weight.Value.Clone(), c.Bias.Value.Clone()); err != nil {
		return err
	}
	tail := slices.Clone(net.Layers[1:])                            // after the bank's undo step, which keeps the tail before
	s.Net.set(spec.Layers[1:], tail, make([]error, len(tail)), nil) // weights not drawn from seeds
	return nil
}
