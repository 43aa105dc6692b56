package conv

import (
	"errors"
	"fmt"
	"slices"
)

// Small layers that sit between convolutions: ReLU and max pooling, forward
// and backward, with PyTorch's semantics.

// ReLU writes max(x, 0) into dst (dst may be x) as torch.relu does: a
// NaN stays NaN and −0 stays −0.
func ReLU(dst, x *Tensor) error {
	if len(dst.Data) != len(x.Data) {
		return shapeErr("ReLU output", dst.Shape, x.Shape)
	}
	d := dst.Data[:len(x.Data)]
	for i, v := range x.Data {
		// A comparison, not the max builtin: that is a call per value in
		// wasm, and it makes −0 into +0.
		if v < 0 {
			d[i] = 0
		} else {
			d[i] = v
		}
	}
	return nil
}

// ReLUBackward writes gx = gy where the ReLU's output y is positive, else 0
// (PyTorch's threshold_backward; gx may be gy).
func ReLUBackward(gx, gy, y *Tensor) error {
	if len(gx.Data) != len(y.Data) || len(gy.Data) != len(y.Data) {
		return fmt.Errorf("ReLU backward: gradients %s and %s for output %s", FormatShape(gx.Shape), FormatShape(gy.Shape), FormatShape(y.Shape))
	}
	for i, v := range y.Data {
		if v > 0 {
			gx.Data[i] = gy.Data[i]
		} else {
			gx.Data[i] = 0
		}
	}
	return nil
}

// MaxPool2d is nn.MaxPool2d(Kernel, Stride) without padding or dilation
// (floor mode). Stride 0 means Stride = Kernel, PyTorch's default.
type MaxPool2d struct{ Kernel, Stride int }

func (m MaxPool2d) stride() int {
	if m.Stride == 0 {
		return m.Kernel
	}
	return m.Stride
}

// OutShape is the output shape for an NCHW input, or PyTorch's complaint.
func (m MaxPool2d) OutShape(in []int) ([]int, error) {
	d, err := m.out(in)
	if err != nil {
		return nil, err
	}
	return d[:], nil
}

// out is OutShape without allocating, for the per-call checks.
func (m MaxPool2d) out(in []int) ([4]int, error) {
	if len(in) != 4 {
		return [4]int{}, fmt.Errorf("max_pool2d: expected 4D input, got %s", FormatShape(in))
	}
	if m.Kernel <= 0 || m.stride() <= 0 {
		return [4]int{}, errors.New("max_pool2d: kernel_size and stride must be greater than zero")
	}
	if in[2] < m.Kernel || in[3] < m.Kernel {
		return [4]int{}, fmt.Errorf("max_pool2d: Output size is too small (input %s, kernel %d)", FormatShape(in), m.Kernel)
	}
	return [4]int{in[0], in[1], (in[2]-m.Kernel)/m.stride() + 1, (in[3]-m.Kernel)/m.stride() + 1}, nil
}

// Forward writes the pooled maxima into dst and, when arg is not nil, the
// flat index within its input plane of each maximum (the first one on ties,
// as PyTorch), for Backward. len(arg) must be len(dst.Data).
func (m MaxPool2d) Forward(dst, x *Tensor, arg []int32) error {
	want, err := m.out(x.Shape)
	if err != nil {
		return err
	}
	if !slices.Equal(dst.Shape, want[:]) {
		return shapeErr("max_pool2d output", dst.Shape, want[:])
	}
	if arg != nil && len(arg) != len(dst.Data) {
		return fmt.Errorf("max_pool2d: %d argmax slots for %d outputs", len(arg), len(dst.Data))
	}
	h, w, oh, ow, k, s := x.Shape[2], x.Shape[3], want[2], want[3], m.Kernel, m.stride()
	for pl := 0; pl < want[0]*want[1]; pl++ {
		in := x.Data[pl*h*w : (pl+1)*h*w]
		out := dst.Data[pl*oh*ow : (pl+1)*oh*ow]
		if k == 2 && s == 2 { // the network's pools, twice a guess
			var parg []int32
			if arg != nil {
				parg = arg[pl*oh*ow : (pl+1)*oh*ow]
			}
			pool2(out, parg, in, w, oh, ow)
			continue
		}
		for oy := 0; oy < oh; oy++ {
			for ox := 0; ox < ow; ox++ {
				best := oy*s*w + ox*s
				for ky := 0; ky < k; ky++ {
					for kx := 0; kx < k; kx++ {
						// "> or NaN": PyTorch keeps the first maximum and propagates NaN.
						if i := (oy*s+ky)*w + ox*s + kx; in[i] > in[best] || in[i] != in[i] {
							best = i
						}
					}
				}
				out[oy*ow+ox] = in[best]
				if arg != nil {
					arg[pl*oh*ow+oy*ow+ox] = int32(best)
				}
			}
		}
	}
	return nil
}

// pool2 is one plane of MaxPool2d(2, 2): the general loop's comparisons in
// its scan order, unrolled over the window; arg may be nil.
func pool2(out []float32, arg []int32, in []float32, w, oh, ow int) {
	for oy := range oh {
		r0, r1 := in[2*oy*w:][:w], in[(2*oy+1)*w:][:w]
		o := out[oy*ow:][:ow]
		for ox := range o {
			x := 2 * ox
			b, v := x, r0[x]                   // b: the tap, relative to the window's row
			if u := r0[x+1]; u > v || u != u { // "> or NaN", as in Forward
				b, v = x+1, u
			}
			if u := r1[x]; u > v || u != u {
				b, v = w+x, u
			}
			if u := r1[x+1]; u > v || u != u {
				b, v = w+x+1, u
			}
			o[ox] = v
			if arg != nil {
				arg[oy*ow+ox] = int32(2*oy*w + b)
			}
		}
	}
}

// Backward writes into gx (the input's shape) the gradient gy routed to the
// maxima that Forward recorded in arg; overlapping windows accumulate.
func (m MaxPool2d) Backward(gx, gy *Tensor, arg []int32) error {
	want, err := m.out(gx.Shape)
	if err != nil {
		return err
	}
	if !slices.Equal(gy.Shape, want[:]) {
		return shapeErr("max_pool2d output gradient", gy.Shape, want[:])
	}
	if len(arg) != len(gy.Data) {
		return fmt.Errorf("max_pool2d: %d argmax slots for %d outputs", len(arg), len(gy.Data))
	}
	hw, ohw := gx.Shape[2]*gx.Shape[3], want[2]*want[3]
	clear(gx.Data)
	for pl := 0; pl < want[0]*want[1]; pl++ {
		in := gx.Data[pl*hw : (pl+1)*hw]
		for i, g := range gy.Data[pl*ohw : (pl+1)*ohw] {
			a := arg[pl*ohw+i]
			if a < 0 || int(a) >= hw {
				return fmt.Errorf("max_pool2d: argmax %d outside a plane of %d", a, hw)
			}
			in[a] += g
		}
	}
	return nil
}
