package training

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/conv/npy"
	"convplayground/livetrain"
	"convplayground/modelfile"
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

// A learner's nn.Sequential with BatchNorm, its weights in a worker's
// order: the .npz and the .pt hold its state_dict in PyTorch's order
// (layer by layer; weight, bias, running_mean, running_var,
// num_batches_tracked), num_batches_tracked an int64 as in PyTorch.
func TestSaveSequential(t *testing.T) {
	s := New()
	want := []string{"0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "10.weight", "10.bias"}
	for _, k := range slices.Backward(want) {
		shape := []int{2}
		if strings.HasSuffix(k, "num_batches_tracked") {
			shape = []int{}
		}
		tensor, err := conv.NewTensor(shape...)
		if err != nil {
			t.Fatal(err)
		}
		tensor.Data[0] = float32(len(s.Weights) + 1)
		s.Weights = append(s.Weights, livetrain.Param{Name: k, Tensor: tensor})
	}
	for name, save := range map[string]func() ([]byte, error){"npz": s.NPZ, "pt": s.PT} {
		b, err := save()
		if err != nil {
			t.Fatal(err)
		}
		arrays, err := modelfile.Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var keys []string
		for _, a := range arrays {
			keys = append(keys, a.Name)
			if a.Name == "1.num_batches_tracked" && (a.DType != npy.Int64 || len(a.Shape) != 0 || a.I64[0] != 3) {
				t.Errorf("%s: num_batches_tracked %+v, want the int64 3 of shape []", name, a)
			}
		}
		if !slices.Equal(keys, want) {
			t.Errorf("%s: keys %v, want %v", name, keys, want)
		}
	}
	if got := s.SaveName(".pt"); got != "lenet_trained.pt" {
		t.Errorf("the LeNet's weights saved as %q", got)
	}
	s.Settings.Net = "nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2))"
	if got := s.SaveName(".pt"); got != "network_trained.pt" {
		t.Errorf("a learner's network's weights saved as %q, want network_trained.pt (not the LeNet's name)", got)
	}
}
