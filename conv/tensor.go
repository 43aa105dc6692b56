// Package conv is a PyTorch-exact 2D convolution (torch.nn.Conv2d) and its
// transpose (torch.nn.ConvTranspose2d) in pure Go: NCHW float32 tensors, the
// layers' settings with PyTorch's validation and messages, shape
// arithmetic, fast forward passes and the backward passes (the layers
// around them, ReLU, pooling and the rest, are package nn's). Standard library
// only (plus Go's experimental simd/archsimd under GOEXPERIMENT=simd, for
// the vector kernels).
package conv

import "fmt"

// MaxElements bounds every tensor this package allocates: 2^28 elements
// (1 GiB of float32). Conv2d.Geometry refuses an input, padded input,
// weight or output beyond it, and NewTensor any shape beyond it, before
// anything is allocated; conv/npy refuses such files the same way. (Each
// integer setting is also bounded by ±2^30, so shape arithmetic never
// overflows.)
const MaxElements = 1 << 28

// Tensor is a dense float32 tensor in row-major order (NCHW for 4-D tensors).
type Tensor struct {
	Shape []int
	Data  []float32
}

// Numel returns the number of elements of a shape, or -1 when a dimension is
// negative or the product exceeds MaxElements.
func Numel(shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return -1
		}
		if d != 0 && n > MaxElements/d {
			return -1
		}
		n *= d
	}
	return n
}

// NewTensor allocates a zero tensor, or refuses a shape that is negative or too large.
func NewTensor(shape ...int) (*Tensor, error) {
	n := Numel(shape)
	if n < 0 {
		if err := checkEmpty(shape); err != nil {
			return nil, err // a negative dimension, in torch.empty's words
		}
		return nil, tooLarge("tensor", shape)
	}
	return &Tensor{Shape: append([]int(nil), shape...), Data: make([]float32, n)}, nil
}

// Zeros is NewTensor for shapes known to be valid; it panics on a bad shape.
func Zeros(shape ...int) *Tensor {
	t, err := NewTensor(shape...)
	if err != nil {
		panic(err)
	}
	return t
}

// FromData wraps data (not copied) with a shape; it panics if the sizes differ.
func FromData(data []float32, shape ...int) *Tensor {
	if Numel(shape) != len(data) {
		panic(fmt.Sprintf("conv.FromData: %d values for shape %v", len(data), shape))
	}
	return &Tensor{Shape: append([]int(nil), shape...), Data: data}
}

// Len is the number of elements.
func (t *Tensor) Len() int { return len(t.Data) }

// offset is the flat index of a multi-index.
func (t *Tensor) offset(idx []int) int {
	if len(idx) != len(t.Shape) {
		panic(fmt.Sprintf("conv: %d indices for shape %v", len(idx), t.Shape))
	}
	o := 0
	for i, v := range idx {
		if v < 0 || v >= t.Shape[i] {
			panic(fmt.Sprintf("conv: index %v out of range for shape %v", idx, t.Shape))
		}
		o = o*t.Shape[i] + v
	}
	return o
}

// At returns the element at a multi-index.
func (t *Tensor) At(idx ...int) float32 { return t.Data[t.offset(idx)] }

// Set stores v at a multi-index.
func (t *Tensor) Set(v float32, idx ...int) { t.Data[t.offset(idx)] = v }

// Plane returns channel c of batch item n of a 4-D NCHW tensor, sharing memory.
func (t *Tensor) Plane(n, c int) []float32 {
	h, w := t.Shape[2], t.Shape[3]
	o := (n*t.Shape[1] + c) * h * w
	return t.Data[o : o+h*w]
}

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Shape: append([]int(nil), t.Shape...), Data: append([]float32(nil), t.Data...)}
}
