package game

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"convplayground/game/state"
)

// marshalJSON writes what encoding/json writes, for every kind the hook
// uses and the awkward strings and floats.
func TestMarshalJSONMatchesEncodingJSON(t *testing.T) {
	type inner struct {
		A int    `json:"a"`
		B string `json:"b"`
	}
	type all struct {
		inner
		U      uint64
		I8     int8              `json:"i8"`
		F32    float32           `json:"f32"`
		F64    float64           `json:"f64"`
		Bool   bool              `json:"bool"`
		Nil    []int             `json:"nil"`
		Empty  []string          `json:"empty"`
		Arr    [3]float32        `json:"arr"`
		Map    map[string]any    `json:"map"`
		NilMap map[string]int    `json:"nil_map"`
		Ptr    *inner            `json:"ptr"`
		NilPtr *inner            `json:"nil_ptr"`
		Any    any               `json:"any"`
		Nested map[string][]bool `json:"nested"`
		Skip   int               `json:"-"`
		hidden int
	}
	strs := []string{"", "plain", `q"uote\back`, "\b\f\n\r\t\x00\x1f\x7f", "<a & b>", "\u2028\u2029", "bad \xff\xfe utf8",
		"\ufffd literal", "é ü → Σ 𝛑 🙂", "Given groups=1, weight of size [20, 1, 5, 5]"}
	floats := []float64{0, math.Copysign(0, -1), 1, -2.5, 0.1, 1e-6, 9.99e-7, 1e-7, 123456789, 1e20, 1e21, 5e-324, math.MaxFloat64, 1.0 / 3}
	vals := []any{nil, true, 42, -7, uint8(200), "x", []int{}, [2]int{1, 2}, map[string]int{"b": 2, "a": 1, "": 0}}
	for _, s := range strs {
		vals = append(vals, s, map[string]string{s: s})
	}
	for _, f := range floats {
		vals = append(vals, f, -f)
		if f32 := float32(f); !math.IsInf(float64(f32), 0) {
			vals = append(vals, f32, -f32)
		}
	}
	vals = append(vals, all{
		inner: inner{1, "<b>"}, U: math.MaxUint64, I8: -128, F32: 0.1, F64: 1e-9, Bool: true, Empty: []string{},
		Arr: [3]float32{1.5, 1e-7, 3e21}, Map: map[string]any{"z": 1, "a": "s", "m": []any{nil, 2.5, false}, "n": map[string]any{}},
		Ptr: &inner{2, "p"}, Any: []int{3}, Nested: map[string][]bool{"k": {true}}, Skip: 9, hidden: 8,
	})
	type box struct { // as in publish
		X float64 `json:"x"`
		W float64 `json:"w"`
	}
	vals = append(vals, map[string]box{"pen": {12.5, 80}, "stride+": {1e-3, 1 / 3.0}})
	vals = append(vals, hookJSON{Hook: fresh(t).Hook(3), Colormap: "RdBu", Hover: "w·x", Scale: 1.25, DPR: 2})
	for _, v := range vals {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		got, err := marshalJSON(v)
		if err != nil || string(got) != string(want) {
			t.Errorf("marshalJSON(%#v)\n = %s, %v\nwant %s", v, got, err, want)
		}
	}
}

func fresh(t *testing.T) *state.State {
	t.Helper()
	s := state.New()
	s.PickDigit(1)
	s.Recompute()
	return s
}

// What encoding/json refuses, marshalJSON refuses too, with a message.
func TestMarshalJSONRefuses(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{math.NaN(), "unsupported value: NaN"},
		{map[string]float32{"x": float32(math.Inf(-1))}, "unsupported value: -Inf"},
		{[]any{func() {}}, "unsupported type: func()"},
		{map[int]int{1: 1}, "unsupported type: map[int]int"},
		{[]byte("hi"), "unsupported type: []uint8"},
		{struct {
			A int `json:"a,omitempty"`
		}{}, `tag option "omitempty"`},
	} {
		if _, err := marshalJSON(c.v); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("marshalJSON(%#v): error %v, want one containing %q", c.v, err, c.want)
		}
	}
}
