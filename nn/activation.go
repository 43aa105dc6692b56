package nn

import (
	"fmt"
	"math"

	"convplayground/conv"
)

// The element-wise layers: ReLU, LeakyReLU, Sigmoid, Tanh. Any shape in,
// the same shape out; their gradients read the output (ReLU, Sigmoid,
// Tanh) or the input (LeakyReLU), as PyTorch's backward functions do.

// ReLU is nn.ReLU (inplace=True computes the same values: Sequential keeps
// every layer's output anyway).
type ReLU struct{ Inplace bool }

func (r *ReLU) String() string {
	if r.Inplace {
		return "ReLU(inplace=True)"
	}
	return "ReLU()"
}
func (*ReLU) OutShape(in []int) ([]int, error) { return in, nil }
func (*ReLU) State() []Entry                   { return nil }
func (*ReLU) Forward(y, x *conv.Tensor, _ bool) error {
	relu(y.Data, x.Data)
	return nil
}
func (*ReLU) Backward(gx, gy, _, y *conv.Tensor) error {
	if gx != nil {
		reluBackward(gx.Data, gy.Data, y.Data)
	}
	return nil
}

// relu writes max(x, 0) into dst (dst may be x) as torch.relu does: a
// NaN stays NaN and −0 stays −0. A value is kept by masking its bits, not
// by a branch: half the signs of a layer's values are a coin toss, and
// the mispredicted branch cost 5x (the max builtin is a call per value in
// wasm, and it makes −0 into +0).
func relu(dst, x []float32) {
	d := dst[:len(x)]
	for i, v := range x {
		keep := uint32(0)
		if !(v < 0) {
			keep = ^uint32(0)
		}
		d[i] = math.Float32frombits(math.Float32bits(v) & keep)
	}
}

// reluBackward writes gx = gy where the ReLU's output y is positive, else 0
// (PyTorch's threshold_backward; gx may be gy), by masking as relu does.
func reluBackward(gx, gy, y []float32) {
	gx, gy = gx[:len(y)], gy[:len(y)]
	for i, v := range y {
		keep := uint32(0)
		if v > 0 {
			keep = ^uint32(0)
		}
		gx[i] = math.Float32frombits(math.Float32bits(gy[i]) & keep)
	}
}

// LeakyReLU is nn.LeakyReLU(negative_slope): x, or slope·x where x < 0.
type LeakyReLU struct {
	Slope   float64
	Inplace bool
}

func (l *LeakyReLU) String() string {
	if l.Inplace {
		return fmt.Sprintf("LeakyReLU(negative_slope=%s, inplace=True)", pyFloat(l.Slope))
	}
	return fmt.Sprintf("LeakyReLU(negative_slope=%s)", pyFloat(l.Slope))
}
func (*LeakyReLU) OutShape(in []int) ([]int, error) { return in, nil }
func (*LeakyReLU) State() []Entry                   { return nil }
func (l *LeakyReLU) Forward(y, x *conv.Tensor, _ bool) error {
	s := float32(l.Slope)
	for i, v := range x.Data {
		if v > 0 {
			y.Data[i] = v
		} else {
			y.Data[i] = v * s
		}
	}
	return nil
}

// Backward: gy where x > 0, else gy·slope (leaky_relu_backward).
func (l *LeakyReLU) Backward(gx, gy, x, _ *conv.Tensor) error {
	if gx == nil {
		return nil
	}
	s := float32(l.Slope)
	for i, v := range x.Data {
		if v > 0 {
			gx.Data[i] = gy.Data[i]
		} else {
			gx.Data[i] = gy.Data[i] * s
		}
	}
	return nil
}

// Sigmoid is nn.Sigmoid: 1 / (1 + e^−x).
type Sigmoid struct{}

func (*Sigmoid) String() string                   { return "Sigmoid()" }
func (*Sigmoid) OutShape(in []int) ([]int, error) { return in, nil }
func (*Sigmoid) State() []Entry                   { return nil }
func (*Sigmoid) Forward(y, x *conv.Tensor, _ bool) error {
	for i, v := range x.Data {
		y.Data[i] = float32(1 / (1 + math.Exp(-float64(v))))
	}
	return nil
}

// Backward: gy·(1 − y)·y (sigmoid_backward).
func (*Sigmoid) Backward(gx, gy, _, y *conv.Tensor) error {
	if gx != nil {
		for i, v := range y.Data {
			gx.Data[i] = gy.Data[i] * (1 - v) * v
		}
	}
	return nil
}

// Tanh is nn.Tanh.
type Tanh struct{}

func (*Tanh) String() string                   { return "Tanh()" }
func (*Tanh) OutShape(in []int) ([]int, error) { return in, nil }
func (*Tanh) State() []Entry                   { return nil }
func (*Tanh) Forward(y, x *conv.Tensor, _ bool) error {
	for i, v := range x.Data {
		y.Data[i] = float32(math.Tanh(float64(v)))
	}
	return nil
}

// Backward: gy·(1 − y²) (tanh_backward).
func (*Tanh) Backward(gx, gy, _, y *conv.Tensor) error {
	if gx != nil {
		for i, v := range y.Data {
			gx.Data[i] = gy.Data[i] * (1 - v*v)
		}
	}
	return nil
}

// pyFloat prints a float as Python's repr does for the usual values: 0.01,
// 0.5, 1.0, 1e-05.
func pyFloat(v float64) string {
	s := fmt.Sprintf("%v", v)
	if v == math.Trunc(v) && math.Abs(v) < 1e16 {
		return s + ".0"
	}
	return s
}
