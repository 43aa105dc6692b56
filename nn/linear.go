package nn

import (
	"fmt"
	"math/rand/v2"

	"convplayground/conv"
)

// Linear is nn.Linear(in_features, out_features, bias): y = x·Wᵀ + b on the
// last dimension of x (any leading dimensions are rows), W [out, in].
type Linear struct {
	Weight, Bias Entry // Bias.Value is nil without bias
	zero         *conv.Tensor
	wt           []float32 // the forward pass's vector workspace (see linear)
	terms        termList  // the backward pass's workspace (see linearBackward)
}

// NewLinear is nn.Linear(in, out, bias) with zero weights (Sequential.Reset
// initialises them).
func NewLinear(in, out int, bias bool) (*Linear, error) {
	for _, d := range []int{out, in} {
		if d < 0 {
			return nil, fmt.Errorf("Trying to create tensor with negative dimension %d: [%d, %d]", d, out, in)
		}
	}
	if conv.Numel([]int{out, in}) < 0 {
		return nil, fmt.Errorf("Linear(%d, %d) is too large (limit %d weights)", in, out, conv.MaxElements)
	}
	var b *conv.Tensor
	if bias {
		b = conv.Zeros(out)
	}
	return linearOn(conv.Zeros(out, in), b, true), nil
}

// linearOn is the layer on a given weight [out, in] and bias (nil: none),
// with gradients (to train it) or without.
func linearOn(w, b *conv.Tensor, grads bool) *Linear {
	l := &Linear{Weight: Entry{Name: "weight", Value: w}}
	if b != nil {
		l.Bias = Entry{Name: "bias", Value: b}
	} else {
		l.zero = conv.Zeros(w.Shape[0]) // linear adds a bias
	}
	if grads {
		l.Weight.Grad = conv.Zeros(w.Shape...)
		if b != nil {
			l.Bias.Grad = conv.Zeros(b.Shape...)
		}
	}
	return l
}

func (l *Linear) dims() (in, out int) { return l.Weight.Value.Shape[1], l.Weight.Value.Shape[0] }

func (l *Linear) String() string {
	in, out := l.dims()
	return fmt.Sprintf("Linear(in_features=%d, out_features=%d, bias=%s)", in, out, pyBool(l.Bias.Value != nil))
}

func (l *Linear) State() []Entry {
	if l.Bias.Value == nil {
		return []Entry{l.Weight}
	}
	return []Entry{l.Weight, l.Bias}
}

func (l *Linear) reset(r *rand.Rand) { kaimingUniform(r, l.Weight.Value, l.Bias.Value) }

// OutShape: F.linear folds the leading dimensions into rows and multiplies;
// a mismatch is the matrix product's message.
func (l *Linear) OutShape(in []int) ([]int, error) {
	fin, fout := l.dims()
	if len(in) == 0 {
		return nil, fmt.Errorf("both arguments to matmul need to be at least 1D, but they are 0D and 2D")
	}
	rows := 1
	for _, d := range in[:len(in)-1] {
		rows *= d
	}
	if in[len(in)-1] != fin {
		return nil, fmt.Errorf("mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", rows, in[len(in)-1], fin, fout)
	}
	out := append([]int(nil), in...)
	out[len(out)-1] = fout
	if conv.Numel(out) < 0 {
		return nil, fmt.Errorf("Linear output of shape %s is too large (limit %d elements)", conv.FormatShape(out), conv.MaxElements)
	}
	return out, nil
}

func (l *Linear) macs(in []int) int64 {
	_, fout := l.dims()
	return int64(conv.Numel(in)) * int64(fout)
}

func (l *Linear) bias() *conv.Tensor {
	if l.Bias.Value == nil {
		return l.zero
	}
	return l.Bias.Value
}

func (l *Linear) Forward(y, x *conv.Tensor, _ bool) error {
	fin, _ := l.dims()
	l.wt = linear(y.Data, x.Data, l.Weight.Value, l.bias(), len(x.Data)/max(fin, 1), l.wt)
	return nil
}

func (l *Linear) Backward(gx, gy, x, _ *conv.Tensor) error {
	fin, _ := l.dims()
	var gxd []float32
	if gx != nil {
		gxd = gx.Data
	}
	linearBackward(gxd, l.Weight.Grad, l.Bias.Grad, gy.Data, x.Data, l.Weight.Value, len(x.Data)/max(fin, 1), &l.terms)
	return nil
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
