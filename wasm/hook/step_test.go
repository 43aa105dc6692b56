package hook

import (
	"convplayground/game/teach"
	"encoding/json"
	"testing"

	"convplayground/game/state"
)

// The hook reports the step, the explained cell's arithmetic and the
// never-read rows as JSON-ready values whose numbers match the model.
func TestHookTeach(t *testing.T) {
	s := fresh(t)
	s.Step(state.SetStride, +1)
	s.Step(state.SetPadding, -1)
	s.Step(state.SetPadding, -1) // k=5, s=2, p=0: 12×12, row and column 27 never read
	s.Step(state.SetMode, +1)
	s.Player.SetPlayMap(2)
	s.Player.Scrub(13)
	h := Build(s, 7, View{})
	b, err := json.Marshal(h) // the browser stringifies the same values
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Step struct {
			Map, Oy, Ox, Index, Total, Done, Speed int
			Playing, Stepping                      bool
			Pinned                                 []int
		}
		Explain struct {
			Map, Oy, Ox int
			Channels    []struct {
				Channel int
				Sum     float64
				Taps    []struct {
					At, Source []int
					Padding    bool
					X, W       float32
					Product    float64
				}
			}
			Bias  float32
			Sum   float64
			Value float32
		}
		NeverRead struct{ Rows, Cols []int } `json:"never_read"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	st := got.Step
	if st.Map != 2 || st.Oy != 1 || st.Ox != 1 || st.Index != 13 || st.Total != 144 || st.Done != 14 || !st.Stepping || st.Playing || st.Speed != 8 || st.Pinned != nil {
		t.Errorf("step %+v", st)
	}
	e := got.Explain
	if v, _ := s.Teach.OutValue(2, 1, 1); e.Map != 2 || e.Oy != 1 || e.Ox != 1 || e.Value != v || !near(e.Sum, v) || len(e.Channels) != 1 || len(e.Channels[0].Taps) != 25 {
		t.Errorf("explain of (2, 1, 1): %+v, map %v", e, v)
	}
	tap := e.Channels[0].Taps[6] // (ky, kx) = (1, 1) lands on (3, 3)
	if tap.At[0] != 3 || tap.At[1] != 3 || tap.Source[0] != 3 || tap.Padding || float64(tap.X)*float64(tap.W) != tap.Product {
		t.Errorf("tap 6: %+v", tap)
	}
	if len(got.NeverRead.Rows) != 1 || got.NeverRead.Rows[0] != 27 || len(got.NeverRead.Cols) != 1 {
		t.Errorf("never_read %+v", got.NeverRead)
	}
	s.Player.Pin(teach.Cell{Map: 0, OY: 0, OX: 0})
	if h := Build(s, 8, View{}); h.Step["pinned"] == nil || h.Explain["map"] != 0 {
		t.Error("a pinned cell is not what the hook explains")
	}
}
