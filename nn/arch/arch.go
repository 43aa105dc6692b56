// Package arch reads and writes a network's architecture as the text a
// learner writes in PyTorch: nn.Sequential(nn.Conv2d(1, 20, 5, 1, 2),
// nn.ReLU(), ...). Parse is a small parser of that subset of Python (no
// Python is evaluated) that binds each layer's arguments to PyTorch 1.13's
// constructor signature, defaults filled in, and reports mistakes with their
// line and column in Python's and PyTorch's own words. Spec.String writes the
// canonical text back, which Parse reads to the same Spec.
//
// Parse checks the syntax, the argument binding and each argument's type, and
// refuses the options the playground does not implement (ceil_mode=True,
// affine=False, ...). It does not check the values against one another
// (in_channels divisible by groups, a padding string other than 'same' or
// 'valid', a Dropout p above 1): PyTorch raises those at construction, and
// the layers report them, at their layer, with PyTorch's message, so that a
// network reached by editing (which may hold such a value) still prints and
// parses back.
package arch

import (
	"fmt"

	"convplayground/conv"
)

// Kind is a layer's class, one of the supported torch.nn modules.
type Kind int

// The supported layers. The zero Kind is none of them.
const (
	Conv2d Kind = iota + 1
	ConvTranspose2d
	ReLU
	LeakyReLU
	Sigmoid
	Tanh
	MaxPool2d
	AvgPool2d
	BatchNorm2d
	Dropout
	Flatten
	Linear
)

// Kinds lists the supported layers in the order a menu shows them.
func Kinds() []Kind {
	return []Kind{Conv2d, ConvTranspose2d, ReLU, LeakyReLU, Sigmoid, Tanh, MaxPool2d, AvgPool2d, BatchNorm2d, Dropout, Flatten, Linear}
}

// String is the PyTorch class name ("Conv2d"), without "nn.".
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

var kindNames = map[Kind]string{
	Conv2d: "Conv2d", ConvTranspose2d: "ConvTranspose2d", ReLU: "ReLU", LeakyReLU: "LeakyReLU",
	Sigmoid: "Sigmoid", Tanh: "Tanh", MaxPool2d: "MaxPool2d", AvgPool2d: "AvgPool2d",
	BatchNorm2d: "BatchNorm2d", Dropout: "Dropout", Flatten: "Flatten", Linear: "Linear",
}

// Spec is a network: nn.Sequential of its layers, in order.
type Spec struct {
	Layers []Layer
}

// Layer is one layer with its constructor arguments bound and typed
// (PyTorch's defaults filled in). Only the fields of its Kind are set; the
// others are zero. Pairs are (height, width), as the conv package has them.
type Layer struct {
	Kind Kind
	// Line and Col locate the layer's name in the parsed text (1-based,
	// columns in characters); 0 for a layer that was not parsed.
	Line, Col int

	// Conv holds Conv2d's and ConvTranspose2d's arguments: in_channels,
	// out_channels, kernel_size, stride, padding ('same'/'valid' in
	// PaddingString, Conv2d only), dilation, groups, bias, padding_mode.
	Conv conv.Conv2d
	// OutputPadding is ConvTranspose2d's output_padding.
	OutputPadding [2]int

	// Kernel, Stride and Padding are MaxPool2d's and AvgPool2d's
	// kernel_size, stride (kernel_size when None) and padding.
	Kernel, Stride, Padding [2]int

	// InFeatures and OutFeatures are Linear's; Bias is Linear's bias.
	InFeatures, OutFeatures int
	Bias                    bool

	// NumFeatures, Eps and Momentum are BatchNorm2d's.
	NumFeatures   int
	Eps, Momentum float64

	// NegativeSlope is LeakyReLU's.
	NegativeSlope float64
	// P is Dropout's probability of zeroing an element.
	P float64
	// Inplace is ReLU's, LeakyReLU's and Dropout's inplace (it changes
	// nothing here: the playground keeps every layer's output).
	Inplace bool
	// StartDim and EndDim are Flatten's.
	StartDim, EndDim int
}

// Error is a mistake in the text, at a line and column (1-based, columns in
// characters).
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d, col %d: %s", e.Line, e.Col, e.Msg) }
