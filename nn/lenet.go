package nn

import (
	"fmt"

	"convplayground/conv"
)

// The Net as a Sequential of this package's layers: what Predict,
// PredictWith, Evaluate and the Trainer run.

// Sequential returns the network as
//
//	nn.Sequential(nn.Conv2d(1, 20, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
//	              nn.Conv2d(20, C2, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
//	              nn.Linear(C2·25, H), nn.ReLU(), nn.Linear(H, 10))
//
// (arch.LeNet's text for the committed C2 = 32, H = 128), whose parameters
// are the Net's own tensors under the keys 0.weight, 0.bias, 3.*, 7.* and
// 9.*: training it trains the Net. Each call makes a Sequential with its
// own activations and gradients.
func (n *Net) Sequential() *Sequential {
	return n.sequentialFrom(n.conv1, n.Params[0], n.Params[1], true)
}

// sequentialFrom is Sequential with another (valid) conv1, its weight and
// bias (nil without), with gradients or without.
func (n *Net) sequentialFrom(first conv.Conv2d, w, b *conv.Tensor, grads bool) *Sequential {
	P := n.Params
	return &Sequential{Layers: []Layer{
		conv2dOn(first, w, b, grads), &ReLU{}, newPool(),
		conv2dOn(n.conv2, P[2], P[3], grads), &ReLU{}, newPool(), NewFlatten(),
		linearOn(P[4], P[5], grads), &ReLU{}, linearOn(P[6], P[7], grads),
	}}
}

// newPool is the network's nn.MaxPool2d(2).
func newPool() *MaxPool2d { return NewMaxPool2d([2]int{2, 2}, [2]int{2, 2}, [2]int{}) }

// share is one goroutine's part of a batch (a training step's, Evaluate's
// or Predict's): the network as its own Sequential, and the buffers
// around it.
type share struct {
	n       int
	seq     *Sequential
	x       *conv.Tensor // [n,1,28,28]
	glogits *conv.Tensor // the loss's gradient [n,10]
	labels  []int
	probs   []float32 // softmax of the last logits
}

// newShare makes a share of n images, with the parameters' gradients when
// it trains (Predict and Evaluate need none).
func (net *Net) newShare(n int, train bool) *share {
	seq := net.sequentialFrom(net.conv1, net.Params[0], net.Params[1], train)
	return &share{n: n, seq: seq, x: conv.Zeros(n, 1, Side, Side),
		glogits: conv.Zeros(n, Classes), labels: make([]int, n), probs: make([]float32, n*Classes)}
}

// forward runs the network on w.x and leaves the probabilities in w.probs
// (in eval mode, which for this network, without BatchNorm or Dropout, is
// also training's forward pass).
func (w *share) forward() (*conv.Tensor, error) {
	logits, err := w.seq.Forward(w.x)
	if err != nil {
		return nil, err
	}
	softmax(w.probs, logits.Data)
	return logits, nil
}

// step computes the parameter gradients (into w.seq's, zeroed first) of
// the batch's mean cross-entropy, of which this share's images are n of
// batch, for labels. It returns the share's summed loss and how many it
// classified right.
func (w *share) step(labels []uint8, batch int) (loss float64, correct int, err error) {
	for i, y := range labels {
		if y >= Classes {
			return 0, 0, fmt.Errorf("nn: label %d is not a digit", y)
		}
		w.labels[i] = int(y)
	}
	w.seq.ZeroGrad()
	if _, err := w.forward(); err != nil {
		return 0, 0, err
	}
	mean, err := CrossEntropy(w.seq.outs[len(w.seq.outs)-1], w.labels, w.glogits)
	if err != nil {
		return 0, 0, err
	}
	scale := float32(w.n) / float32(batch) // the share's mean → its part of the batch's
	for i := range w.glogits.Data {
		w.glogits.Data[i] *= scale
	}
	if _, err := w.seq.backward(w.glogits, false); err != nil {
		return 0, 0, err
	}
	return mean * float64(w.n), w.correct(), nil
}

// correct counts the images whose most probable class is their label.
func (w *share) correct() int {
	c := 0
	for i, y := range w.labels {
		if Argmax(w.probs[i*Classes:(i+1)*Classes]) == y {
			c++
		}
	}
	return c
}

// Argmax is the index of the largest value, the first one on a tie.
func Argmax(p []float32) int {
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return best
}
