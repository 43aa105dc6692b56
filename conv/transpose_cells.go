package conv

import "fmt"

// The arithmetic of one output cell of a ConvTranspose2d, both ways it can
// be seen: as the input pixels whose stamps (value × kernel) overlap there,
// and as an ordinary stride-1 convolution of the flipped kernel over the
// input with stride − 1 zeros inserted between its pixels.

// Contribution is one input pixel times one kernel tap adding into an
// output cell: y[n, co, oy, ox] = b[co] + Σ over the input channels ci of
// co's group and the cell's contributions of x[n, ci, IY, IX] ·
// w[ci, co mod (Cout/groups), KY, KX].
type Contribution struct {
	IY, IX int // the input pixel
	KY, KX int // the kernel tap: IY·stride − padding + KY·dilation = oy
}

// Contributions lists the contributions to output cell (oy, ox), the same
// for every batch item and channel pair, in kernel row-major order. It is
// empty for a cell no tap reaches (the bias alone: a kernel shorter than
// the stride), and refuses kernels with more than maxTaps taps.
func (g TransposeGeometry) Contributions(oy, ox int) ([]Contribution, error) {
	if oy < 0 || oy >= g.Output[2] || ox < 0 || ox >= g.Output[3] {
		return nil, fmt.Errorf("output cell (%d, %d) is outside the %d×%d output", oy, ox, g.Output[2], g.Output[3])
	}
	if kh, kw := g.Conv.Kernel[0], g.Conv.Kernel[1]; kh*kw > maxTaps {
		return nil, fmt.Errorf("a %d×%d kernel has too many taps to list (limit %d)", kh, kw, maxTaps)
	}
	rows, cols := g.axisSources(0, oy), g.axisSources(1, ox)
	out := make([]Contribution, 0, len(rows)*len(cols))
	for _, r := range rows {
		for _, c := range cols {
			out = append(out, Contribution{IY: r[0], IX: c[0], KY: r[1], KX: c[1]})
		}
	}
	return out, nil
}

// axisSources lists the (input index, kernel index) pairs of one axis that
// land on output index o: i·s − p + k·d = o with i inside the input.
func (g TransposeGeometry) axisSources(axis, o int) [][2]int {
	c := g.Conv
	s, d, p := c.Stride[axis], c.Dilation[axis], c.Padding[axis]
	var out [][2]int
	for k := 0; k < c.Kernel[axis]; k++ {
		if t := o + p - k*d; t >= 0 && t%s == 0 && t/s < g.Input[2+axis] {
			out = append(out, [2]int{t / s, k})
		}
	}
	return out
}

// Stuffed describes the zero-insertion view of one axis (0 rows, 1
// columns): the input with stride − 1 zeros between adjacent pixels, then
// Before zeros in front and After behind (negative: that many cropped),
// read by the kernel flipped, at stride 1 with the layer's dilation d:
//
//	y[o] = b + Σ_k stuffed[o + k·d] · w[K − 1 − k]
//
// Before is d·(K − 1) − padding; After is Before + output_padding.
type Stuffed struct {
	Size          int // the padded, zero-stuffed axis: the output's size + d·(K − 1)
	Before, After int
	Stride, In    int // the layer's stride and the input's size on this axis
}

// Stuffed returns the zero-insertion view of one axis.
func (g TransposeGeometry) Stuffed(axis int) Stuffed {
	c := g.Conv
	before := c.Dilation[axis]*(c.Kernel[axis]-1) - c.Padding[axis]
	return Stuffed{
		Size:   g.Output[2+axis] + c.Dilation[axis]*(c.Kernel[axis]-1),
		Before: before, After: before + c.OutputPadding[axis],
		Stride: c.Stride[axis], In: g.Input[2+axis],
	}
}

// Source is the input index at position j of the stuffed axis, or −1 for
// an inserted or padding zero.
func (s Stuffed) Source(j int) int {
	t := j - s.Before
	if t < 0 || t%s.Stride != 0 || t/s.Stride >= s.In {
		return -1
	}
	return t / s.Stride
}
