package nn

import (
	"fmt"

	"convplayground/nn/arch"
)

// Build makes the network a parsed nn.Sequential text describes, as
// PyTorch's constructors would: a layer whose arguments its constructor
// refuses is a *LayerError with PyTorch's message. The layers start with
// zero weights; Reset gives them PyTorch's default initialisation.
func Build(spec arch.Spec) (*Sequential, error) {
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
