package hook

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"convplayground/game/state"
)

// The hook reports the open model: its tensors as the file has them, the
// conv weights offered, the one put on screen; null before one is opened.
func TestHookModel(t *testing.T) {
	s := fresh(t)
	type tensor struct {
		Name  string `json:"name"`
		Shape []int  `json:"shape"`
		DType string `json:"dtype"`
	}
	var got struct {
		Model *struct {
			Name    string   `json:"name"`
			Format  string   `json:"format"`
			Tensors []tensor `json:"tensors"`
			Convs   []string `json:"convs"`
			Picked  string   `json:"picked"`
			Network string   `json:"network"`
		} `json:"model"`
		Weight []int `json:"weight"`
	}
	decode := func() {
		t.Helper()
		b, err := json.Marshal(Build(s, 1, View{}))
		if err != nil {
			t.Fatal(err)
		}
		got.Model = nil
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
	}
	if decode(); got.Model != nil {
		t.Fatalf("a model before any was opened: %+v", got.Model)
	}
	data, err := os.ReadFile("../../modelfile/testdata/cnn.pt")
	if err != nil {
		t.Fatal(err)
	}
	s.Trained.ShowModel(state.ReadModel("cnn.pt", data))
	s.Trained.PickConv(0)
	s.Recompute()
	decode()
	m := got.Model
	if m == nil || m.Name != "cnn.pt" || m.Format != "pytorch" || m.Picked != "features.0.weight" || m.Network != "" {
		t.Fatalf("model %+v", m)
	}
	if want := []string{"features.0.weight", "features.3.weight"}; !reflect.DeepEqual(m.Convs, want) {
		t.Errorf("convs %v, want %v", m.Convs, want)
	}
	if len(m.Tensors) != 10 || !reflect.DeepEqual(m.Tensors[7], tensor{"features.3.weight", []int{6, 4, 3, 3}, "float32"}) ||
		!reflect.DeepEqual(m.Tensors[6], tensor{"features.1.num_batches_tracked", []int{}, "int64"}) {
		t.Errorf("tensors %+v", m.Tensors)
	}
	if !reflect.DeepEqual(got.Weight, []int{4, 1, 3, 3}) {
		t.Errorf("weight %v after the pick", got.Weight)
	}
}

// A state_dict that a preset network takes reports the network and its
// output on the selected sample (the network's own test checks the numbers
// against torch's).
func TestHookModelNetwork(t *testing.T) {
	s := fresh(t)
	data, err := os.ReadFile("../../game/state/testdata/tinyvgg.pt")
	if err != nil {
		t.Fatal(err)
	}
	s.Trained.ShowModel(state.ReadModel("tinyvgg.pt", data))
	b, err := json.Marshal(Build(s, 1, View{}))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Model struct {
			Network string    `json:"network"`
			Output  []float32 `json:"network_output"`
			Err     string    `json:"network_error"`
		} `json:"model"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Trained.NetOutput()
	if got.Model.Network != "TinyVGG" || len(want) != 10 || !reflect.DeepEqual(got.Model.Output, want) || got.Model.Err != "" {
		t.Errorf("model %+v", got.Model)
	}
}
