package nn

import (
	"errors"
	"fmt"
	"math"

	"convplayground/conv"
)

// Pooling: nn.MaxPool2d and nn.AvgPool2d (floor mode, dilation 1), on a
// 4-D [N,C,H,W] or 3-D [C,H,W] input, with PyTorch's checks and messages.

// pool2d is the geometry both pools share.
type pool2d struct {
	Kernel, Stride, Padding [2]int
}

// outShape is ATen's max_pool2d / avg_pool2d shape checks in their order:
// the input's rank, pooling_output_shape per axis, then pool2d_shape_check.
func (p pool2d) outShape(in []int) ([]int, error) {
	k, s, pd := p.Kernel, p.Stride, p.Padding
	nd := len(in)
	if nd != 3 && nd != 4 {
		return nil, errors.New("non-empty 3D or 4D (batch mode) tensor expected for input")
	}
	c, h, w := in[nd-3], in[nd-2], in[nd-1]
	oh, err := poolOut(h, k[0], pd[0], s[0])
	if err != nil {
		return nil, err
	}
	ow, err := poolOut(w, k[1], pd[1], s[1])
	if err != nil {
		return nil, err
	}
	if k[0] <= 0 || k[1] <= 0 {
		return nil, fmt.Errorf("kernel size should be greater than zero, but got kH: %d kW: %d", k[0], k[1])
	}
	if s[0] <= 0 || s[1] <= 0 {
		return nil, fmt.Errorf("stride should be greater than zero, but got dH: %d dW: %d", s[0], s[1])
	}
	if !(nd == 3 && in[0] != 0 && in[1] != 0 && in[2] != 0) && !(nd == 4 && in[1] != 0 && in[2] != 0 && in[3] != 0) {
		return nil, fmt.Errorf("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:%s", conv.FormatShape(in))
	}
	if oh < 1 || ow < 1 {
		return nil, fmt.Errorf("Given input size: (%dx%dx%d). Calculated output size: (%dx%dx%d). Output size is too small", c, h, w, c, oh, ow)
	}
	out := append([]int(nil), in...)
	out[nd-2], out[nd-1] = oh, ow
	return out, nil
}

// poolOut is ATen's pooling_output_shape (floor mode, dilation 1) with its checks.
func poolOut(in, k, pad, s int) (int, error) {
	if s == 0 {
		return 0, errors.New("stride should not be zero")
	}
	if pad < 0 {
		return 0, fmt.Errorf("pad must be non-negative, but got pad: %d", pad)
	}
	if pad > k/2 {
		return 0, fmt.Errorf("pad should be at most half of kernel size, but got pad=%d and kernel_size=%d", pad, k)
	}
	return floorDiv(in+2*pad-(k-1)-1, s) + 1, nil
}

func (p pool2d) args(name string) string {
	return fmt.Sprintf("%s(kernel_size=%s, stride=%s, padding=%s", name, pyPair(p.Kernel), pyPair(p.Stride), pyPair(p.Padding))
}

// pyPair prints a setting as the module holds it: 2 when both sides are
// the same (an int argument), else (3, 5).
func pyPair(v [2]int) string {
	if v[0] == v[1] {
		return fmt.Sprint(v[0])
	}
	return pair(v)
}

// planes is the number of H×W planes of a pooling input (N·C or C).
func planes(shape []int) int {
	n := 1
	for _, d := range shape[:len(shape)-2] {
		n *= d
	}
	return n
}

// window is the clipped extent [lo, hi) along one axis of output index o.
func window(o, k, s, pd, n int) (lo, hi int) {
	lo = o*s - pd
	return max(lo, 0), min(lo+k, n)
}

// MaxPool2d is nn.MaxPool2d(kernel_size, stride, padding): the padding is
// −inf, so a window's maximum is over its taps inside the input.
type MaxPool2d struct {
	pool2d
	arg []int32 // the flat index within its plane of each output's maximum, for Backward
}

// NewMaxPool2d is nn.MaxPool2d(kernel, stride, padding) (PyTorch's stride=None is
// the kernel size).
func NewMaxPool2d(kernel, stride, padding [2]int) *MaxPool2d {
	return &MaxPool2d{pool2d: pool2d{kernel, stride, padding}}
}

func (m *MaxPool2d) String() string {
	return m.args("MaxPool2d") + ", dilation=1, ceil_mode=False)"
}
func (m *MaxPool2d) OutShape(in []int) ([]int, error) { return m.outShape(in) }
func (*MaxPool2d) State() []Entry                     { return nil }

// Forward writes the maxima into y and remembers where they were: the first
// maximum in scan order, a NaN winning (PyTorch's "> or NaN").
func (m *MaxPool2d) Forward(y, x *conv.Tensor, _ bool) error {
	out := y.Shape // OutShape's (checked by the caller): nothing allocated per call
	if cap(m.arg) < len(y.Data) {
		m.arg = make([]int32, len(y.Data))
	}
	m.arg = m.arg[:len(y.Data)]
	nd := len(out)
	h, w, oh, ow := x.Shape[nd-2], x.Shape[nd-1], out[nd-2], out[nd-1]
	for pl := range planes(out) {
		in, o, arg := x.Data[pl*h*w:][:h*w], y.Data[pl*oh*ow:][:oh*ow], m.arg[pl*oh*ow:][:oh*ow]
		if m.Kernel == [2]int{2, 2} && m.Stride == [2]int{2, 2} && m.Padding == [2]int{} {
			pool2(o, arg, in, w, oh, ow) // LeNet's pools, twice a guess
			continue
		}
		for oy := range oh {
			y0, y1 := window(oy, m.Kernel[0], m.Stride[0], m.Padding[0], h)
			for ox := range ow {
				x0, x1 := window(ox, m.Kernel[1], m.Stride[1], m.Padding[1], w)
				best, v := y0*w+x0, float32(math.Inf(-1))
				for iy := y0; iy < y1; iy++ {
					for ix := x0; ix < x1; ix++ {
						if u := in[iy*w+ix]; u > v || u != u {
							best, v = iy*w+ix, u
						}
					}
				}
				o[oy*ow+ox], arg[oy*ow+ox] = v, int32(best)
			}
		}
	}
	return nil
}

// pool2 is one plane of MaxPool2d(2, 2): the general loop's comparisons in
// its scan order, unrolled over the window (on vectors where the build has
// them: pool2Vector).
func pool2(out []float32, arg []int32, in []float32, w, oh, ow int) {
	for oy := range oh {
		r0, r1 := in[2*oy*w:][:w], in[(2*oy+1)*w:][:w]
		o, a := out[oy*ow:][:ow], arg[oy*ow:][:ow]
		for ox := pool2Vector(o, a, r0, r1, 2*oy*w, w); ox < ow; ox++ {
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
			o[ox], a[ox] = v, int32(2*oy*w+b)
		}
	}
}

// Backward routes each output's gradient to its maximum; overlapping
// windows accumulate.
func (m *MaxPool2d) Backward(gx, gy, _, _ *conv.Tensor) error {
	if gx == nil {
		return nil
	}
	if len(m.arg) != len(gy.Data) {
		return errors.New("max_pool2d: backward without its forward")
	}
	if m.backwardTiled(gx, gy, nil) {
		return nil
	}
	nd := len(gx.Shape)
	hw, ohw := gx.Shape[nd-2]*gx.Shape[nd-1], gy.Shape[nd-2]*gy.Shape[nd-1]
	clear(gx.Data)
	for pl := range planes(gy.Shape) {
		in := gx.Data[pl*hw:][:hw]
		for i, g := range gy.Data[pl*ohw:][:ohw] {
			in[m.arg[pl*ohw+i]] += g
		}
	}
	return nil
}

// backwardTiled is Backward where MaxPool2d(2)'s windows tile the input
// (pool2Backward), and then, when relu (the input, a ReLU's output) is
// given, that ReLU's Backward too, in the same pass: Sequential's
// backward takes them together, saving a pass over the largest planes.
// It reports false (doing nothing) elsewhere.
func (m *MaxPool2d) backwardTiled(gx, gy, relu *conv.Tensor) bool {
	nd := len(gx.Shape)
	h, w, oh, ow := gx.Shape[nd-2], gx.Shape[nd-1], gy.Shape[nd-2], gy.Shape[nd-1]
	if m.Kernel != [2]int{2, 2} || m.Stride != [2]int{2, 2} || m.Padding != [2]int{} || h != 2*oh || w != 2*ow || len(m.arg) != len(gy.Data) {
		return false
	}
	hw, ohw := h*w, oh*ow
	for pl := range planes(gy.Shape) {
		var y []float32
		if relu != nil {
			y = relu.Data[pl*hw:][:hw]
		}
		pool2Backward(gx.Data[pl*hw:][:hw], gy.Data[pl*ohw:][:ohw], m.arg[pl*ohw:][:ohw], y, w, oh, ow)
	}
	return true
}

// pool2Backward is Backward on a plane that MaxPool2d(2)'s windows tile:
// each window's cells are written once, its maximum's with the gradient
// added to +0 (a −0 gives +0, as the scatter onto zeros does), the others
// 0 (no clearing pass, no second pass over the plane); on vectors as far
// as pool2BackwardVector goes. With y (the plane, a ReLU's output), the
// ReLU's backward follows: a maximum where y is not > 0 gets +0 too.
func pool2Backward(gx, gy []float32, arg []int32, y []float32, w, oh, ow int) {
	for oy := range oh {
		g, a := gy[oy*ow:][:ow], arg[oy*ow:][:ow]
		r0, r1 := gx[2*oy*w:][:2*ow], gx[(2*oy+1)*w:][:2*ow]
		var y0, y1 []float32
		if y != nil {
			y0, y1 = y[2*oy*w:][:2*ow], y[(2*oy+1)*w:][:2*ow]
		}
		for ox := pool2BackwardVector(r0, r1, g, a, y0, y1, 2*oy*w, w); ox < ow; ox++ {
			r0[2*ox], r0[2*ox+1], r1[2*ox], r1[2*ox+1] = 0, 0, 0, 0
			v := g[ox] + 0
			if y != nil && !(y[a[ox]] > 0) {
				v = 0
			}
			gx[a[ox]] = v
		}
	}
}

// AvgPool2d is nn.AvgPool2d(kernel_size, stride, padding) with PyTorch's
// defaults count_include_pad=True and ceil_mode=False: every window sums
// its taps inside the input and divides by kh·kw.
type AvgPool2d struct{ pool2d }

// NewAvgPool2d is nn.AvgPool2d(kernel, stride, padding) (PyTorch's stride=None is
// the kernel size).
func NewAvgPool2d(kernel, stride, padding [2]int) *AvgPool2d {
	return &AvgPool2d{pool2d{kernel, stride, padding}}
}

func (a *AvgPool2d) String() string                   { return a.args("AvgPool2d") + ")" }
func (a *AvgPool2d) OutShape(in []int) ([]int, error) { return a.outShape(in) }
func (*AvgPool2d) State() []Entry                     { return nil }

func (a *AvgPool2d) Forward(y, x *conv.Tensor, _ bool) error {
	out := y.Shape // OutShape's (checked by the caller)
	nd := len(out)
	h, w, oh, ow := x.Shape[nd-2], x.Shape[nd-1], out[nd-2], out[nd-1]
	div := float32(a.Kernel[0] * a.Kernel[1])
	for pl := range planes(out) {
		in, o := x.Data[pl*h*w:][:h*w], y.Data[pl*oh*ow:][:oh*ow]
		for oy := range oh {
			y0, y1 := window(oy, a.Kernel[0], a.Stride[0], a.Padding[0], h)
			for ox := range ow {
				x0, x1 := window(ox, a.Kernel[1], a.Stride[1], a.Padding[1], w)
				var s float32
				for iy := y0; iy < y1; iy++ {
					for _, v := range in[iy*w+x0 : iy*w+x1] {
						s += v
					}
				}
				o[oy*ow+ox] = s / div
			}
		}
	}
	return nil
}

// Backward spreads each output's gradient, divided by kh·kw, over its window.
func (a *AvgPool2d) Backward(gx, gy, _, _ *conv.Tensor) error {
	if gx == nil {
		return nil
	}
	nd := len(gx.Shape)
	h, w, oh, ow := gx.Shape[nd-2], gx.Shape[nd-1], gy.Shape[nd-2], gy.Shape[nd-1]
	div := float32(a.Kernel[0] * a.Kernel[1])
	clear(gx.Data)
	for pl := range planes(gy.Shape) {
		in, g := gx.Data[pl*h*w:][:h*w], gy.Data[pl*oh*ow:][:oh*ow]
		for oy := range oh {
			y0, y1 := window(oy, a.Kernel[0], a.Stride[0], a.Padding[0], h)
			for ox := range ow {
				x0, x1 := window(ox, a.Kernel[1], a.Stride[1], a.Padding[1], w)
				v := g[oy*ow+ox] / div
				for iy := y0; iy < y1; iy++ {
					for ix := x0; ix < x1; ix++ {
						in[iy*w+ix] += v
					}
				}
			}
		}
	}
	return nil
}
