package hook

import (
	"slices"
	"testing"

	"convplayground/game/state"
)

// The hook's layers: the trained LeNet's ten, each with its shape; after
// out_channels 19 the second Conv2d carries torch's message and the layers
// after it have no output.
func TestHookLayers(t *testing.T) {
	s := state.New()
	s.Layers.LoadNetPreset(1)
	s.Layers.SelectLayer(3)
	s.Recompute()
	h := Build(s, 0, View{})
	if len(h.Layers) != 10 || h.SelectedLayer != 3 || h.Layers[3].Kind != "Conv2d" || h.Layers[3].Text != "nn.Conv2d(20, 32, 5)" ||
		!slices.Equal(h.Layers[3].Output, []int{1, 32, 10, 10}) || !slices.Equal(h.LayerValuesOf, []int{32, 10, 10}) || len(h.LayerValues) != 3200 {
		t.Fatalf("LeNet: %+v", h.Network)
	}
	s.Layers.SelectLayer(0)
	s.Step(state.SetOut, -1)
	s.Recompute()
	h = Build(s, 0, View{})
	want := "Given groups=1, weight of size [32, 20, 5, 5], expected input[1, 19, 14, 14] to have 20 channels, but got 19 channels instead"
	if h.Layers[3].Error != want || len(h.Layers[3].Output) != 0 || len(h.Layers[9].Output) != 0 || h.Layers[2].Error != "" {
		t.Errorf("broken at 3: %+v", h.Layers)
	}
}
