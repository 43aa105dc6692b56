package livetrain

import (
	"fmt"

	"convplayground/conv"
	"convplayground/nn"
)

// model is a network with its optimizer: what a session trains.
type model interface {
	// step trains on one batch (images scaled to [0,1], batch×784) and
	// returns the batch's mean cross-entropy before the update.
	step(images []float32, labels []uint8) (float64, error)
	// correct counts the images (n×784) the network classifies right.
	correct(images []float32, labels []uint8) (int, error)
	// stateDict is the parameters in PyTorch's state_dict order (the
	// network's own tensors: copy before handing them out).
	stateDict() []Param
}

// Param is one state_dict entry.
type Param struct {
	Name   string
	Tensor *conv.Tensor
}

// newModel is the one place that builds a network and its step from a
// start message. nn.Sequential text (package nn/arch) and SGD come in here.
func newModel(c Config) (model, error) {
	if c.Net != "lenet" {
		return nil, fmt.Errorf("livetrain: network %.40q: only the lenet preset trains in this build", c.Net)
	}
	if c.Optimizer != "adam" {
		return nil, fmt.Errorf("livetrain: optimizer %s: only adam trains in this build (nn's Trainer)", c.Optimizer)
	}
	net, err := nn.New(32, 128, c.Seed)
	if err != nil {
		return nil, err
	}
	// One goroutine: the browser gives a worker one thread.
	tr, err := nn.NewTrainer(net, c.Batch, 1)
	if err != nil {
		return nil, err
	}
	tr.LR = c.LR
	return &lenet{tr: tr}, nil
}

// lenet is package nn's LeNet with its Adam trainer.
type lenet struct{ tr *nn.Trainer }

// lenetNames are the LeNet's state_dict keys (nn keeps its own list unexported).
var lenetNames = [8]string{"conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}

func (m *lenet) step(images []float32, labels []uint8) (float64, error) {
	loss, _, err := m.tr.Step(images, labels)
	return loss, err
}

// correct classifies one image at a time with Predict, which reuses its
// workspace: nn.Evaluate makes new batch buffers every call, 40 MB for 100
// images, 790 MB of garbage for a test set of 2,000 in chunks, at the same
// speed.
func (m *lenet) correct(images []float32, labels []uint8) (int, error) {
	n := 0
	for i, y := range labels {
		p, err := m.tr.Net.Predict(images[i*pixels : (i+1)*pixels])
		if err != nil {
			return 0, err
		}
		if nn.Argmax(p[:]) == int(y) {
			n++
		}
	}
	return n, nil
}

func (m *lenet) stateDict() []Param {
	out := make([]Param, len(lenetNames))
	for i, name := range lenetNames {
		out[i] = Param{name, m.tr.Net.Params[i]}
	}
	return out
}
