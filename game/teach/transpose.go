package teach

import (
	"fmt"

	"convplayground/conv"
)

// One output cell of a ConvTranspose2d, both ways it can be seen, on plain
// conv values (a TransposeGeometry and tensors) so that each is checked
// against conv.TransposeForward on any setting:
//
//   - Scatter: every input pixel paints its value × the kernel onto the
//     output, stride apart; the cell is the sum of the paints that overlap
//     it (conv.TransposeGeometry.Contributions), + bias.
//   - Zero insertion: the input with stride − 1 zeros between its pixels
//     and d·(k − 1) − padding zeros around (cropped when negative), read by
//     the flipped kernel as an ordinary stride-1 convolution
//     (conv.TransposeGeometry.Stuffed), + bias.
//
// y[n, o, oy, ox] = b[o] + Σ over the input channels c of o's group and
// the contributions of x[n, c, IY, IX] · w[c, o mod (Cout/groups), KY, KX].

// Paint is one input pixel's paint on the cell: x[c, IY, IX] times kernel
// tap (KY, KX) of w[c, o mod (Cout/groups)].
type Paint struct {
	conv.Contribution
	Channel int // the input channel, numbered in the whole input
	Input   float32
	Weight  float32
	Product float64 // Input·Weight, exact in float64
}

// StuffedTap is one tap of the flipped kernel's window on the zero-stuffed
// input: window position (KY, KX) at stuffed (SY, SX) = (oy + KY·d, ox +
// KX·d), which holds input pixel (IY, IX) or an inserted zero (IY or IX
// −1), times w[c, o mod (Cout/groups), K−1−KY, K−1−KX] (the flip).
type StuffedTap struct {
	KY, KX  int
	SY, SX  int
	IY, IX  int
	Input   float32 // 0 for a zero
	Weight  float32
	Product float64
}

// Zero reports whether the tap reads an inserted or padding zero.
func (t StuffedTap) Zero() bool { return t.IY < 0 || t.IX < 0 }

// TransposeCell is one output cell's arithmetic in both views. Sum is
// the view's own float64 sum (the same in both: the zeros add nothing);
// it agrees with Value, the core's float32 output, within 1e-5·max(1,
// |Value|).
type TransposeCell struct {
	Cell     Cell
	Channels []int          // the input channels of the map's group, in order
	Paints   []Paint        // per channel in order, each in kernel row-major order
	Stuffed  [][]StuffedTap // per channel: the kh·kw window, row-major
	Rows     conv.Stuffed   // the zero-stuffed input's rows and columns
	Cols     conv.Stuffed
	HasBias  bool
	Bias     float32
	Sum      float64
	Value    float32
}

// Compute fills e with output cell of batch sample n of the
// ConvTranspose2d of geometry g on x, weight w [Cin, Cout/groups, kh, kw],
// bias b (nil without) and y, the core's output for them.
func (e *TransposeCell) Compute(g conv.TransposeGeometry, x, w, b, y *conv.Tensor, cell Cell, n int) error {
	if err := checkTransposed(g, x, w, b, y, cell, n); err != nil {
		return err
	}
	cs, err := g.Contributions(cell.OY, cell.OX)
	if err != nil {
		return err
	}
	c := g.Conv
	cin, opg, kh, kw := g.Input[1], g.Weight[1], g.Weight[2], g.Weight[3]
	h, wd := g.Input[2], g.Input[3]
	cpg := cin / c.Groups
	xs := x.Data[n*cin*h*wd:]
	weight := func(ci, ky, kx int) float32 { return w.Data[((ci*opg+cell.Map%opg)*kh+ky)*kw+kx] }
	*e = TransposeCell{Cell: cell, Rows: g.Stuffed(0), Cols: g.Stuffed(1), HasBias: b != nil}
	for k := 0; k < cpg; k++ {
		ci := cell.Map/opg*cpg + k
		e.Channels = append(e.Channels, ci)
		for _, ct := range cs {
			p := Paint{Contribution: ct, Channel: ci, Input: xs[(ci*h+ct.IY)*wd+ct.IX], Weight: weight(ci, ct.KY, ct.KX)}
			p.Product = float64(p.Input) * float64(p.Weight)
			e.Paints = append(e.Paints, p)
			e.Sum += p.Product
		}
		win := make([]StuffedTap, 0, kh*kw)
		for ky := 0; ky < kh; ky++ {
			for kx := 0; kx < kw; kx++ {
				t := StuffedTap{KY: ky, KX: kx, SY: cell.OY + ky*c.Dilation[0], SX: cell.OX + kx*c.Dilation[1],
					Weight: weight(ci, kh-1-ky, kw-1-kx)}
				t.IY, t.IX = e.Rows.Source(t.SY), e.Cols.Source(t.SX)
				if !t.Zero() {
					t.Input = xs[(ci*h+t.IY)*wd+t.IX]
				}
				t.Product = float64(t.Input) * float64(t.Weight)
				win = append(win, t)
			}
		}
		e.Stuffed = append(e.Stuffed, win)
	}
	if b != nil {
		e.Bias = b.Data[cell.Map]
	}
	e.Sum += float64(e.Bias)
	e.Value = y.Data[((n*g.Output[1]+cell.Map)*g.Output[2]+cell.OY)*g.Output[3]+cell.OX]
	return nil
}

// StuffedSum is the zero-insertion view's own sum: Σ window products + bias.
func (e *TransposeCell) StuffedSum() float64 {
	sum := float64(e.Bias)
	for _, win := range e.Stuffed {
		for _, t := range win {
			sum += t.Product
		}
	}
	return sum
}

// checkTransposed refuses a cell or sample outside the output and tensors
// that do not fit the geometry (so Compute never indexes out of range).
func checkTransposed(g conv.TransposeGeometry, x, w, b, y *conv.Tensor, cell Cell, n int) error {
	if len(g.Output) != 4 || n < 0 || n >= g.Input[0] {
		return fmt.Errorf("no batch sample %d to explain", n)
	}
	if cell.Map < 0 || cell.Map >= g.Output[1] || cell.OY < 0 || cell.OY >= g.Output[2] || cell.OX < 0 || cell.OX >= g.Output[3] {
		return fmt.Errorf("output cell (%d, %d, %d) is outside the output %s", cell.Map, cell.OY, cell.OX, conv.FormatShape(g.Output[1:]))
	}
	return checkFit(x, w, b, y, g.Input, g.Weight, g.Bias, g.Output)
}

// InSpan reports whether position j of a stuffed axis lies within the
// input's pixels and the zeros inserted between them (not in the zeros
// around them).
func InSpan(s conv.Stuffed, j int) bool {
	t := j - s.Before
	return t >= 0 && t <= (s.In-1)*s.Stride
}
