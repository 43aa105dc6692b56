package state

import (
	"errors"
	"fmt"
	"slices"

	"convplayground/conv"

	"convplayground/modelfile"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// LoadNetwork builds the network of text (nn.Sequential(...), nn/arch's
// syntax) and loads the state_dict ts into it as load_state_dict does:
// missing or unexpected keys and shape mismatches are refused with its
// message, before anything is loaded.
func LoadNetwork(ts []modelfile.Tensor, text string) (*nn.Sequential, error) {
	spec, err := arch.Parse(text)
	if err != nil {
		return nil, err
	}
	net, err := nn.Build(spec)
	if err != nil {
		return nil, err
	}
	if err := net.LoadStateDict(nn.NamedArrays(ts)); err != nil {
		return nil, err
	}
	return net, nil
}

// MatchPreset finds the first of nn/arch's presets whose network takes the
// state_dict ts whole, and returns its name and the loaded network; when
// none does, the error holds load_state_dict's message for each.
func MatchPreset(ts []modelfile.Tensor) (string, *nn.Sequential, error) {
	var errs []error
	for _, p := range arch.Presets() {
		net, err := LoadNetwork(ts, p.Text)
		if err == nil {
			return p.Name, net, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", p.Name, err))
	}
	return "", nil, errors.Join(errs...)
}

// netRun is the open model's network's output for one state version.
type netRun struct {
	version uint64
	out     []float32
	err     error
}

// NetOutput runs the open model's whole network (when a preset took its
// state_dict) on the selected sample, as the layer on screen sees it
// (ToTensor, and Normalize when on): "your own trained model, on your
// drawing". It runs once per change of the playground; the error is the
// network's own (a photo into a network made for 1×28×28 digits).
func (tn *Trained) NetOutput() ([]float32, error) {
	s := tn.s
	m := s.Opened
	if m == nil || m.Net == nil {
		return nil, errors.New("no network is open")
	}
	if m.run.version == s.Version && (m.run.out != nil || m.run.err != nil) {
		return m.run.out, m.run.err
	}
	c, h, w := s.C(), s.H(), s.W()
	x := conv.Zeros(1, c, h, w)
	for ch := range c {
		for y := range h {
			for i := range w {
				x.Data[(ch*h+y)*w+i] = s.InputValue(ch, y, i)
			}
		}
	}
	y, err := m.Net.Forward(x)
	m.run = netRun{version: s.Version, err: err}
	if err == nil {
		m.run.out = slices.Clone(y.Data)
	}
	return m.run.out, m.run.err
}
