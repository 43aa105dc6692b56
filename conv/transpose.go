package conv

import (
	"errors"
	"fmt"
)

// ConvTranspose2d holds the settings of torch.nn.ConvTranspose2d. Pairs are
// (height, width). Its weight is [in, out/groups, kh, kw]: in and out
// swapped against Conv2d's. Every input pixel adds its value times the
// kernel into the output, at stride apart, with the output cropped by
// padding on each side and extended by output_padding at the bottom and
// right. It is the gradient of a Conv2d with the same settings with respect
// to its input, and Conv2d's backward pass computes that with it.
type ConvTranspose2d struct {
	InChannels, OutChannels int
	Kernel                  [2]int
	Stride                  [2]int
	Padding                 [2]int
	OutputPadding           [2]int
	Dilation                [2]int
	Groups                  int
	Bias                    bool
	PaddingMode             PaddingMode // only ZerosMode (or ""), as in PyTorch
}

// NewTranspose is nn.ConvTranspose2d(in, out, k, stride, padding) with
// PyTorch's defaults: square kernel, no output padding, groups 1, bias,
// dilation 1.
func NewTranspose(in, out, k, stride, padding int) ConvTranspose2d {
	return ConvTranspose2d{
		InChannels: in, OutChannels: out,
		Kernel: [2]int{k, k}, Stride: [2]int{stride, stride}, Padding: [2]int{padding, padding},
		Dilation: [2]int{1, 1}, Groups: 1, Bias: true, PaddingMode: ZerosMode,
	}
}

// TransposeGeometry is everything a ConvTranspose2d's settings and an input
// shape determine.
type TransposeGeometry struct {
	// Input and Output are always 4-D (NCHW); an unbatched 3-D input is
	// reported as [1,C,H,W] with Unbatched set, as in Geometry.
	Input, Weight, Output []int
	Bias                  []int // nil without bias
	Unbatched             bool
	Conv                  ConvTranspose2d // the settings
	// EffKernel is the dilated kernel extent d·(k−1)+1 per axis.
	EffKernel [2]int
	Params    int64 // weights plus biases
	// MACs counts every input value times every weight it meets, as
	// PyTorch's column buffer does, taps that land in the cropped
	// padding included: N·Cin·H·W·(Cout/groups)·kh·kw.
	MACs int64
}

// weightShape is [in, out/groups, kh, kw] (groups must divide out_channels).
func (c ConvTranspose2d) weightShape() []int {
	return []int{c.InChannels, c.OutChannels / c.Groups, c.Kernel[0], c.Kernel[1]}
}

// Validate applies the checks of nn.ConvTranspose2d's constructor, in its
// order and with its messages: the padding mode (_ConvTransposeNd), then the
// ValueErrors of _ConvNd.__init__, then torch.empty's complaint about a
// negative dimension of the weight.
func (c ConvTranspose2d) Validate() error {
	if err := c.checkRange(); err != nil {
		return err
	}
	if c.PaddingMode != "" && c.PaddingMode != ZerosMode {
		return errors.New(`Only "zeros" padding mode is supported for ConvTranspose2d`)
	}
	if c.Groups <= 0 {
		return errors.New("groups must be a positive integer")
	}
	if c.InChannels%c.Groups != 0 {
		return errors.New("in_channels must be divisible by groups")
	}
	if c.OutChannels%c.Groups != 0 {
		return errors.New("out_channels must be divisible by groups")
	}
	if err := checkEmpty(c.weightShape()); err != nil {
		return err
	}
	if Numel(c.weightShape()) < 0 {
		return tooLarge("weight", c.weightShape())
	}
	return nil
}

// checkRange refuses settings beyond maxSetting (ours, not PyTorch's).
func (c ConvTranspose2d) checkRange() error {
	conv := Conv2d{InChannels: c.InChannels, OutChannels: c.OutChannels, Groups: c.Groups,
		Kernel: c.Kernel, Stride: c.Stride, Padding: c.Padding, Dilation: c.Dilation}
	if err := conv.checkRange(); err != nil {
		return err
	}
	for _, x := range c.OutputPadding {
		if x > maxSetting || x < -maxSetting {
			return fmt.Errorf("output_padding=%d is out of range (limit ±%d)", x, maxSetting)
		}
	}
	return nil
}

// outSize is the output size of one axis, H_out = (H_in − 1)·s − 2·p +
// d·(k − 1) + output_padding + 1 (negative for settings PyTorch refuses).
func (c ConvTranspose2d) outSize(axis, in int) int {
	return (in-1)*c.Stride[axis] - 2*c.Padding[axis] + c.Dilation[axis]*(c.Kernel[axis]-1) + c.OutputPadding[axis] + 1
}

// Geometry checks the settings against an input shape exactly as
// nn.ConvTranspose2d(...)(input) would in PyTorch 1.13 — the constructor,
// at::conv_transpose2d, ATen's shape checks, then either the empty-batch
// path or the CPU backend (slow_conv_transpose2d, the only one torch 1.13
// uses for it on the CPU) — and returns the first error PyTorch raises,
// with its message. On success it derives every shape. Input may be 4-D
// [N,C,H,W] or 3-D [C,H,W] (unbatched). Shapes beyond MaxElements are
// refused with our own message.
func (c ConvTranspose2d) Geometry(input []int) (TransposeGeometry, error) {
	var g TransposeGeometry
	if err := c.Validate(); err != nil {
		return g, err
	}
	for _, d := range input {
		if d < 0 || d > maxSetting {
			return g, fmt.Errorf("input shape %s is out of range", FormatShape(input))
		}
	}
	if len(input) != 3 && len(input) != 4 {
		return g, fmt.Errorf("Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: %s", FormatShape(input))
	}
	x := input
	if len(x) == 3 {
		g.Unbatched = true
		x = append([]int{1}, x...)
	}
	weight := c.weightShape()
	if err := c.checkShapeForward(x, weight); err != nil {
		return g, err
	}
	out := []int{x[0], c.OutChannels, c.outSize(0, x[2]), c.outSize(1, x[3])}
	var err error
	if x[0] == 0 {
		err = c.checkEmptyBatch(out, weight)
	} else {
		err = c.checkBackend(x, weight, out)
	}
	if err != nil {
		return g, err
	}
	for _, s := range []struct {
		what  string
		shape []int
	}{{"input", x}, {"output", out}} {
		if Numel(s.shape) < 0 {
			return TransposeGeometry{}, tooLarge(s.what, s.shape)
		}
	}
	g.Input, g.Conv, g.Weight, g.Output = append([]int(nil), x...), c, weight, out
	g.EffKernel = [2]int{c.Dilation[0]*(c.Kernel[0]-1) + 1, c.Dilation[1]*(c.Kernel[1]-1) + 1}
	g.Params = int64(Numel(weight))
	if c.Bias {
		g.Bias = []int{c.OutChannels}
		g.Params += int64(c.OutChannels)
	}
	g.MACs = int64(Numel(x)) * int64(Numel(weight[1:]))
	return g, nil
}

// checkShapeForward is ATen's check_shape_forward for a transposed 4-D input.
func (c ConvTranspose2d) checkShapeForward(x, weight []int) error {
	switch {
	case c.Padding[0] < 0 || c.Padding[1] < 0:
		return errors.New("negative padding is not supported")
	case c.OutputPadding[0] < 0 || c.OutputPadding[1] < 0:
		return errors.New("negative output_padding is not supported")
	case c.Stride[0] <= 0 || c.Stride[1] <= 0:
		return errors.New("non-positive stride is not supported")
	case weight[0] < c.Groups:
		return fmt.Errorf("Given groups=%d, expected weight to be at least %d at dimension 0, but got weight of size %s instead",
			c.Groups, c.Groups, FormatShape(weight))
	case x[1] != weight[0]:
		return fmt.Errorf("Given transposed=1, weight of size %s, expected input%s to have %d channels, but got %d channels instead",
			FormatShape(weight), FormatShape(x), weight[0], x[1])
	}
	return nil
}

// checkEmptyBatch is ATen's path for an empty batch, which skips the
// backend and its checks: it multiplies by the weight's first element
// (there is none in an empty weight) and views the empty result as the
// output shape (torch's view: −1 is a size to infer, ambiguous here).
func (c ConvTranspose2d) checkEmptyBatch(out, weight []int) error {
	if Numel(weight) == 0 {
		return errors.New("select(): index 0 out of range for tensor of size [0] at dimension 0")
	}
	infer := false
	for _, d := range out {
		switch {
		case d == -1 && infer:
			return errors.New("only one dimension can be inferred")
		case d == -1:
			infer = true
		case d < 0:
			return fmt.Errorf("invalid shape dimension %d", d)
		}
	}
	if infer {
		return fmt.Errorf("cannot reshape tensor of 0 elements into shape %s because the unspecified dimension size -1 can be any value and is ambiguous", FormatShape(out))
	}
	return nil
}

// checkBackend is slow_conv_transpose2d's shape check (run per group: the
// weight it shows is one group's).
func (c ConvTranspose2d) checkBackend(x, weight, out []int) error {
	k, s, d, op := c.Kernel, c.Stride, c.Dilation, c.OutputPadding
	switch {
	case x[2] == 0 || x[3] == 0:
		return fmt.Errorf("Only zero batch or zero channel inputs are supported, but got input shape: %s", FormatShape(x))
	case k[0] <= 0 || k[1] <= 0:
		return fmt.Errorf("kernel size should be greater than zero, but got kernel_height: %d kernel_width: %d", k[0], k[1])
	case d[0] <= 0 || d[1] <= 0:
		return fmt.Errorf("dilation should be greater than zero, but got dilation_height: %d, dilation_width: %d", d[0], d[1])
	case !(op[1] < s[1] || op[1] < d[1]) || !(op[0] < s[0] || op[0] < d[0]):
		return fmt.Errorf("output padding must be smaller than either stride or dilation, but got output_padding_height: %d output_padding_width: %d stride_height: %d stride_width: %d dilation_height: %d dilation_width: %d",
			op[0], op[1], s[0], s[1], d[0], d[1])
	case Numel(weight) == 0:
		group := []int{weight[0] / c.Groups, weight[1], weight[2], weight[3]}
		return fmt.Errorf("non-empty 2D or 4D weight tensor expected, but got: %s", FormatShape(group))
	case out[2] < 1 || out[3] < 1:
		return fmt.Errorf("Given input size per channel: (%d x %d). Calculated output size per channel: (%d x %d). Output size is too small",
			x[2], x[3], out[2], out[3])
	}
	return nil
}

// Formula is the output size of one axis as text with the numbers put in,
//
//	(14 − 1)·2 − 2·1 + 1·(4 − 1) + 0 + 1 = 28
//
// in the order of H_out = (H_in − 1)·stride − 2·padding +
// dilation·(kernel_size − 1) + output_padding + 1 (U+2212 and U+00B7, as
// Geometry.Formula).
//
// A negative dilation (which PyTorch lets through on an empty batch) is
// subtracted: − 1·(3 − 1).
func (g TransposeGeometry) Formula(axis int) string {
	c := g.Conv
	sign, d := "+", c.Dilation[axis]
	if d < 0 {
		sign, d = "−", -d
	}
	return fmt.Sprintf("(%d − 1)·%d − 2·%d %s %d·(%d − 1) + %d + 1 = %d",
		g.Input[2+axis], c.Stride[axis], c.Padding[axis], sign, d, c.Kernel[axis], c.OutputPadding[axis], g.Output[2+axis])
}

// Inverse is the Conv2d with c's kernel, stride, padding, dilation and
// groups, in and out channels swapped: it maps c's output shape back to
// its input shape (when output_padding is below the stride: the floor
// division drops it), and its gradient with respect to its input is c.
func (c ConvTranspose2d) Inverse() Conv2d {
	return Conv2d{
		InChannels: c.OutChannels, OutChannels: c.InChannels, Kernel: c.Kernel, Stride: c.Stride,
		Padding: c.Padding, Dilation: c.Dilation, Groups: c.Groups, Bias: c.Bias, PaddingMode: ZerosMode,
	}
}

// Transposed is the ConvTranspose2d that maps g's output shape back to its
// input shape: the same kernel, stride, padding, dilation and groups, in
// and out channels swapped, and the output_padding that gives back the
// rows and columns the floor division of Conv2d's output size dropped
// ((H + 2p − d·(k − 1) − 1) mod s, always below the stride). ok is false
// for a padding ConvTranspose2d cannot take: different on the two sides
// ('same' with an even kernel) or negative (a crop).
func (g Geometry) Transposed() (t ConvTranspose2d, ok bool) {
	c, p := g.Conv, g.Pad
	if p[0] != p[1] || p[2] != p[3] || p[0] < 0 || p[2] < 0 {
		return t, false
	}
	t = ConvTranspose2d{
		InChannels: c.OutChannels, OutChannels: c.InChannels, Kernel: c.Kernel, Stride: c.Stride,
		Padding: [2]int{p[0], p[2]}, Dilation: c.Dilation, Groups: c.Groups, Bias: c.Bias, PaddingMode: ZerosMode,
	}
	for a := 0; a < 2; a++ {
		t.OutputPadding[a] = (g.Input[2+a] + 2*p[2*a] - g.EffKernel[a]) % c.Stride[a]
	}
	return t, true
}
