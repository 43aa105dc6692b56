package state

import (
	"errors"
	"fmt"

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
