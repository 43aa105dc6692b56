package state

import (
	"cmp"
	"slices"
	"strings"

	"convplayground/conv"
	"convplayground/i18n"
	"convplayground/modelfile"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// The whole network of an open model: when its state_dict is the one of
// the network on screen, or of one of nn/arch's presets (load_state_dict's
// keys and shapes), UseNetwork makes it the network on screen with every
// layer's weights: layer 0 in the bank and the editor, the layers after it
// in the strip. Otherwise it names the first key that differs.

// wholeNet is the network UseNetwork put on screen: its text and the tail's
// layers (the model's weights), to tell whether it is still there.
type wholeNet struct {
	text string
	tail []nn.Layer
}

// lenetNamed maps the trained LeNet's own keys (conv1.weight, ...: the
// train tab's export, livetrain.LeNetKeys) to the LeNet preset's
// nn.Sequential indices, so that such a file loads into the preset.
var lenetNamed = [][2]string{{"conv1.", "0."}, {"conv2.", "3."}, {"fc1.", "7."}, {"fc2.", "9."}}

// stateDict is ts as the state_dict network text takes: with the LeNet's
// named keys renamed when the network is the LeNet and every key is one.
func stateDict(ts []modelfile.Tensor, text string) []nn.Named {
	sd := nn.NamedArrays(ts)
	if text != arch.LeNet {
		return sd
	}
	renamed := slices.Clone(sd)
	for i, e := range renamed {
		j := slices.IndexFunc(lenetNamed, func(p [2]string) bool { return strings.HasPrefix(e.Key, p[0]) })
		if j < 0 {
			return sd
		}
		renamed[i].Key = lenetNamed[j][1] + strings.TrimPrefix(e.Key, lenetNamed[j][0])
	}
	return renamed
}

// candidate is a network a state_dict is tried on.
type candidate struct{ name, text string }

// candidates are the network on screen, then the presets (each once).
func (tn *Trained) candidates() []candidate {
	s := tn.s
	cs := []candidate{{s.Lang.T(i18n.ModelOnScreenName), s.Layers.NetText()}}
	for _, p := range arch.Presets() {
		if p.Text != cs[0].text {
			cs = append(cs, candidate{p.Name, p.Text})
		}
	}
	return cs
}

// UseNetwork makes the open model's state_dict the network on screen, as
// its first candidate that takes it whole (load_state_dict): the layers
// as that network's text has them, layer 0's weights in the bank, the
// others' in the layers after it; one undo step. A 1-channel network
// takes the drawing (as the presets do). When no candidate takes it, the
// notice names the closest one's first key that differs, and nothing
// changes.
func (tn *Trained) UseNetwork() bool {
	s := tn.s
	m := s.Trained.Opened
	if m == nil {
		s.Notice = s.Lang.T(i18n.NoticeNoModel)
		return false
	}
	var net *nn.Sequential
	var text string
	cs := s.Trained.candidates()
	for _, c := range cs {
		if n, err := LoadNetwork(m.Tensors, c.text); err == nil {
			net, text = n, c.text
			break
		}
	}
	if net == nil {
		s.Notice = i18n.Text(s.Lang, misfit(m, cs))
		return false
	}
	first := s.Trained.layer0Conv(net, text)
	if first < 0 {
		s.Notice = s.Lang.Sprintf(i18n.NoticeFirstNotConv, m.Name)
		return false
	}
	defer s.History.record("network of "+m.Name, "", "")()
	if cin := m.Convs[first].Weight.Shape[1]; cin == 1 && s.C() != 1 {
		s.Input.Photo = false // as the presets do: their networks read the 28x28 drawing
		s.Bank.setBankCin(1)
	}
	if err := s.Layers.ApplyNet(text); err != nil {
		s.Notice = m.Name + ": " + i18n.Text(s.Lang, err)
		return false
	}
	s.Trained.fillBank(first)
	spec, _ := arch.Parse(text) // ApplyNet parsed it
	tail := slices.Clone(net.Layers[1:])
	s.Net.set(spec.Layers[1:], tail, make([]error, len(tail)), nil) // weights not drawn from seeds
	m.whole = wholeNet{text: s.Layers.NetText(), tail: tail}
	s.changed()
	return true
}

// layer0Conv is the index in the open model's Convs of the weight that
// net's layer 0 took: its first state_dict key's, under the file's name.
func (tn *Trained) layer0Conv(net *nn.Sequential, text string) int {
	s := tn.s
	m := s.Trained.Opened
	key := net.StateDict()[0].Key // "0.weight"
	for i, c := range m.Convs {
		if sd := stateDict([]modelfile.Tensor{*c.Weight}, text); sd[0].Key == key {
			return i
		}
	}
	return -1
}

// NetworkOnScreen says whether the network on screen is the one
// UseNetwork made of the open model, its weights untouched by another
// network or bank (an edited weight keeps it: the learner's own model,
// edited).
func (tn *Trained) NetworkOnScreen() bool {
	s := tn.s
	m := s.Trained.Opened
	return m != nil && m.whole.text != "" && s.Trained.PickedConv() >= 0 &&
		s.Layers.NetText() == m.whole.text && slices.Equal(s.Net.built, m.whole.tail)
}

// misfit says why no candidate takes model m's state_dict whole:
// the first key that differs for the candidate that agrees on most keys.
func misfit(m *OpenModel, cs []candidate) error {
	best, bestN, why := "", -1, error(nil)
	for _, c := range cs {
		spec, err := arch.Parse(c.text)
		if err != nil {
			continue
		}
		net, err := nn.Build(spec)
		if err != nil {
			continue
		}
		n, diff := compareStateDict(stateDict(m.Tensors, c.text), net.StateDict())
		if n > bestN {
			best, bestN, why = c.name, n, diff
		}
	}
	return i18n.Errorf(i18n.ModelMisfit, m.Name, best, why)
}

// compareStateDict counts the keys of want that have the same shape in
// have, and names the first that differs: a key in the network's order
// missing or of another shape, else a key the network does not have.
func compareStateDict(have, want []nn.Named) (int, error) {
	byKey := map[string]nn.Named{}
	for _, e := range have {
		byKey[e.Key] = e
	}
	same, diff := 0, error(nil)
	for _, e := range want {
		h, ok := byKey[e.Key]
		switch {
		case !ok && e.Count != nil: // num_batches_tracked may be absent
		case !ok:
			diff = cmp.Or(diff, i18n.Errorf(i18n.ModelMisfitMissing, e.Key, conv.FormatShape(e.Value.Shape)))
		case e.Count != nil || slices.Equal(h.Value.Shape, e.Value.Shape):
			same++
		default:
			diff = cmp.Or(diff, i18n.Errorf(i18n.ModelMisfitShape, e.Key, conv.FormatShape(h.Value.Shape), conv.FormatShape(e.Value.Shape)))
		}
		delete(byKey, e.Key)
	}
	for _, e := range have {
		if _, extra := byKey[e.Key]; extra {
			diff = cmp.Or(diff, i18n.Errorf(i18n.ModelMisfitExtra, e.Key, conv.FormatShape(e.Value.Shape)))
		}
	}
	return same, diff
}
