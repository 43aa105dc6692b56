package nn

import (
	"fmt"
	"math"

	"convplayground/conv"
)

// CrossEntropy is F.cross_entropy(logits, labels) with its defaults (mean
// over the batch): the mean of logsumexp(logits[i]) − logits[i, labels[i]]
// over the rows of logits [N, C]. It also writes into grad (nil: not
// needed), of logits' shape, the loss's gradient: (softmax(logits[i]) −
// onehot(labels[i])) / N.
func CrossEntropy(logits *conv.Tensor, labels []int, grad *conv.Tensor) (float64, error) {
	if len(logits.Shape) != 2 {
		return 0, fmt.Errorf("cross_entropy: expected logits [N, C], got %s", conv.FormatShape(logits.Shape))
	}
	n, c := logits.Shape[0], logits.Shape[1]
	if len(labels) != n {
		return 0, fmt.Errorf("Expected input batch_size (%d) to match target batch_size (%d).", n, len(labels))
	}
	for _, y := range labels {
		if y < 0 || y >= c {
			return 0, fmt.Errorf("Target %d is out of bounds.", y)
		}
	}
	var loss float64
	for i, y := range labels {
		row := logits.Data[i*c : (i+1)*c]
		m := math.Inf(-1)
		for _, v := range row {
			m = max(m, float64(v))
		}
		var s float64
		for _, v := range row {
			s += math.Exp(float64(v) - m)
		}
		lse := m + math.Log(s)
		loss += lse - float64(row[y])
		if grad != nil {
			g := grad.Data[i*c : (i+1)*c]
			for k, v := range row {
				g[k] = float32(math.Exp(float64(v)-lse) / float64(n))
			}
			g[y] -= float32(1 / float64(n))
		}
	}
	return loss / float64(n), nil
}

// TrainStep is one step of training on a batch: zero_grad, the forward
// pass in training mode, cross_entropy against labels, backward and the
// optimizer's step. It returns the loss, from before the step. As in
// PyTorch, where the input needs no gradient, the input's gradient is not
// computed (the first layer's input gradient is most of a LeNet's conv1
// backward).
func TrainStep(s *Sequential, opt Optimizer, x *conv.Tensor, labels []int) (float64, error) {
	s.Train = true
	s.ZeroGrad()
	logits, err := s.Forward(x)
	if err != nil {
		return 0, err
	}
	grad := conv.Zeros(logits.Shape...)
	loss, err := CrossEntropy(logits, labels, grad)
	if err != nil {
		return 0, err
	}
	if _, err := s.backward(grad, false); err != nil {
		return 0, err
	}
	opt.Step()
	return loss, nil
}
