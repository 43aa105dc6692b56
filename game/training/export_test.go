package training

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"convplayground/conv/npy"
	"convplayground/livetrain"
	"convplayground/nn"
)

// The saved .npz holds the state_dict in PyTorch's key order, each
// array's shape and values as trained, whatever order the weights came
// in; Copy code's LeNet has the widths of the weights.
func TestNPZAndCode(t *testing.T) {
	s := New()
	if _, err := s.NPZ(); err == nil || s.Code() != "" {
		t.Error("weights saved before there are any")
	}
	net, err := nn.New(16, 64, 9)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range stateDictKeys {
		s.Weights = append(s.Weights, livetrain.Param{Name: k, Tensor: net.Params[i]})
	}
	slices.Reverse(s.Weights) // as a worker's message may list them
	s.Step = 321
	b, err := s.NPZ()
	if err != nil {
		t.Fatal(err)
	}
	arrays, err := npy.ReadNPZ(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(arrays) != len(stateDictKeys) {
		t.Fatalf("%d arrays, want %d", len(arrays), len(stateDictKeys))
	}
	for i, a := range arrays {
		p := net.Params[i]
		if a.Name != stateDictKeys[i] || !slices.Equal(a.Shape, p.Shape) || !slices.Equal(a.F32, p.Data) {
			t.Errorf("array %d: %s %v, want %s %v with the weights", i, a.Name, a.Shape, stateDictKeys[i], p.Shape)
		}
	}
	code := s.Code()
	for _, want := range []string{"step 321", "nn.Conv2d(20, 16, 5)", "nn.Linear(400, 64)", "nn.Linear(64, 10)", `np.load("lenet_trained.npz")`} {
		if !strings.Contains(code, want) {
			t.Errorf("Copy code's LeNet lacks %q:\n%s", want, code)
		}
	}
}
