package livetrain

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"convplayground/conv"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// small is a network of the learner's with a buffer: conv, BatchNorm (its
// running statistics and num_batches_tracked), pool and a Linear head.
const small = `nn.Sequential(
    nn.Conv2d(1, 4, 5, stride=2),
    nn.BatchNorm2d(4),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(144, 10)
)`

// A network that cannot learn MNIST's digits is refused at its start, with
// the layer and PyTorch's message where PyTorch refuses it.
func TestNetworkRefused(t *testing.T) {
	for _, c := range []struct{ net, want string }{
		{"nn.Sequential(nn.Conv2d(1, 4, 3)", "the network's text"},
		{"nn.Sequential(nn.Conv2d(1, 4, 3, padding=-1))", "layer 0, Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1), padding=(-1, -1)): negative padding is not supported"},
		{"nn.Sequential(nn.Conv2d(1, 4, 3, groups=3))", "livetrain: in_channels must be divisible by groups"},
		{"nn.Sequential(nn.Linear(784, 10))", "cannot take MNIST's images [8, 1, 28, 28]: layer 0, Linear(in_features=784, out_features=10, bias=True): mat1 and mat2 shapes cannot be multiplied (224x28 and 784x10)"},
		{"nn.Sequential(nn.Conv2d(3, 8, 3))", "layer 0, Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1)): Given groups=1, weight of size [8, 3, 3, 3], expected input[8, 1, 28, 28] to have 3 channels, but got 1 channels instead"},
		{"nn.Sequential(nn.Conv2d(1, 8, 5, padding=2))", "the network's output is [8, 8, 28, 28] for MNIST's images [8, 1, 28, 28]; training wants [8, 10]"},
		{"nn.Sequential(nn.Flatten(), nn.Linear(784, 12))", "output is [8, 12]"},
		{"nn.Sequential()", "output is [8, 1, 28, 28]"},
		{"nn.Sequential(nn.MaxPool2d((28, 19), stride=1), nn.Flatten())", "no parameters to train"},
	} {
		cfg := &Config{Net: c.net, Optimizer: "adam", LR: 1e-3, Batch: 8}
		w := NewWorker(time.Now)
		if err := w.Control(Message{Start: cfg}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one with %q", c.net, err, c.want)
		}
		if w.s != nil {
			t.Errorf("%s: a refused network left a session", c.net)
		}
	}
}

// A network from text starts from PyTorch's default init drawn from the
// seed (nn.Build, then Reset(seed)), names its state_dict as
// nn.Sequential does, buffers included, and reset goes back to it.
func TestNetworkStart(t *testing.T) {
	spec, err := arch.Parse(small)
	if err != nil {
		t.Fatal(err)
	}
	want, err := nn.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	want.Reset(7)
	cfg := &Config{Net: small, Optimizer: "sgd", LR: 0.05, Momentum: 0.9, Batch: 8, Seed: 7}
	w := NewWorker((&clock{tick: time.Millisecond}).now)
	if err := w.Control(Message{Start: cfg}); err != nil {
		t.Fatal(err)
	}
	u, _, _ := w.Next()
	var got []string
	for i, p := range u.Progress.Weights {
		got = append(got, p.Name+fmt.Sprint(p.Tensor.Shape))
		e := want.StateDict()[i]
		if e.Value != nil && !slices.Equal(p.Tensor.Data, e.Value.Data) {
			t.Errorf("%s: not the seed's init", p.Name)
		}
	}
	names := []string{"0.weight[4 1 5 5]", "0.bias[4]", "1.weight[4]", "1.bias[4]", "1.running_mean[4]", "1.running_var[4]", "1.num_batches_tracked[]", "5.weight[10 144]", "5.bias[10]"}
	if !slices.Equal(got, names) {
		t.Errorf("state_dict %q, want %q", got, names)
	}
	start := weights(u.Progress)
	w.Data(blockData(40, 20))
	for w.s.step < 3 {
		if _, _, err := w.Next(); err != nil {
			t.Fatal(err)
		}
	}
	if n := w.s.m.stateDict()[6].Tensor.Data[0]; n != float32(w.s.step) {
		t.Errorf("num_batches_tracked %v after %d steps", n, w.s.step)
	}
	w.Control(Message{Reset: true})
	if u, _, _ := w.Next(); !slices.Equal(weights(u.Progress), start) {
		t.Error("reset did not go back to the seed's weights")
	}
}

// The learner's network learns the blocks as the LeNet does.
func TestNetworkLearns(t *testing.T) {
	w := NewWorker((&clock{tick: 10 * time.Millisecond}).now)
	cfg := &Config{Net: small, Optimizer: "adam", LR: 1e-2, Batch: 16, Seed: 3, TestEvery: 30}
	if err := w.Control(Message{Start: cfg}); err != nil {
		t.Fatal(err)
	}
	w.Data(blockData(400, 150))
	var test *Test
	for test == nil || test.Step < 60 {
		u, _, err := w.Next()
		if err != nil {
			t.Fatal(err)
		}
		if u.Test != nil {
			test = u.Test
		}
	}
	if test.Accuracy < 0.9 {
		t.Errorf("test accuracy %v after %d steps, want ≥ 0.9", test.Accuracy, test.Step)
	}
}

// correct counts what the network in eval mode classifies right one image
// at a time, whatever the batch (a last batch the images do not fill).
func TestNetworkCorrect(t *testing.T) {
	for _, batch := range []int{1, 7, 64} {
		cfg := &Config{Net: small, Optimizer: "adam", LR: 1e-2, Batch: batch, Seed: 5}
		cfg.check()
		s, err := newSession(*cfg)
		if err != nil {
			t.Fatal(err)
		}
		s.setData(&Dataset{})
		d := blockData(64, 50)
		s.data = &d
		for range 3 { // running statistics of its own
			if err := s.trainStep(); err != nil {
				t.Fatal(err)
			}
		}
		x := make([]float32, len(d.TestImages))
		scale(x, d.TestImages)
		got, err := s.m.correct(x, d.TestLabels)
		if err != nil {
			t.Fatal(err)
		}
		seq := s.m.(*seqModel).seq
		want := 0
		for i, y := range d.TestLabels {
			seq.Train = false
			logits, err := seq.Forward(&conv.Tensor{Shape: []int{1, 1, 28, 28}, Data: x[i*pixels : (i+1)*pixels]})
			if err != nil {
				t.Fatal(err)
			}
			if nn.Argmax(logits.Data) == int(y) {
				want++
			}
		}
		if got != want || want == 0 {
			t.Errorf("batch %d: correct %d, one image at a time %d", batch, got, want)
		}
	}
}
