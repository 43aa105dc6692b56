// Package teach is the teaching computations on plain conv values (a
// Geometry and tensors), so each is checked against conv on any setting:
// the arithmetic of one output cell (Explain), the reach of a weight or a
// pixel (WeightReach, PixelReach), and a cell's window (Window: the taps
// built in one place from conv.Geometry, for the explanation, the
// step-through and the view).
package teach

import (
	"errors"
	"fmt"
	"slices"

	"convplayground/conv"
)

// The arithmetic of one output cell, whole: cell (n, o, y, x) is b[o] +
// Σ_c Σ_i Σ_j w[o,c,i,j] · xpad[n, g·Cin/groups + c, y·s + i·d, x·s + j·d]
// over the input channels of the map's group g, where xpad is the input
// padded as F.pad does in the layer's padding mode. The explanation works on plain conv values (a Geometry
// and tensors), so it is checked against conv.Forward on any setting; the
// session's ExplainCell is a thin wrapper over the shown maps.

// WindowTap is one tap of an output cell's window: conv.Tap (the kernel
// element, where it lands in input coordinates, the pixel it reads, whether
// it is in the padding) and where it lands on the padded input.
type WindowTap struct {
	conv.Tap
	// PY, PX is the tap on the padded input, (Pad top + Y, Pad left + X):
	// 0 is the padded input's first row/column. Taps are Dilation apart.
	PY, PX int
}

// Reads reports whether the tap reads an input pixel (SrcY, SrcX): always
// inside the input, and in the padding for reflect, replicate and circular;
// a zero-padding tap reads nothing (its value is 0).
func (t WindowTap) Reads() bool { return t.SrcY >= 0 }

// CellTap is one term of an output cell: input value × weight.
type CellTap struct {
	WindowTap
	Input   float32 // x: the pixel SrcY, SrcX of the channel, 0 for zero padding
	Weight  float32 // w[map, channel of the group, KY, KX]
	Product float64 // Input·Weight, exact in float64
}

// ChannelTerms is one input channel's share of an output cell.
type ChannelTerms struct {
	Channel int       // the input channel, numbered in the whole input
	Taps    []CellTap // kh·kw, in the kernel's row-major order
	Sum     float64   // Σ Product over Taps, in float64
}

// Explanation is the arithmetic of one output cell of batch sample 0, for
// the arithmetic panel: per input channel of the map's group the taps and
// their sum, then + bias, = value. Compute fills it, reusing its slices.
type Explanation struct {
	Cell     Cell
	Kernel   [2]int         // kh, kw: each channel's Taps is a kh×kw grid
	Channels []ChannelTerms // the input channels of the map's group, in order
	HasBias  bool
	Bias     float32 // 0 without bias
	// Sum is Σ channel sums + bias, in float64: the learner's own sum. It
	// agrees with Value within 1e-5·max(1, |Value|) (float32 rounding).
	Sum float64
	// Value is the output as the conv core computed it (float32): the
	// number the panel shows as the result, equal to the map's cell.
	Value float32

	taps []CellTap
}

// Cell is one output cell: output channel (map) and position.
type Cell struct{ Map, OY, OX int }

// Explain is the explanation of output cell (ch, oy, ox) of Conv2d c on
// input x (NCHW or unbatched CHW; batch sample 0 is explained), weight w,
// bias b (nil without bias) and y, the core's output for them (e.g.
// conv.Forward(c, x, w, b)), which supplies Value.
func Explain(c conv.Conv2d, x, w, b, y *conv.Tensor, ch, oy, ox int) (*Explanation, error) {
	if x == nil {
		return nil, errors.New("no input")
	}
	g, err := c.Geometry(x.Shape)
	if err != nil {
		return nil, err
	}
	e := new(Explanation)
	return e, e.Compute(g, x, w, b, y, Cell{ch, oy, ox})
}

// Compute fills e with the explanation of cell of batch sample 0 under
// geometry g (from Conv2d.Geometry of x's shape); the tensors are as for
// Explain. It allocates nothing once e has held a cell of the same kernel
// and group.
func (e *Explanation) Compute(g conv.Geometry, x, w, b, y *conv.Tensor, cell Cell) error {
	return e.ComputeSample(g, x, w, b, y, cell, 0)
}

// ComputeSample is Compute for batch sample n.
func (e *Explanation) ComputeSample(g conv.Geometry, x, w, b, y *conv.Tensor, cell Cell, n int) error {
	if err := checkExplain(g, x, w, b, y, cell); err != nil {
		return err
	}
	if n < 0 || n >= g.Input[0] {
		return fmt.Errorf("no batch sample %d (have %d)", n, g.Input[0])
	}
	cpg, opg := g.Weight[1], g.Output[1]/g.Conv.Groups
	kh, kw := g.Weight[2], g.Weight[3]
	h, wd := g.Input[2], g.Input[3]
	xs := x.Data[n*g.Input[1]*h*wd:] // sample n's input and output
	ys := y.Data[n*g.Output[1]*g.Output[2]*g.Output[3]:]
	e.Cell, e.Kernel = cell, [2]int{kh, kw}
	e.taps = slices.Grow(e.taps[:0], cpg*kh*kw)[:cpg*kh*kw]
	e.Channels = slices.Grow(e.Channels[:0], cpg)[:cpg]
	win := e.taps[:kh*kw]
	for i := range win {
		win[i].WindowTap = TapAt(g, cell.OY, cell.OX, i/kw, i%kw)
	}
	e.Sum = 0
	for c := 0; c < cpg; c++ {
		in := cell.Map/opg*cpg + c
		taps := e.taps[c*kh*kw : (c+1)*kh*kw]
		sum := 0.0
		for i := range taps {
			t := &taps[i]
			t.WindowTap = win[i].WindowTap
			t.Input = 0
			if t.Reads() {
				t.Input = xs[(in*h+t.SrcY)*wd+t.SrcX]
			}
			t.Weight = w.Data[((cell.Map*cpg+c)*kh+t.KY)*kw+t.KX]
			t.Product = float64(t.Input) * float64(t.Weight)
			sum += t.Product
		}
		e.Channels[c] = ChannelTerms{Channel: in, Taps: taps, Sum: sum}
		e.Sum += sum
	}
	e.HasBias, e.Bias = b != nil, 0
	if b != nil {
		e.Bias = b.Data[cell.Map]
	}
	e.Sum += float64(e.Bias)
	e.Value = ys[(cell.Map*g.Output[2]+cell.OY)*g.Output[3]+cell.OX]
	return nil
}

// checkExplain refuses a cell outside the output and tensors that do not
// fit the geometry (so Compute never indexes out of range).
func checkExplain(g conv.Geometry, x, w, b, y *conv.Tensor, cell Cell) error {
	if len(g.Output) != 4 || g.Input[0] < 1 {
		return errors.New("no batch sample to explain")
	}
	if cell.Map < 0 || cell.Map >= g.Output[1] || cell.OY < 0 || cell.OY >= g.Output[2] || cell.OX < 0 || cell.OX >= g.Output[3] {
		return fmt.Errorf("output cell (%d, %d, %d) is outside the output %s", cell.Map, cell.OY, cell.OX, conv.FormatShape(g.Output[1:]))
	}
	return checkFit(x, w, b, y, g.Input, g.Weight, g.Bias, g.Output)
}

// checkFit refuses tensors whose sizes are not the shapes given (a nil
// bias shape wants no bias).
func checkFit(x, w, b, y *conv.Tensor, input, weight, bias, output []int) error {
	for _, t := range []struct {
		what string
		t    *conv.Tensor
		want []int
	}{{"input", x, input}, {"weight", w, weight}, {"output", y, output}, {"bias", b, bias}} {
		switch {
		case t.t == nil && t.want == nil:
		case t.t == nil || t.want == nil:
			return fmt.Errorf("the %s does not fit the settings", t.what)
		case len(t.t.Data) != conv.Numel(t.want):
			return fmt.Errorf("%s of %d elements does not fit the shape %s", t.what, len(t.t.Data), conv.FormatShape(t.want))
		}
	}
	return nil
}

// Window fills buf with the taps of output cell (oy, ox)'s window, in the
// kernel's row-major order, reusing buf's memory.
func Window(g conv.Geometry, oy, ox int, buf []WindowTap) []WindowTap {
	kh, kw := g.Weight[2], g.Weight[3]
	buf = buf[:0]
	for i := 0; i < kh*kw; i++ {
		buf = append(buf, TapAt(g, oy, ox, i/kw, i%kw))
	}
	return buf
}

// TapAt is kernel element (ky, kx) of the window of output cell (oy,
// ox): where it lands (conv.Geometry.TapPos), what it reads (Source).
func TapAt(g conv.Geometry, oy, ox, ky, kx int) WindowTap {
	y, x := g.TapPos(0, oy, ky), g.TapPos(1, ox, kx)
	t := WindowTap{Tap: conv.Tap{KY: ky, KX: kx, Y: y, X: x,
		InPadding: y < 0 || y >= g.Input[2] || x < 0 || x >= g.Input[3]},
		PY: y + g.Pad[0], PX: x + g.Pad[2]}
	sy, oky := g.Source(0, y)
	sx, okx := g.Source(1, x)
	t.SrcY, t.SrcX = -1, -1
	if oky && okx {
		t.SrcY, t.SrcX = sy, sx
	}
	return t
}
