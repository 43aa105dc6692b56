package hook

import (
	"slices"

	"convplayground/game/state"
)

// model is the open model file (state.OpenModel), nil for none: its name
// and format, every tensor's name, shape and dtype, the conv weights that
// "Use on input" offers, the one last put on screen ("" for none) with how
// many of its filters are (shown), the
// preset network that takes the state_dict ("" for none, with
// load_state_dict's messages in network_error) and its output on the
// selected sample (network_output; why it cannot run in network_error).
func model(s *state.State) map[string]any {
	m := s.Opened
	if m == nil {
		return nil
	}
	tensors := make([]any, len(m.Tensors))
	for i, t := range m.Tensors {
		tensors[i] = map[string]any{"name": t.Name, "shape": list(slices.Clone(t.Shape)), "dtype": t.DType}
	}
	convs := make([]any, len(m.Convs))
	for i, c := range m.Convs {
		convs[i] = c.Weight.Name
	}
	picked, shown, netErr := "", 0, ""
	if i := s.Trained.PickedConv(); i >= 0 {
		picked, shown = m.Convs[i].Weight.Name, m.Shown
	}
	if m.NetErr != nil {
		netErr = m.NetErr.Error()
	}
	out := []any{}
	if m.Net != nil {
		y, err := s.Trained.NetOutput()
		out = list(y)
		if err != nil {
			netErr = err.Error()
		}
	}
	return map[string]any{"name": m.Name, "format": m.Format, "bytes": float64(m.Bytes), "tensors": tensors,
		"convs": convs, "picked": picked, "network": m.NetName, "network_error": netErr, "network_output": out, "shown": shown}
}
