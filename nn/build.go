package nn

import (
	"fmt"

	"convplayground/conv"
	"convplayground/nn/arch"
)

// Build makes the network a parsed nn.Sequential text describes, as
// PyTorch's constructors would: a layer whose arguments its constructor
// refuses is a *LayerError with PyTorch's message. The layers start with
// zero weights; Reset gives them PyTorch's default initialisation.
//
// The parameters of all the layers together may hold at most
// conv.MaxElements values (1 GiB of float32, twice that with their
// gradients): a larger network is refused, with our message, before
// anything is allocated.
func Build(spec arch.Spec) (*Sequential, error) {
	var total int64
	for i, l := range spec.Layers {
		if total += params(l); total > conv.MaxElements {
			return nil, &LayerError{i, l.Kind.String(), fmt.Errorf("the network's parameters reach %d values at layer %d, above the limit of %d", total, i, conv.MaxElements)}
		}
	}
	s := &Sequential{}
	for i, l := range spec.Layers {
		layer, err := build(l)
		if err != nil {
			return nil, &LayerError{i, l.Kind.String(), err}
		}
		s.Layers = append(s.Layers, layer)
	}
	return s, nil
}

func build(l arch.Layer) (Layer, error) {
	switch l.Kind {
	case arch.Conv2d:
		return NewConv2d(l.Conv)
	case arch.ConvTranspose2d:
		c := l.Conv
		return NewConvTranspose2d(conv.ConvTranspose2d{
			InChannels: c.InChannels, OutChannels: c.OutChannels, Kernel: c.Kernel, Stride: c.Stride,
			Padding: c.Padding, OutputPadding: l.OutputPadding, Dilation: c.Dilation, Groups: c.Groups,
			Bias: c.Bias, PaddingMode: c.PaddingMode,
		})
	case arch.ReLU:
		return &ReLU{Inplace: l.Inplace}, nil
	case arch.LeakyReLU:
		return &LeakyReLU{Slope: l.NegativeSlope, Inplace: l.Inplace}, nil
	case arch.Sigmoid:
		return &Sigmoid{}, nil
	case arch.Tanh:
		return &Tanh{}, nil
	case arch.MaxPool2d:
		return NewMaxPool2d(l.Kernel, l.Stride, l.Padding), nil
	case arch.AvgPool2d:
		return NewAvgPool2d(l.Kernel, l.Stride, l.Padding), nil
	case arch.BatchNorm2d:
		return NewBatchNorm2d(l.NumFeatures, l.Eps, l.Momentum)
	case arch.Dropout:
		return NewDropout(l.P, l.Inplace)
	case arch.Flatten:
		return &Flatten{Start: l.StartDim, End: l.EndDim}, nil
	case arch.Linear:
		return NewLinear(l.InFeatures, l.OutFeatures, l.Bias)
	}
	return nil, fmt.Errorf("nn.%s is not implemented in this build", l.Kind)
}

// params is the number of values a layer's parameters and buffers hold
// (0 when its constructor refuses the arguments: it reports that itself).
func params(l arch.Layer) int64 {
	switch l.Kind {
	case arch.Conv2d, arch.ConvTranspose2d: // weight [out, in/groups, k] or [in, out/groups, k], bias [out]
		c := l.Conv
		if c.Groups <= 0 || c.InChannels < 0 || c.OutChannels < 0 || c.Kernel[0] < 0 || c.Kernel[1] < 0 {
			return 0
		}
		return clampMul(c.OutChannels, c.InChannels/c.Groups, c.Kernel[0], c.Kernel[1]) + int64(max(c.OutChannels, 0))
	case arch.Linear:
		return clampMul(max(l.InFeatures, 0), max(l.OutFeatures, 0)) + int64(max(l.OutFeatures, 0))
	case arch.BatchNorm2d:
		return 4 * int64(max(l.NumFeatures, 0))
	}
	return 0
}

// clampMul multiplies non-negative sizes, saturating above conv.MaxElements.
func clampMul(ds ...int) int64 {
	p := int64(1)
	for _, d := range ds {
		if d <= 0 {
			return 0
		}
		if p > conv.MaxElements/int64(d) {
			return conv.MaxElements + 1
		}
		p *= int64(d)
	}
	return p
}
