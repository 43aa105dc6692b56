package state

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"convplayground/conv"
	"convplayground/conv/npy"
	"convplayground/i18n"
)

// The layer out of the playground: a runnable PyTorch snippet, and its
// tensors as .npy files.

// PyTorchCode is a runnable Python snippet for the current layer, written
// to be read: the nn.Conv2d with every non-default argument (Code), the
// weight as nested lists with aligned columns (its kernels side by side,
// two or a filter's to a line, when they fit: pyWeight), the bias as one
// list, the input inline when small (a 28x28
// digit) and otherwise loaded from the file Save .npy writes, y = m(x),
// and a print of the four shapes. The numbers are the tensors the
// playground computes with, written so that each float32 comes back bit
// for bit. With settings PyTorch rejects, the snippet raises PyTorch's
// message. A network of more layers is exported whole (networkCode).
func (ex *Export) PyTorchCode() string {
	s := ex.s
	s.Recompute()
	if len(s.Net.Tail) > 0 { // the whole network (export_net.go)
		return s.Export.networkCode()
	}
	var b strings.Builder
	small := len(s.x.Data) <= MaxSmallInput
	b.WriteString("import torch\nfrom torch import nn\n")
	if !small {
		b.WriteString("import numpy as np\n")
	}
	fmt.Fprintf(&b, "\nm = %s\n", s.Export.Code())
	layout := "[out_channels, in_channels/groups, kh, kw]"
	if s.Transposed {
		layout = "[in_channels, out_channels/groups, kh, kw] (ConvTranspose2d's order)"
	}
	code, weight, note := pyWeight(s.w, layout)
	b.WriteString(code)
	fmt.Fprintf(&b, "b = torch.tensor(%s, dtype=torch.float32)\n", PyList(s.b.Data, len("b = torch.tensor("), ""))
	fmt.Fprintf(&b, "with torch.no_grad():\n    m.weight.copy_(%s)%s\n    m.bias.copy_(b)\n", weight, note)
	if small {
		b.WriteString(pyInput(s.x))
	} else {
		fmt.Fprintf(&b, "# the input %s is in %s: the playground's \"Save .npy: input\" writes it\n", conv.FormatShape(s.x.Shape), InputFile)
		fmt.Fprintf(&b, "x = torch.from_numpy(np.load(%q))\n", InputFile)
	}
	b.WriteString("y = m(x)\nprint(x.shape, m.weight.shape, m.bias.shape, y.shape)\n")
	return b.String()
}

// MaxSmallInput is the largest input (in numbers) the snippet writes out:
// a 28x28 digit; a larger one is read from InputFile.
const MaxSmallInput = 28 * 28

// InputFile is the name Save .npy gives the input.
const InputFile = "conv_input.npy"

// pyInput writes the statements that make the input tensor x. Only the
// rows and columns around what is not zero are written (a digit's blank
// border, a blank canvas, are torch.zeros): the pixels 0..255 divided by
// 255 (as ToTensor makes them) when every value is one of those
// quotients, bit for bit, else the values themselves.
func pyInput(x *conv.Tensor) string {
	shape := conv.FormatShape(x.Shape)
	box, ok := inkBox(x)
	if !ok {
		return fmt.Sprintf("x = torch.zeros%s  # input %s: all zeros\n", pyTuple(x.Shape), shape)
	}
	sub := cropHW(x, box)
	px := make([]float32, len(sub.Data))
	scaled := " / 255"
	for i, v := range sub.Data {
		k := float32(math.Round(float64(v) * 255))
		if k/255 != v || math.Signbit(float64(v)) { // float32 division, as torch's; -0 stays -0
			px, scaled = sub.Data, ""
			break
		}
		px[i] = k
	}
	note := ""
	if scaled != "" {
		note = ": pixels 0..255 / 255, as ToTensor makes them"
	}
	h, w := x.Shape[2], x.Shape[3]
	if box == [4]int{0, h, 0, w} {
		return fmt.Sprintf("x = torch.tensor(%s, dtype=torch.float32)%s  # input %s%s\n", PyBlock(px, sub.Shape, ""), scaled, shape, note)
	}
	lit := sub.Shape
	if lit[0]*lit[1] == 1 { // one image: its rows, which torch broadcasts to [1, 1, rows, cols]
		lit = lit[2:]
	}
	return fmt.Sprintf("x = torch.zeros%s  # input %s, zero outside rows %d..%d, cols %d..%d\n", pyTuple(x.Shape), shape, box[0], box[1]-1, box[2], box[3]-1) +
		fmt.Sprintf("x[..., %d:%d, %d:%d] = torch.tensor([  # those rows and cols%s\n%s, dtype=torch.float32)%s\n",
			box[0], box[1], box[2], box[3], note, PyBlock(px, lit, "")[2:], scaled)
}

// pyWeight writes the statements that make w, the weight whose axes
// layout names, and the expression that is the weight in its shape: w, or
// w's kernels side by side put back in order (pyKernelsSideBySide) when a
// group of them fits on a line (a filter's kernels, or two filters), with
// a comment on the shapes that takes them there.
func pyWeight(w *conv.Tensor, layout string) (code, expr, note string) {
	shape := conv.FormatShape(w.Shape)
	a, c, kh, kw := w.Shape[0], w.Shape[1], w.Shape[2], w.Shape[3]
	var groups []int // a filter's kernels; or two: of a filter (never across two), or two filters
	if c > 1 {
		groups = append(groups, c)
	}
	if c == 1 || c%2 == 0 && c != 2 {
		groups = append(groups, 2)
	}
	for _, g := range groups {
		lit, ok := pyKernelsSideBySide(w, g, codeWidth)
		if !ok {
			continue
		}
		rows := conv.FormatShape([]int{a * c / g, kh, g, kw})
		turned := conv.FormatShape([]int{a * c / g, g, kh, kw})
		expr, note := "w.transpose(1, 2)", "  # "+rows+" → "+shape
		if g != c {
			expr, note = "w.transpose(1, 2).reshape"+pyTuple(w.Shape), "  # "+rows+" → "+turned+" → "+shape
		}
		return fmt.Sprintf("# the weight %s is %s.\n"+
			"# w holds its %d kernels (%dx%d), %d to a line, as %s: row r of each beside row r of the next\n"+
			"w = torch.tensor(%s, dtype=torch.float32)\n", shape, layout, a*c, kh, kw, g, rows, lit), expr, note
	}
	return fmt.Sprintf("w = torch.tensor([  # the weight %s: %s\n%s, dtype=torch.float32)\n", shape, layout, PyBlock(w.Data, w.Shape, "")[2:]), "w", ""
}

// inkBox is the rows [0]..[1] and columns [2]..[3] (ends excluded) of x's
// planes that hold any value but +0; false when none does.
func inkBox(x *conv.Tensor) ([4]int, bool) {
	h, w := x.Shape[2], x.Shape[3]
	box := [4]int{h, 0, w, 0}
	for i, v := range x.Data {
		if math.Float32bits(v) != 0 {
			y, c := i/w%h, i%w
			box = [4]int{min(box[0], y), max(box[1], y+1), min(box[2], c), max(box[3], c+1)}
		}
	}
	return box, box[1] > 0
}

// cropHW is rows box[0]..box[1] and columns box[2]..box[3] of each of x's
// planes.
func cropHW(x *conv.Tensor, box [4]int) *conv.Tensor {
	n, c, h, w := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	bh, bw := box[1]-box[0], box[3]-box[2]
	out := &conv.Tensor{Shape: []int{n, c, bh, bw}, Data: make([]float32, 0, n*c*bh*bw)}
	for p := range n * c {
		for y := box[0]; y < box[1]; y++ {
			row := x.Data[(p*h+y)*w:]
			out.Data = append(out.Data, row[box[2]:box[3]]...)
		}
	}
	return out
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
func (ex *Export) NPY(name string) ([]byte, error) {
	s := ex.s
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
			err := i18n.Errorf(i18n.ExportNoOutput, s.Err) // PyTorch's message in it
			s.Say(i18n.Text(s.Lang, err))
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
