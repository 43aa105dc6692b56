package modelfile

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// stdEntries reads a header as ReadSafetensors did with encoding/json, the
// reference the package's own JSON reader is held to.
func stdEntries(hdr []byte) ([]safetensorsEntry, error) {
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(hdr, &entries); err != nil {
		return nil, err
	}
	delete(entries, "__metadata__")
	var list []safetensorsEntry
	for name, raw := range entries {
		var e struct {
			DType       string  `json:"dtype"`
			Shape       []int   `json:"shape"`
			DataOffsets []int64 `json:"data_offsets"`
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, err
		}
		list = append(list, safetensorsEntry{name, e.DType, e.Shape, e.DataOffsets})
	}
	return list, nil
}

func byName(list []safetensorsEntry) []safetensorsEntry {
	if len(list) == 0 {
		return nil
	}
	slices.SortFunc(list, func(a, b safetensorsEntry) int { return strings.Compare(a.name, b.name) })
	for i := range list { // encoding/json leaves an absent or empty list nil
		if len(list[i].Shape) == 0 {
			list[i].Shape = nil
		}
		if len(list[i].DataOffsets) == 0 {
			list[i].DataOffsets = nil
		}
	}
	return list
}

func TestJSONHeaderAsEncodingJSON(t *testing.T) {
	for _, hdr := range []string{
		`{}`,
		` { } `,
		`{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}`,
		"{\n\t\"__metadata__\" : {\"format\": \"pt\", \"n\": [1, -2.5e+3, 0.25, true, false, null, {}, []]},\r\n" +
			`"conv1.weight": {"shape": [], "dtype": "BF16", "data_offsets": [ 8 , 10 ]},` +
			`"a\u00e9\ud83d\ude00\n\"\\\/\b\f\r\t": {"dtype": "I64", "shape": [1], "data_offsets": [0, 8], "extra": {"x": [[1], "y"]}}}`,
		`{"lone \ud800 surrogate \udc00 \ud800\u0041": {"dtype": "F16", "shape": [1], "data_offsets": [0, 2]}}`,
		`{"twice": {"dtype": "F16"}, "twice": {"dtype": "F32", "shape": [-4]}}`,
		`{"w": {}}`,
		"{\"bad \xff\xfe UTF-8 \xe2\x82\": {}, \"gut \u00e9 \xc3\xa9\": {}}",
		`{"w": {"shape": [9223372036854775807], "data_offsets": [-9223372036854775808]}}`,
	} {
		want, err := stdEntries([]byte(hdr))
		if err != nil {
			t.Fatalf("encoding/json refuses %s: %v", hdr, err)
		}
		got, err := safetensorsEntries([]byte(hdr))
		if err != nil {
			t.Errorf("%s: %v", hdr, err)
			continue
		}
		if got, want := byName(got), byName(want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got  %+v\n want %+v", hdr, got, want)
		}
	}
}

func TestJSONHeaderRefused(t *testing.T) {
	for hdr, want := range map[string]string{
		``:                               "not a JSON object: want an object at byte 0",
		`[]`:                             "not a JSON object: want an object at byte 0",
		`{x}`:                            "not a JSON object: want a string at byte 1",
		`{"a" 1}`:                        "want : at byte 5",
		`{"__metadata__": 1 "b": 2}`:     "want , or } at byte 19",
		`{} x`:                           "want the end at byte 3",
		`{"a`:                            `want the string's closing " at byte 3`,
		"{\"a\nb\": 1}":                  "want no control character in a string at byte 3",
		`{"a\x": 1}`:                     `want an escape`,
		`{"a\u12": 1}`:                   `want an escape`,
		`{"__metadata__": tru}`:          "want a value at byte 17",
		`{"__metadata__": 1.}`:           "want a value at byte 17",
		`{"__metadata__": -}`:            "want a value at byte 17",
		`{"__metadata__": 1e}`:           "want a value at byte 17",
		`{"__metadata__": [1,]}`:         "want a value at byte 20",
		`{"w": 3}`:                       "w: not a {dtype, shape, data_offsets} entry (want an object at byte 6)",
		`{"w": {"dtype": 1}}`:            "w: not a {dtype, shape, data_offsets} entry (want a string at byte 16)",
		`{"w": {"shape": [1.5]}}`:        "w: not a {dtype, shape, data_offsets} entry (want an integer at byte 17)",
		`{"w": {"shape": [1e2]}}`:        "(want an integer at byte 17)",
		`{"w": {"shape": ["1"]}}`:        "(want an integer at byte 17)",
		`{"w": {"shape": 1}}`:            "(want an array at byte 16)",
		`{"w": {"data_offsets": [1 2]}}`: "(want , or ] at byte 26)",
		`{"w": {"shape": [99999999999999999999]}}`: "(want an integer at byte 17)",
	} {
		if _, err := stdEntries([]byte(hdr)); err == nil {
			t.Errorf("encoding/json reads %s", hdr)
		}
		_, err := safetensorsEntries([]byte(hdr))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error with %q", hdr, err, want)
		}
	}
	// encoding/json allows 10000 levels; 64 are plenty for a header.
	deep := `{"__metadata__": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`
	_, err := safetensorsEntries([]byte(deep))
	if want := "want at most 64 nested values at byte 81"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("100 levels: got %v, want an error with %q", err, want)
	}
}
