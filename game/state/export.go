package state

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"convplayground/conv"
	"convplayground/conv/npy"
)

// The layer out of the playground: a runnable PyTorch snippet, and its
// tensors as .npy files.

// PyTorchCode is a runnable Python snippet for the current layer: the
// nn.Conv2d with every non-default argument (Code), the weight and bias
// loaded exactly, the input (the whole batch) exactly, y = m(x), and a
// print of the four shapes. The numbers are the tensors the playground
// computes with, written so that each float32 comes back bit for bit.
// With settings PyTorch rejects, the snippet raises PyTorch's message.
// A network of more layers is exported whole (networkCode).
func (s *State) PyTorchCode() string {
	s.Recompute()
	if len(s.Net.Tail) > 0 { // the whole network (export_net.go)
		return s.networkCode()
	}
	var b strings.Builder
	b.WriteString("import torch\nfrom torch import nn\n\n")
	fmt.Fprintf(&b, "m = %s\n", s.Code())
	b.WriteString("with torch.no_grad():\n")
	fmt.Fprintf(&b, "    m.weight.copy_(%s)\n", pyTensor(s.w, "        "))
	fmt.Fprintf(&b, "    m.bias.copy_(%s)\n", pyTensor(s.b, "        "))
	fmt.Fprintf(&b, "x = %s\n", pyTensor(s.x, "    "))
	b.WriteString("y = m(x)\nprint(x.shape, m.weight.shape, m.bias.shape, y.shape)\n")
	return b.String()
}

// pyTensor writes t as torch.tensor([...], dtype=torch.float32).reshape(...),
// eight numbers a line.
func pyTensor(t *conv.Tensor, indent string) string {
	var b strings.Builder
	b.WriteString("torch.tensor([")
	for i, v := range t.Data {
		if i%8 == 0 {
			b.WriteString("\n" + indent)
		} else {
			b.WriteString(" ")
		}
		b.WriteString(pyFloat(v) + ",")
	}
	dims := make([]string, len(t.Shape))
	for i, d := range t.Shape {
		dims[i] = strconv.Itoa(d)
	}
	fmt.Fprintf(&b, "\n%s], dtype=torch.float32).reshape(%s)", indent[4:], strings.Join(dims, ", "))
	return b.String()
}

// pyFloat is v as a Python literal that torch.tensor(..., dtype=float32)
// turns back into v bit for bit: the shortest float32 digits when Python's
// float (a float64) rounds back to v, else the exact float64 digits.
func pyFloat(v float32) string {
	s := strconv.FormatFloat(float64(v), 'g', -1, 32)
	if d, err := strconv.ParseFloat(s, 64); err == nil && math.Float32bits(float32(d)) == math.Float32bits(v) {
		return s
	}
	return strconv.FormatFloat(float64(v), 'g', -1, 64)
}

// Tensor names for NPY.
const (
	TensorInput  = "input"
	TensorWeight = "weight"
	TensorBias   = "bias"
	TensorOutput = "output"
)

// NPY is one of the layer's tensors as a .npy file (float32, loadable with
// np.load): the input (the whole batch), the weight, the bias, or the
// output. While PyTorch rejects the settings there is no output (the maps
// on screen belong to earlier settings): that is refused with its message.
func (s *State) NPY(name string) ([]byte, error) {
	s.Recompute()
	var t *conv.Tensor
	switch name {
	case TensorInput:
		t = s.x
	case TensorWeight:
		t = s.w
	case TensorBias:
		t = s.b
	case TensorOutput:
		if s.Err != nil {
			err := errors.New("no output for these settings: " + s.Err.Error())
			s.Say(err.Error())
			return nil, err
		}
		t = s.Out
	default:
		err := fmt.Errorf("no tensor %q (input, weight, bias or output)", name)
		s.Say(err.Error())
		return nil, err
	}
	var b bytes.Buffer
	if err := npy.Write(&b, t.Shape, t.Data); err != nil {
		s.Say(err.Error())
		return nil, err
	}
	return b.Bytes(), nil
}
