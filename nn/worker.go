package nn

import (
	"math"

	"convplayground/conv"
)

// worker holds every activation and gradient buffer for forward and
// backward passes over a batch of a fixed size. Training runs one worker per
// goroutine on its share of each batch; Predict has a worker of batch 1.
type worker struct {
	n int // batch size

	x      *conv.Tensor // input [n,1,28,28]
	p1     *conv.Plan
	b1     *conv.BackwardPlan
	a1     *conv.Tensor // conv1 → relu, [n,20,28,28]
	pool1  *MaxPool2d
	m1     *conv.Tensor // pool1 [n,20,14,14]
	p2     *conv.Plan
	b2     *conv.BackwardPlan
	a2     *conv.Tensor // conv2 → relu, [n,C2,10,10]
	m2     *conv.Tensor // pool2 [n,C2,5,5] = flatten [n,C2·25]
	pool2  *MaxPool2d
	h      *conv.Tensor // fc1 → relu [n,H]
	logits *conv.Tensor // [n,10]
	probs  *conv.Tensor // softmax [n,10]

	// Gradients of the activations (same shapes) and of the parameters.
	ga1, gm1, ga2, gm2, gh, glogits *conv.Tensor
	grads                           [8]*conv.Tensor
}

func newWorker(net *Net, n int) (*worker, error) {
	c2, h := net.Widths()
	w := &worker{n: n, pool1: newPool(), pool2: newPool()}
	var err error
	in := []int{n, 1, Side, Side}
	if w.p1, err = conv.NewPlan(net.conv1, in); err != nil {
		return nil, err
	}
	if w.b1, err = conv.NewBackwardPlan(net.conv1, in); err != nil {
		return nil, err
	}
	in2 := []int{n, Conv1Filters, 14, 14}
	if w.p2, err = conv.NewPlan(net.conv2, in2); err != nil {
		return nil, err
	}
	if w.b2, err = conv.NewBackwardPlan(net.conv2, in2); err != nil {
		return nil, err
	}
	// One goroutine per worker: training parallelises over workers.
	w.p1.Workers, w.p2.Workers, w.b1.Workers, w.b2.Workers = 1, 1, 1, 1
	w.x = conv.Zeros(in...)
	w.a1, w.ga1 = conv.Zeros(n, Conv1Filters, 28, 28), conv.Zeros(n, Conv1Filters, 28, 28)
	w.m1, w.gm1 = conv.Zeros(in2...), conv.Zeros(in2...)
	w.a2, w.ga2 = conv.Zeros(n, c2, 10, 10), conv.Zeros(n, c2, 10, 10)
	w.m2, w.gm2 = conv.Zeros(n, c2, 5, 5), conv.Zeros(n, c2, 5, 5)
	w.h, w.gh = conv.Zeros(n, h), conv.Zeros(n, h)
	w.logits, w.probs, w.glogits = conv.Zeros(n, Classes), conv.Zeros(n, Classes), conv.Zeros(n, Classes)
	for i, p := range net.Params {
		w.grads[i] = conv.Zeros(p.Shape...)
	}
	return w, nil
}

// forward runs the network on w.x, leaving every activation and the softmax
// probabilities in place for backward.
func (w *worker) forward(net *Net) error {
	P := net.Params
	if err := w.p1.Forward(w.a1, w.x, P[0], P[1]); err != nil {
		return err
	}
	relu(w.a1.Data, w.a1.Data)
	if err := w.pool1.Forward(w.m1, w.a1, false); err != nil {
		return err
	}
	if err := w.p2.Forward(w.a2, w.m1, P[2], P[3]); err != nil {
		return err
	}
	relu(w.a2.Data, w.a2.Data)
	if err := w.pool2.Forward(w.m2, w.a2, false); err != nil {
		return err
	}
	linear(w.h.Data, w.m2.Data, P[4], P[5], w.n)
	relu(w.h.Data, w.h.Data)
	linear(w.logits.Data, w.h.Data, P[6], P[7], w.n)
	softmax(w.probs.Data, w.logits.Data)
	return nil
}

// backward computes the parameter gradients of Σ_i loss_i · scale, where
// loss_i is the cross-entropy of image i against labels[i], after forward.
// It returns Σ_i loss_i and the number of correct predictions.
func (w *worker) backward(net *Net, labels []uint8, scale float32) (loss float64, correct int, err error) {
	P, G := net.Params, w.grads
	for _, g := range G[4:] {
		clear(g.Data) // linearBackward adds into them
	}
	for i, y := range labels {
		p := w.probs.Data[i*Classes : (i+1)*Classes]
		g := w.glogits.Data[i*Classes : (i+1)*Classes]
		loss -= math.Log(max(float64(p[y]), 1e-30))
		if Argmax(p) == int(y) {
			correct++
		}
		for k := range g {
			g[k] = p[k] * scale
		}
		g[y] -= scale
	}
	linearBackward(w.gh.Data, G[6], G[7], w.glogits.Data, w.h.Data, P[6], w.n)
	reluBackward(w.gh.Data, w.gh.Data, w.h.Data)
	linearBackward(w.gm2.Data, G[4], G[5], w.gh.Data, w.m2.Data, P[4], w.n)
	if err = w.pool2.Backward(w.ga2, w.gm2, nil, nil); err != nil {
		return
	}
	reluBackward(w.ga2.Data, w.ga2.Data, w.a2.Data)
	if err = w.b2.Backward(w.gm1, G[2], G[3], w.m1, P[2], w.ga2); err != nil {
		return
	}
	if err = w.pool1.Backward(w.ga1, w.gm1, nil, nil); err != nil {
		return
	}
	reluBackward(w.ga1.Data, w.ga1.Data, w.a1.Data)
	err = w.b1.Backward(nil, G[0], G[1], w.x, P[0], w.ga1)
	return
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
