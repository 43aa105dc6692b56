package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"convplayground/conv"
)

// Layer is one layer of a Sequential, as torch.nn computes it (float32,
// NCHW). Forward keeps what Backward needs (pooling's argmax, BatchNorm's
// batch statistics), so a Backward belongs to the Forward before it.
type Layer interface {
	// String is the layer as PyTorch prints it, e.g. "ReLU()".
	String() string
	// OutShape is the output shape for an input shape, or the message
	// PyTorch raises when this layer refuses the input.
	OutShape(in []int) ([]int, error)
	// Forward writes y from x, in training mode (BatchNorm's batch
	// statistics, Dropout's mask) or not; the caller has checked x's shape
	// with OutShape and made y of the shape it returned.
	Forward(y, x *conv.Tensor, train bool) error
	// Backward writes gx, the gradient of the input (nil when nobody needs
	// it), from gy, the output's, after Forward made y from x; it adds the
	// parameters' gradients into their Grad, as autograd accumulates.
	Backward(gx, gy, x, y *conv.Tensor) error
	// State lists the parameters and buffers in state_dict order.
	State() []Entry
}

// Entry is one parameter or buffer of a layer, named as in its state_dict
// ("weight", "running_mean", ...).
type Entry struct {
	Name  string
	Value *conv.Tensor // nil for num_batches_tracked, which is Count
	Grad  *conv.Tensor // a parameter's gradient; nil for a buffer
	Count *int64       // num_batches_tracked (a 0-d int64 tensor in PyTorch)
}

// param is a parameter entry of zeros, with a zero gradient.
func param(name string, shape ...int) Entry {
	return Entry{Name: name, Value: conv.Zeros(shape...), Grad: conv.Zeros(shape...)}
}

// resetter is a layer that Sequential.Reset initialises: parameters as
// PyTorch's reset_parameters (r stands for torch's generator), Dropout's
// mask generator.
type resetter interface{ reset(r *rand.Rand) }

// macser is a layer whose multiply-adds the summary counts.
type macser interface{ macs(in []int) int64 }

// kaimingUniform fills w and b (nil: no bias) as reset_parameters does for
// Conv2d and Linear: kaiming_uniform_(a=√5), that is uniform in ±1/√fan_in,
// and the bias uniform in ±1/√fan_in; fan_in is w's size per output.
func kaimingUniform(r *rand.Rand, w, b *conv.Tensor) {
	fanIn := 1
	for _, d := range w.Shape[1:] {
		fanIn *= d
	}
	bound := 0.0
	if fanIn > 0 {
		bound = 1 / math.Sqrt(float64(fanIn))
	}
	for _, t := range []*conv.Tensor{w, b} {
		if t == nil {
			continue
		}
		for i := range t.Data {
			t.Data[i] = float32((2*r.Float64() - 1) * bound)
		}
	}
}

// addInto adds src into dst (same length): a parameter gradient accumulating.
func addInto(dst, src []float32) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] += v
	}
}

// reshaped is t viewed with another shape (the same data), for the layers
// that take a 3-D unbatched input as a batch of one.
func reshaped(t *conv.Tensor, shape []int) *conv.Tensor {
	if t == nil || slices.Equal(t.Shape, shape) {
		return t
	}
	return &conv.Tensor{Shape: shape, Data: t.Data}
}

// sizeString is torch.Size's repr: torch.Size([1, 3, 1, 1]).
func sizeString(s []int) string {
	return "torch.Size(" + conv.FormatShape(s) + ")"
}

// pair prints a (h, w) setting as PyTorch's repr does: (3, 3).
func pair(p [2]int) string { return fmt.Sprintf("(%d, %d)", p[0], p[1]) }

// floorDiv is ⌊a/b⌋, also for negative a or b (ATen's div_rtn).
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
