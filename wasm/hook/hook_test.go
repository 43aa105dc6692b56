package hook

import (
	"encoding/json"
	"math"
	"testing"

	"convplayground/game/state"
)

// fresh is a new playground with its maps computed.
func fresh(t *testing.T) *state.State {
	t.Helper()
	s := state.New()
	s.Recompute()
	if s.Err != nil || s.Notice != "" {
		t.Fatalf("New: %v %s", s.Err, s.Notice)
	}
	return s
}

// photoState is the playground on the RGB photo.
func photoState(t *testing.T) *state.State {
	t.Helper()
	s := fresh(t)
	s.Input.SetPhoto(true)
	s.Recompute()
	if s.Err != nil {
		t.Fatal(s.Err)
	}
	return s
}

func near(sum float64, y float32) bool {
	return math.Abs(sum-float64(y)) <= 1e-5*max(1, math.Abs(float64(y)))
}

func TestHookJSON(t *testing.T) {
	s := fresh(t)
	b, err := json.Marshal(Build(s, 7, View{Tab: "maps"}))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"frame", "settings", "input", "weight", "bias", "output", "error", "min", "max", "tab", "undo", "redo", "undo_label"} {
		if _, ok := m[k]; !ok {
			t.Errorf("hook lacks %q: %s", k, b)
		}
	}
	st := m["settings"].(map[string]any)
	if st["stride"].(float64) != 1 || st["padding"].(float64) != 2 || st["padding_mode"] != "zeros" {
		t.Errorf("settings %v", st)
	}
	if m["frame"].(float64) != 7 || m["tab"] != "maps" {
		t.Errorf("frame %v, tab %v", m["frame"], m["tab"])
	}
}

// The hook's settings have the keys of the settings table.
func TestHookSettingKeys(t *testing.T) {
	b, err := json.Marshal(Build(fresh(t), 0, View{}))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Settings map[string]any }
	json.Unmarshal(b, &m)
	for st := range state.NumSettings {
		if _, ok := m.Settings[st.Info().Key]; !ok {
			t.Errorf("the hook's settings lack %q: %v", st.Info().Key, m.Settings)
		}
	}
}
