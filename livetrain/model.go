package livetrain

import (
	"errors"
	"fmt"
	"slices"

	"convplayground/conv"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// model is a network with its optimizer: what a session trains.
type model interface {
	// step trains on one batch (images scaled to [0,1], batch×784) and
	// returns the batch's mean cross-entropy before the update.
	step(images []float32, labels []uint8) (float64, error)
	// correct counts the images (n×784) the network classifies right.
	correct(images []float32, labels []uint8) (int, error)
	// stateDict is the parameters and buffers in PyTorch's state_dict
	// order (the network's own tensors: copy before handing them out).
	stateDict() []Param
}

// Param is one state_dict entry.
type Param struct {
	Name   string
	Tensor *conv.Tensor
}

// LeNetPreset is the start message's name for package nn's LeNet.
const LeNetPreset = "lenet"

// LeNetKeys are the LeNet's state_dict keys, in PyTorch's order and
// nn.Net.Params's (nn keeps its own list unexported).
var LeNetKeys = [8]string{"conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}

// newModel is the one place that builds a network and its step from a
// start message: nn's LeNet (the preset's name) or the network of an
// nn.Sequential text (package nn/arch, built by nn.Build with PyTorch's
// default init from the seed), with torch.optim's SGD (momentum 0 or more)
// or Adam.
func newModel(c Config) (model, error) {
	seq, keys, err := network(c.Net, c.Seed)
	if err != nil {
		return nil, err
	}
	if err := fitsMNIST(seq, c.Batch); err != nil {
		return nil, err
	}
	var opt nn.Optimizer
	if c.Optimizer == "sgd" {
		opt, err = nn.NewSGD(seq, c.LR, c.Momentum)
	} else {
		opt, err = nn.NewAdam(seq, c.LR)
	}
	if err != nil {
		return nil, err
	}
	return &seqModel{seq: seq, keys: keys, opt: opt, x: conv.Zeros(c.Batch, 1, nn.Side, nn.Side), y: make([]int, c.Batch)}, nil
}

// network is the preset's or the text's network, initialised from the
// seed, and its state_dict keys (nil: the Sequential's own, "0.weight"...).
func network(text string, seed uint64) (*nn.Sequential, []string, error) {
	if text == LeNetPreset {
		net, err := nn.New(32, 128, seed)
		if err != nil {
			return nil, nil, err
		}
		return net.Sequential(), LeNetKeys[:], nil
	}
	spec, err := arch.Parse(text)
	if err != nil {
		return nil, nil, fmt.Errorf("livetrain: the network's text: %v", err)
	}
	seq, err := nn.Build(spec)
	if err != nil {
		return nil, nil, fmt.Errorf("livetrain: %v", err)
	}
	seq.Reset(seed)
	return seq, nil, nil
}

// fitsMNIST refuses a network that cannot learn MNIST's digits: one that
// refuses the batch of images [B,1,28,28] (PyTorch's message, at its
// layer), whose output is not one logit per digit [B,10], or that has
// nothing to train.
func fitsMNIST(seq *nn.Sequential, batch int) error {
	in := []int{batch, 1, nn.Side, nn.Side}
	shapes, err := seq.Shapes(in)
	if err != nil {
		var le *nn.LayerError
		if errors.As(err, &le) {
			return fmt.Errorf("livetrain: the network cannot take MNIST's images %s: layer %d, %s: %v", conv.FormatShape(in), le.Index, le.Layer, le.Err)
		}
		return fmt.Errorf("livetrain: %v", err)
	}
	out, want := in, []int{batch, nn.Classes}
	if len(shapes) > 0 {
		out = shapes[len(shapes)-1]
	}
	if !slices.Equal(out, want) {
		return fmt.Errorf("livetrain: the network's output is %s for MNIST's images %s; training wants %s, a logit per digit (end it with nn.Flatten() and nn.Linear(..., 10))",
			conv.FormatShape(out), conv.FormatShape(in), conv.FormatShape(want))
	}
	if len(seq.Params()) == 0 {
		return errors.New("livetrain: the network has no parameters to train")
	}
	return nil
}

// seqModel is an nn.Sequential trained by an optimizer on batches of a
// fixed size.
type seqModel struct {
	seq  *nn.Sequential
	keys []string // the state_dict's keys; nil: the Sequential's
	opt  nn.Optimizer
	x    *conv.Tensor // the batch [B,1,28,28]
	y    []int
}

func (m *seqModel) step(images []float32, labels []uint8) (float64, error) {
	copy(m.x.Data, images)
	for i, v := range labels {
		m.y[i] = int(v)
	}
	return nn.TrainStep(m.seq, m.opt, m.x, m.y)
}

// correct classifies the images a batch at a time in eval mode (BatchNorm
// on its running statistics, no Dropout; the next step sets training mode
// again), on the training batch's buffers: a last batch that the images do
// not fill keeps older images in its other places, which eval mode keeps
// apart and nobody counts.
func (m *seqModel) correct(images []float32, labels []uint8) (int, error) {
	m.seq.Train = false
	b, n := len(m.y), 0
	for i := 0; i < len(labels); i += b {
		k := min(b, len(labels)-i)
		copy(m.x.Data, images[i*pixels:(i+k)*pixels])
		logits, err := m.seq.Forward(m.x)
		if err != nil {
			return 0, err
		}
		for j, y := range labels[i : i+k] {
			if nn.Argmax(logits.Data[j*nn.Classes:(j+1)*nn.Classes]) == int(y) {
				n++
			}
		}
	}
	return n, nil
}

// stateDict is the network's state_dict under its keys; a BatchNorm's
// num_batches_tracked (an int64 count) goes as a one-value tensor of shape
// [], a new one each time.
func (m *seqModel) stateDict() []Param {
	sd := m.seq.StateDict()
	out := make([]Param, len(sd))
	for i, e := range sd {
		out[i] = Param{e.Key, e.Value}
		if m.keys != nil {
			out[i].Name = m.keys[i]
		}
		if e.Count != nil {
			out[i].Tensor = &conv.Tensor{Shape: []int{}, Data: []float32{float32(*e.Count)}}
		}
	}
	return out
}
