package hook

import (
	"slices"

	"convplayground/game/state"
)

// Layer is one layer of the network as the hook reports it.
type Layer struct {
	Kind   string `json:"kind"`   // PyTorch's class: "Conv2d"
	Text   string `json:"text"`   // the layer as Python: nn.Conv2d(1, 20, 5, padding=2)
	Output []int  `json:"output"` // its output shape, [] when the chain breaks at or before it
	Error  string `json:"error"`  // PyTorch's message at the layer that breaks the chain, else ""
}

// Network is the hook's part for the network (issue 16): every layer and
// the selected one, with the selected layer's output for the selected
// sample, flattened (at most maxValues values; none for layer 0, whose
// maps the tensors part reports), to read a map.
type Network struct {
	Layers        []Layer   `json:"layers"`
	SelectedLayer int       `json:"selected_layer"`
	Net           string    `json:"net"`             // the network as nn.Sequential(...) text
	LayerValues   []float32 `json:"layer_values"`    // the selected layer's output, selected sample, C·H·W order
	LayerValuesOf []int     `json:"layer_values_of"` // the shape those values have ([C,H,W] or [F])
}

// maxValues bounds layer_values: a hook is read often.
const maxValues = 1 << 14

func network(s *state.State, h *Hook) {
	h.Layers = make([]Layer, s.Layers.NumLayers())
	for i := range h.Layers {
		l := s.Layers.LayerSpec(i)
		h.Layers[i] = Layer{Kind: l.Kind.String(), Text: l.String(), Output: []int{}, Error: s.Layers.LayerError(i)}
		if sh := s.Layers.LayerShape(i); sh != nil {
			h.Layers[i].Output = slices.Clone(sh)
		}
	}
	h.SelectedLayer, h.Net = s.Layer, s.Layers.NetText()
	h.LayerValues, h.LayerValuesOf = []float32{}, []int{}
	if v, sh := s.Layers.LayerSample(s.Layer); s.Layer > 0 && len(v) <= maxValues && v != nil { // layer 0's maps have their own fields
		h.LayerValues, h.LayerValuesOf = slices.Clone(v), slices.Clone(sh)
	}
}
