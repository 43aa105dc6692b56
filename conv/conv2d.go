package conv

import (
	"errors"
	"fmt"
	"strings"
)

// PaddingMode is torch.nn.Conv2d's padding_mode: what the padded border
// holds. Its value is PyTorch's spelling, so that a mode PyTorch does not
// know is refused with PyTorch's message naming it.
type PaddingMode string

// The padding modes PyTorch knows ("" means ZerosMode).
const (
	ZerosMode     PaddingMode = "zeros"
	ReflectMode   PaddingMode = "reflect"
	ReplicateMode PaddingMode = "replicate"
	CircularMode  PaddingMode = "circular"
)

// PaddingModes lists the modes in the order the playground offers them.
var PaddingModes = []PaddingMode{ZerosMode, ReflectMode, ReplicateMode, CircularMode}

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
	PaddingMode             PaddingMode // ZerosMode (or ""), ReflectMode, ReplicateMode, CircularMode
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
	// Input and Output are always 4-D (NCHW). An unbatched 3-D input
	// [C,H,W] is reported as [1,C,H,W] with Unbatched set; PyTorch's output
	// is then Output without its leading 1.
	Input, Weight, Output []int
	Bias                  []int // nil without bias
	Unbatched             bool
	Conv                  Conv2d // the settings
	// Pad is the resolved padding applied to the input: top, bottom, left,
	// right ('same' may be asymmetric: the extra row/column goes bottom/right).
	// With a non-zero padding mode PyTorch lets padding be negative: the
	// input is then cropped (F.pad semantics).
	Pad [4]int
	// EffKernel is the dilated kernel extent d·(k−1)+1 per axis.
	EffKernel [2]int
	Params    int64 // weights plus biases
	MACs      int64 // multiply-adds for the whole batch
}

// maxSetting bounds every integer setting and input dimension so that the
// shape arithmetic below cannot overflow; larger values are refused with our
// own message (PyTorch would try and fail to allocate).
const maxSetting = 1 << 30

func (c Conv2d) mode() PaddingMode {
	if c.PaddingMode == "" {
		return ZerosMode
	}
	return c.PaddingMode
}

// weightShape is [out, in/groups, kh, kw] (groups must be positive and
// divide in_channels, which Validate checks first).
func (c Conv2d) weightShape() []int {
	return []int{c.OutChannels, c.InChannels / c.Groups, c.Kernel[0], c.Kernel[1]}
}

// Validate applies the checks of nn.Conv2d's constructor, in its order and
// with its messages: the ValueErrors of _ConvNd.__init__, then torch.empty's
// complaint about a negative dimension of the weight.
func (c Conv2d) Validate() error {
	if err := c.checkRange(); err != nil {
		return err
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
	switch c.PaddingString {
	case "", "valid":
	case "same":
		if c.Stride[0] != 1 || c.Stride[1] != 1 {
			return errors.New("padding='same' is not supported for strided convolutions")
		}
	default:
		// Python prints a set here, whose order depends on the string hash
		// seed; this is the order of PYTHONHASHSEED=0 (scripts/golden.py).
		return fmt.Errorf("Invalid padding string %s, should be one of {'same', 'valid'}", pyRepr(c.PaddingString))
	}
	switch c.mode() {
	case ZerosMode, ReflectMode, ReplicateMode, CircularMode:
	default:
		return fmt.Errorf("padding_mode must be one of {'replicate', 'reflect', 'zeros', 'circular'}, but got padding_mode='%s'", c.PaddingMode)
	}
	if err := checkEmpty(c.weightShape()); err != nil {
		return err
	}
	if n := Numel(c.weightShape()); n < 0 {
		return tooLarge("weight", c.weightShape())
	}
	return nil
}

// checkRange refuses settings beyond maxSetting (ours, not PyTorch's).
func (c Conv2d) checkRange() error {
	for _, v := range []struct {
		name string
		v    []int
	}{
		{"in_channels", []int{c.InChannels}}, {"out_channels", []int{c.OutChannels}}, {"groups", []int{c.Groups}},
		{"kernel_size", c.Kernel[:]}, {"stride", c.Stride[:]}, {"padding", c.Padding[:]}, {"dilation", c.Dilation[:]},
	} {
		for _, x := range v.v {
			if x > maxSetting || x < -maxSetting {
				return fmt.Errorf("%s=%d is out of range (limit ±%d)", v.name, x, maxSetting)
			}
		}
	}
	return nil
}

// checkEmpty is torch.empty's check of a shape.
func checkEmpty(shape []int) error {
	for _, d := range shape {
		if d < 0 {
			return fmt.Errorf("Trying to create tensor with negative dimension %d: %s", d, FormatShape(shape))
		}
	}
	return nil
}

func tooLarge(what string, shape []int) error {
	return fmt.Errorf("%s of shape %s is too large (limit %d elements)", what, FormatShape(shape), MaxElements)
}

// pyPads is the padding nn.Conv2d hands to F.pad for a non-zero padding
// mode: top, bottom, left, right (Python's floor division for 'same').
func (c Conv2d) pyPads() [4]int {
	switch c.PaddingString {
	case "valid":
		return [4]int{}
	case "same":
		var p [4]int
		for a := 0; a < 2; a++ {
			total := c.Dilation[a] * (c.Kernel[a] - 1)
			p[2*a] = floorDiv(total, 2)
			p[2*a+1] = total - p[2*a]
		}
		return p
	}
	return [4]int{c.Padding[0], c.Padding[0], c.Padding[1], c.Padding[1]}
}

// Geometry checks the settings against an input shape exactly as
// nn.Conv2d(...)(input) would in PyTorch 1.13 — the constructor, F.pad for
// the non-zero padding modes, at::conv2d, ATen's shape checks and the CPU
// backend's own checks, in that order — and returns the first error PyTorch
// raises, with its message. On success it derives every shape. Input may be
// 4-D [N,C,H,W] or 3-D [C,H,W] (unbatched). Shapes beyond MaxElements are
// refused with our own message.
func (c Conv2d) Geometry(input []int) (Geometry, error) {
	var g Geometry
	if err := c.Validate(); err != nil {
		return g, err
	}
	for _, d := range input {
		if d < 0 || d > maxSetting {
			return g, fmt.Errorf("input shape %s is out of range", FormatShape(input))
		}
	}
	x := append([]int(nil), input...)
	weight := c.weightShape()
	var pad [4]int     // total padding relative to the original input
	var convPad [2]int // the padding at::convolution itself sees
	if c.mode() != ZerosMode {
		pad = c.pyPads()
		var err error
		if x, err = fpad(x, pad, c.mode()); err != nil {
			return g, err
		}
	}
	if len(x) != 3 && len(x) != 4 {
		return g, fmt.Errorf("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: %s", FormatShape(x))
	}
	if len(x) == 3 {
		g.Unbatched = true
		x = append([]int{1}, x...)
	}
	if c.mode() == ZerosMode {
		switch c.PaddingString {
		case "":
			convPad = c.Padding
			pad = [4]int{c.Padding[0], c.Padding[0], c.Padding[1], c.Padding[1]}
		case "same":
			var err error
			if pad, convPad, err = samePads(c, x); err != nil {
				return g, err
			}
		}
	}
	if err := checkShapeForward(c, x, weight, convPad); err != nil {
		return g, err
	}
	padded := [2]int{x[2] + 2*convPad[0], x[3] + 2*convPad[1]}
	eff := [2]int{c.Dilation[0]*(c.Kernel[0]-1) + 1, c.Dilation[1]*(c.Kernel[1]-1) + 1}
	out := []int{x[0], c.OutChannels, (padded[0]-eff[0])/c.Stride[0] + 1, (padded[1]-eff[1])/c.Stride[1] + 1}
	if err := checkBackend(c, x, weight); err != nil {
		return g, err
	}
	if x[1] == 0 {
		out[1] = 0 // PyTorch 1.13's empty-input path gives zero output channels
	}
	g.Input = append([]int(nil), input...)
	if g.Unbatched {
		g.Input = append([]int{1}, input...)
	}
	padShape := []int{g.Input[0], g.Input[1], g.Input[2] + pad[0] + pad[1], g.Input[3] + pad[2] + pad[3]}
	for _, s := range []struct {
		what  string
		shape []int
	}{{"input", g.Input}, {"padded input", padShape}, {"output", out}} {
		if Numel(s.shape) < 0 {
			return Geometry{}, tooLarge(s.what, s.shape)
		}
	}
	g.Conv, g.Weight, g.Output, g.Pad, g.EffKernel = c, weight, out, pad, eff
	g.Params = int64(Numel(weight))
	if c.Bias {
		g.Bias = []int{c.OutChannels}
		g.Params += int64(c.OutChannels)
	}
	g.MACs = int64(Numel(out)) * int64(weight[1]*weight[2]*weight[3])
	return g, nil
}

// samePads resolves padding='same' as ATen's _convolution_same does (C++
// division, truncating): the symmetric part goes to the convolution; when
// the two sides differ, x itself is padded first (at::constant_pad_nd, with
// its check), and the messages that follow show the padded x.
func samePads(c Conv2d, x []int) (pad [4]int, convPad [2]int, err error) {
	var nd [4]int // constant_pad_nd's padding: top, bottom, left, right
	for a := 0; a < 2; a++ {
		total := c.Dilation[a] * (c.Kernel[a] - 1)
		l, r := total/2, total-total/2
		pad[2*a], pad[2*a+1] = l, r
		convPad[a] = l
		if delta := r - l; delta > 0 {
			nd[2*a+1] = delta
		} else if delta < 0 { // only for a zero kernel or negative dilation: an error anyway
			nd[2*a] = delta
			convPad[a] = r
		}
	}
	if pad[0] == pad[1] && pad[2] == pad[3] {
		return pad, convPad, nil
	}
	for a := 0; a < 2; a++ {
		if x[2+a]+nd[2*a] < 0 {
			// Narrowing by a crop larger than the size: the message of the
			// failing at::narrow in PyTorch 1.13, whatever the shape.
			return pad, convPad, errors.New("Dimension out of range (expected to be in range of [-1, 0], but got 1)")
		}
	}
	if max(nd[0], nd[1], nd[2], nd[3]) <= 0 {
		// Only crops: constant_pad_nd narrows x and checks nothing.
		for a := 0; a < 2; a++ {
			x[2+a] += nd[2*a] + nd[2*a+1]
		}
		return pad, convPad, nil
	}
	for a := 0; a < 2; a++ {
		size := x[2+a]
		if x[2+a] += nd[2*a] + nd[2*a+1]; x[2+a] <= 0 {
			return pad, convPad, fmt.Errorf("The input size %d, plus negative padding %d and %d resulted in a negative output size, which is invalid. Check dimension %d of your input.",
				size, nd[2*a], nd[2*a+1], 2+a)
		}
	}
	return pad, convPad, nil
}

// checkShapeForward is ATen's check_shape_forward for a 4-D input.
func checkShapeForward(c Conv2d, x, weight []int, convPad [2]int) error {
	if convPad[0] < 0 || convPad[1] < 0 {
		return errors.New("negative padding is not supported")
	}
	if c.Stride[0] <= 0 || c.Stride[1] <= 0 {
		return errors.New("non-positive stride is not supported")
	}
	if weight[0] < c.Groups {
		return fmt.Errorf("Given groups=%d, expected weight to be at least %d at dimension 0, but got weight of size %s instead",
			c.Groups, c.Groups, FormatShape(weight))
	}
	if x[1] != weight[1]*c.Groups {
		return fmt.Errorf("Given groups=%d, weight of size %s, expected input%s to have %d channels, but got %d channels instead",
			c.Groups, FormatShape(weight), FormatShape(x), weight[1]*c.Groups, x[1])
	}
	var in, k [2]int
	for a := 0; a < 2; a++ {
		in[a] = x[2+a] + 2*convPad[a]
		k[a] = c.Dilation[a]*(weight[2+a]-1) + 1
	}
	if in[0] < k[0] || in[1] < k[1] {
		return fmt.Errorf("Calculated padded input size per channel: (%d x %d). Kernel size: (%d x %d). Kernel size can't be greater than actual input size",
			in[0], in[1], k[0], k[1])
	}
	return nil
}

// checkBackend reproduces the checks of the CPU backend PyTorch 1.13 picks
// (oneDNN, the slow 2-D path or the slow dilated path), which is where a
// zero kernel or a non-positive dilation is first noticed. Empty batches and
// zero channels skip the backends.
func checkBackend(c Conv2d, x, weight []int) error {
	n, ch := x[0], x[1]
	kh, kw := weight[2], weight[3]
	if n == 0 || ch == 0 {
		if n == 0 && ch != 0 && (kh == 0 || kw == 0) {
			return errors.New("select(): index 0 out of range for tensor of size [0] at dimension 0")
		}
		return nil
	}
	if x[2] == 0 || x[3] == 0 {
		return fmt.Errorf("Only zero batch or zero channel inputs are supported, but got input shape: %s", FormatShape(x))
	}
	dilated := c.Dilation != [2]int{1, 1}
	strided := c.Stride != [2]int{1, 1}
	badDil := c.Dilation[0] <= 0 || c.Dilation[1] <= 0
	badK := kh <= 0 || kw <= 0
	// ConvParams::use_mkldnn, with one thread (the case of a 1x1 kernel,
	// unit stride and dilation, where the thread count matters, has no error).
	mkldnn := (strided || dilated || n >= 16 || kw != 1 || kh != 1) &&
		(c.Groups > 1 || (kw > 3 && kh > 3) || n > 1 || Numel(x) < 0 || Numel(x) > 20480)
	switch {
	case mkldnn && badDil:
		return errors.New("non-positive dilation is not supported")
	case mkldnn && badK:
		return errors.New("could not create a descriptor for a dilated convolution forward propagation primitive")
	case mkldnn:
		return nil
	case dilated && badK:
		return fmt.Errorf("kernel size should be greater than zero, but got %s", FormatShape(weight[2:]))
	case dilated && badDil:
		return fmt.Errorf("dilation should be greater than zero, but got %s", FormatShape(c.Dilation[:]))
	case badK:
		return fmt.Errorf("kernel size should be greater than zero, but got kernel_height: %d kernel_width: %d", kh, kw)
	}
	return nil
}

// fpad is F.pad(x, pad, mode) for the non-constant modes: its checks and
// messages, and the shape it returns. pad is top, bottom, left, right.
func fpad(x []int, pad [4]int, mode PaddingMode) ([]int, error) {
	nd := len(x)
	if nd < 2 {
		return nil, errors.New("Padding length too large")
	}
	if nd != 3 && nd != 4 {
		return nil, errors.New("Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now")
	}
	h, w := x[nd-2], x[nd-1]
	oh, ow := h+pad[0]+pad[1], w+pad[2]+pad[3]
	out := append(append([]int(nil), x[:nd-2]...), oh, ow)
	switch mode {
	case ReflectMode:
		if !nonEmpty(x, true) {
			return nil, fmt.Errorf("3D or 4D (batch mode) tensor expected for input, but got: [ torch.FloatTensor{%s} ]", joinInts(x, ","))
		}
		if pad[2] >= w || pad[3] >= w {
			return nil, fmt.Errorf("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (%d, %d) at dimension %d of input %d",
				pad[2], pad[3], nd-1, nd)
		}
		if pad[0] >= h || pad[1] >= h {
			return nil, fmt.Errorf("Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (%d, %d) at dimension %d of input %d",
				pad[0], pad[1], nd-2, nd)
		}
		if oh < 1 && ow < 1 {
			return nil, fmt.Errorf("input (H: %d, W: %d)is too small. Calculated output H: %d W: %d", h, w, oh, ow)
		}
		if (oh < 0 || ow < 0) && Numel(x[:nd-2]) != 0 && oh != 0 && ow != 0 {
			// at::empty's size check; with another dimension zero it
			// passes, and the negative size goes on to conv2d's checks.
			return nil, errors.New("numel: integer multiplication overflow")
		}
	case ReplicateMode:
		if !nonEmpty(x, len(x) == 4) {
			return nil, fmt.Errorf("Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: %s", FormatShape(x))
		}
		if oh < 1 && ow < 1 {
			return nil, fmt.Errorf("input (H: %d, W: %d ) is too small. Calculated output H: %d W: %d", h, w, oh, ow)
		}
		if err := checkEmpty(out); err != nil {
			return nil, err
		}
	case CircularMode:
		if nd == 3 {
			// PyTorch 1.13's circular padding does not batch a 3-D input.
			return nil, errors.New("Invalid padding size, expected 2 but got 4")
		}
		for a := 0; a < 2; a++ {
			size, l, r := x[2+a], pad[2*a], pad[2*a+1]
			if l > size || r > size {
				return nil, errors.New("Padding value causes wrapping around more than once.")
			}
			if size+l+r < 0 {
				return nil, errors.New("Negative padding value is resulting in an empty dimension")
			}
		}
	}
	return out, nil
}

// nonEmpty is the padding kernels' input check: every dimension must be
// non-zero, except the first when emptyFirst (reflect: always; replicate:
// for a 4-D input only).
func nonEmpty(x []int, emptyFirst bool) bool {
	for i, d := range x {
		if d == 0 && !(emptyFirst && i == 0) {
			return false
		}
	}
	return true
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// pyRepr is Python's repr of a str: single quotes unless the text holds a
// single quote and no double quote; backslash escapes for the rest.
func pyRepr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	b := []byte{q}
	for _, r := range s {
		switch {
		case r == '\\' || r == rune(q):
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20 || r == 0x7f:
			b = fmt.Appendf(b, `\x%02x`, r)
		default:
			b = append(b, string(r)...)
		}
	}
	return string(append(b, q))
}

// FormatShape writes a shape as PyTorch prints one: [16, 1, 28, 28].
func FormatShape(s []int) string { return "[" + joinInts(s, ", ") + "]" }

func joinInts(s []int, sep string) string {
	var b strings.Builder
	for i, d := range s {
		if i > 0 {
			b.WriteString(sep)
		}
		fmt.Fprint(&b, d)
	}
	return b.String()
}
