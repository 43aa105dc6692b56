package conv

import (
	"errors"
	"fmt"
)

// Padding modes, as torch.nn.Conv2d's padding_mode.
const (
	ZerosMode     = "zeros"
	ReflectMode   = "reflect"
	ReplicateMode = "replicate"
	CircularMode  = "circular"
)

// Conv2d holds the settings of torch.nn.Conv2d. Pairs are (height, width).
type Conv2d struct {
	InChannels, OutChannels int
	Kernel                  [2]int
	Stride                  [2]int
	Padding                 [2]int // used when PaddingString is ""
	PaddingString           string // "", "same" or "valid"
	Dilation                [2]int
	Groups                  int
	Bias                    bool
	PaddingMode             string // "zeros" (or ""), "reflect", "replicate", "circular"
}

// New is nn.Conv2d(in, out, k, stride, padding) with PyTorch's defaults:
// square kernel, dilation 1, groups 1, bias, zero padding.
func New(in, out, k, stride, padding int) Conv2d {
	return Conv2d{
		InChannels: in, OutChannels: out,
		Kernel: [2]int{k, k}, Stride: [2]int{stride, stride}, Padding: [2]int{padding, padding},
		Dilation: [2]int{1, 1}, Groups: 1, Bias: true, PaddingMode: ZerosMode,
	}
}

// Geometry is everything the settings and an input shape determine.
type Geometry struct {
	Input, Weight, Output []int
	Bias                  []int // nil without bias
	// Pad is the resolved padding: top, bottom, left, right.
	Pad [4]int
	// EffKernel is the dilated kernel extent d·(k−1)+1 per axis.
	EffKernel [2]int
	Params    int64 // weights plus biases
	MACs      int64 // multiply-adds for the whole batch
}

func (c Conv2d) mode() string {
	if c.PaddingMode == "" {
		return ZerosMode
	}
	return c.PaddingMode
}

// Validate applies the checks of nn.Conv2d's constructor, with its messages.
func (c Conv2d) Validate() error {
	if c.Groups <= 0 {
		return errors.New("groups must be a positive integer")
	}
	if c.InChannels%c.Groups != 0 {
		return errors.New("in_channels must be divisible by groups")
	}
	if c.OutChannels%c.Groups != 0 {
		return errors.New("out_channels must be divisible by groups")
	}
	switch c.PaddingString {
	case "", "valid":
	case "same":
		if c.Stride[0] != 1 || c.Stride[1] != 1 {
			return errors.New("padding='same' is not supported for strided convolutions")
		}
	default:
		return fmt.Errorf("Invalid padding string '%s', should be one of {'valid', 'same'}", c.PaddingString)
	}
	switch c.mode() {
	case ZerosMode, ReflectMode, ReplicateMode, CircularMode:
	default:
		return fmt.Errorf("padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='%s'", c.PaddingMode)
	}
	return nil
}

// pads resolves the padding to top, bottom, left, right.
func (c Conv2d) pads() [4]int {
	switch c.PaddingString {
	case "valid":
		return [4]int{}
	case "same":
		var p [4]int
		for a := 0; a < 2; a++ {
			total := c.Dilation[a] * (c.Kernel[a] - 1)
			p[2*a] = total / 2
			p[2*a+1] = total - total/2
		}
		return p
	}
	return [4]int{c.Padding[0], c.Padding[0], c.Padding[1], c.Padding[1]}
}

// Geometry validates the settings against an NCHW input shape, as
// nn.Conv2d's forward would, and derives every shape.
func (c Conv2d) Geometry(input []int) (Geometry, error) {
	var g Geometry
	if err := c.Validate(); err != nil {
		return g, err
	}
	if len(input) != 4 {
		return g, fmt.Errorf("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: %v", fmtShape(input))
	}
	for a := 0; a < 2; a++ {
		if c.Stride[a] <= 0 {
			return g, errors.New("non-positive stride is not supported")
		}
		if c.Padding[a] < 0 && c.PaddingString == "" {
			return g, errors.New("negative padding is not supported")
		}
		if c.Dilation[a] <= 0 {
			return g, errors.New("dilation should be greater than zero")
		}
		if c.Kernel[a] <= 0 {
			return g, errors.New("non-positive kernel size is not supported")
		}
	}
	weight := []int{c.OutChannels, c.InChannels / c.Groups, c.Kernel[0], c.Kernel[1]}
	if input[1] != c.InChannels {
		return g, fmt.Errorf("Given groups=%d, weight of size %s, expected input%s to have %d channels, but got %d channels instead",
			c.Groups, fmtShape(weight), fmtShape(input), c.InChannels, input[1])
	}
	p := c.pads()
	h, w := input[2], input[3]
	if m := c.mode(); m != ZerosMode {
		if err := checkPadMode(m, p, input); err != nil {
			return g, err
		}
	}
	ph, pw := h+p[0]+p[1], w+p[2]+p[3]
	eh, ew := c.Dilation[0]*(c.Kernel[0]-1)+1, c.Dilation[1]*(c.Kernel[1]-1)+1
	if ph < eh || pw < ew {
		return g, fmt.Errorf("Calculated padded input size per channel: (%d x %d). Kernel size: (%d x %d). Kernel size can't be greater than actual input size", ph, pw, eh, ew)
	}
	out := []int{input[0], c.OutChannels, (ph-eh)/c.Stride[0] + 1, (pw-ew)/c.Stride[1] + 1}
	for _, s := range [][]int{input, weight, out} {
		if Numel(s) < 0 {
			return g, fmt.Errorf("shape %s is too large (limit %d elements)", fmtShape(s), MaxElements)
		}
	}
	g = Geometry{Input: append([]int(nil), input...), Weight: weight, Output: out, Pad: p, EffKernel: [2]int{eh, ew}}
	if c.Bias {
		g.Bias = []int{c.OutChannels}
	}
	g.Params = int64(Numel(weight))
	if c.Bias {
		g.Params += int64(c.OutChannels)
	}
	g.MACs = int64(Numel(out)) * int64(weight[1]*weight[2]*weight[3])
	return g, nil
}

// checkPadMode applies F.pad's limits for the non-zero padding modes.
func checkPadMode(mode string, p [4]int, input []int) error {
	// F.pad checks the last dimension first: (left, right) against W, then H.
	for _, d := range []struct{ before, after, dim int }{{p[2], p[3], 3}, {p[0], p[1], 2}} {
		size := input[d.dim]
		switch mode {
		case ReflectMode:
			if d.before >= size || d.after >= size {
				return fmt.Errorf("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (%d, %d) at dimension %d of input %s",
					d.before, d.after, d.dim, fmtShape(input))
			}
		case CircularMode:
			if d.before > size || d.after > size {
				return errors.New("Padding value causes wrapping around more than once.")
			}
		}
	}
	return nil
}

// fmtShape prints a shape as PyTorch does: [16, 1, 28, 28].
func fmtShape(s []int) string {
	b := []byte{'['}
	for i, d := range s {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = fmt.Append(b, d)
	}
	return string(append(b, ']'))
}
