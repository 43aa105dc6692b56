package hook

import (
	"encoding/json"
	"testing"

	"convplayground/game/state"
)

// A ConvTranspose2d's stepped cell: the settings say so, and the
// explanation gives both views, whose sums are the map's value.
func TestHookTranspose(t *testing.T) {
	s := fresh(t)
	s.Input.PickDigit(0)
	s.Step(state.SetTransposed, +1)
	s.Step(state.SetStride, +1)
	s.Step(state.SetOutputPadding, +1)
	s.Player.SetPlayMap(1)
	s.Player.Scrub(20*56 + 23)
	s.Teach.SetZeroInsertion(true)
	b, err := json.Marshal(Build(s, 1, View{}))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Settings Settings
		Output   []int
		Explain  struct {
			Layer, View string
			Map, Oy, Ox int
			Paints      []struct {
				At, Tap []int
				Product float64
			}
			Stuffed []struct {
				Taps []struct {
					At, Tap, Source []int
					Product         float64
				}
			}
			Sum        float64
			StuffedSum float64 `json:"stuffed_sum"`
			Value      float32
		}
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if !got.Settings.Transposed || got.Settings.OutputPadding != 1 || got.Output[2] != 56 {
		t.Errorf("settings %+v, output %v", got.Settings, got.Output)
	}
	e := got.Explain
	v, _ := s.Teach.OutValue(1, 20, 23)
	if e.Layer != "ConvTranspose2d" || e.View != "zero_insertion" || e.Map != 1 || e.Oy != 20 || e.Ox != 23 || e.Value != v || !near(e.Sum, v) || !near(e.StuffedSum, v) {
		t.Errorf("explain %+v, map %v", e, v)
	}
	// k=5, stride 2: 3 rows × 2 columns of input pixels paint (20, 23);
	// the 25-tap window reads the same 6 pixels, the rest zeros.
	reads := 0
	for _, tp := range e.Stuffed[0].Taps {
		if tp.Source != nil {
			reads++
		}
	}
	if len(e.Paints) != 6 || len(e.Stuffed) != 1 || len(e.Stuffed[0].Taps) != 25 || reads != 6 {
		t.Errorf("%d paints, %d window taps of which %d read pixels", len(e.Paints), len(e.Stuffed[0].Taps), reads)
	}
}
