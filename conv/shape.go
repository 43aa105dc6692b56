package conv

import (
	"fmt"
	"strings"
)

// Shape arithmetic for the shapes panel: the output-size formula with the
// numbers put in, the input window behind any output cell, and the input rows
// and columns no window reaches. All of it derives from a Geometry (so from
// valid settings); axis 0 is the height, axis 1 the width.

// Formula is the output size of one axis as text with the numbers put in,
//
//	(28 − 5 + 2·2)/1 + 1 = 28
//
// with the floor shown when the division drops a remainder,
//
//	⌊(28 − 5 + 2·2)/2⌋ + 1 = 14
//
// the dilated kernel written out when the dilation is not 1,
//
//	(28 − (2·(5−1)+1) + 2·2)/1 + 1 = 24
//
// and both paddings when they differ ('same' with an even kernel):
//
//	(28 − 4 + 1 + 2)/1 + 1 = 28
//
// Negative padding (a crop, allowed by PyTorch with the non-zero padding
// modes) is subtracted: (8 − 1 − 2·1)/1 + 1 = 6. The text uses U+2212 (−),
// U+00B7 (·) and U+230A/U+230B (⌊⌋); Go's own fonts (gofont) have the first
// two but not the floor brackets.
func (g Geometry) Formula(axis int) string {
	in, k, s, d := g.Input[2+axis], g.Conv.Kernel[axis], g.Conv.Stride[axis], g.Conv.Dilation[axis]
	before, after := g.Pad[2*axis], g.Pad[2*axis+1]
	var b strings.Builder
	fmt.Fprintf(&b, "(%d − ", in)
	if d == 1 {
		fmt.Fprintf(&b, "%d", k)
	} else {
		fmt.Fprintf(&b, "(%d·(%d−1)+1)", d, k)
	}
	switch {
	case before == after && before >= 0:
		fmt.Fprintf(&b, " + 2·%d", before)
	case before == after:
		fmt.Fprintf(&b, " − 2·%d", -before)
	default:
		for _, p := range []int{before, after} {
			if p >= 0 {
				fmt.Fprintf(&b, " + %d", p)
			} else {
				fmt.Fprintf(&b, " − %d", -p)
			}
		}
	}
	num := in + before + after - g.EffKernel[axis]
	text := fmt.Sprintf("%s)/%d", b.String(), s)
	if num%s != 0 {
		text = "⌊" + text + "⌋"
	}
	return fmt.Sprintf("%s + 1 = %d", text, g.Output[2+axis])
}

// Tap is one kernel element of the window behind an output cell.
type Tap struct {
	KY, KX int // the kernel element
	// Y, X is where the tap lands, in input coordinates: outside
	// [0,H)×[0,W) it is in the padding.
	Y, X int
	// SrcY, SrcX is the input pixel the tap reads: the same as Y, X inside
	// the input; in the padding, the pixel the padding mode copies
	// (reflect, replicate, circular) or −1, −1 for zero padding.
	SrcY, SrcX int
	InPadding  bool
}

// Window is the input region one output cell reads.
type Window struct {
	// Y0, X0 and Y1, X1 are the first and last tap (inclusive), in input
	// coordinates; taps are EffKernel apart at most and Dilation apart.
	Y0, X0, Y1, X1 int
	Taps           []Tap // kh·kw taps, in the kernel's row-major order
}

// maxTaps bounds the taps Window lists.
const maxTaps = 1 << 20

// Window returns the input window of output cell (oy, ox) (the same for
// every batch item and every input channel of the group).
func (g Geometry) Window(oy, ox int) (Window, error) {
	if oy < 0 || oy >= g.Output[2] || ox < 0 || ox >= g.Output[3] {
		return Window{}, fmt.Errorf("output cell (%d, %d) is outside the %d×%d output", oy, ox, g.Output[2], g.Output[3])
	}
	kh, kw := g.Conv.Kernel[0], g.Conv.Kernel[1]
	if kh*kw > maxTaps {
		return Window{}, fmt.Errorf("a %d×%d kernel has too many taps to list (limit %d)", kh, kw, maxTaps)
	}
	y0, x0 := g.TapPos(0, oy, 0), g.TapPos(1, ox, 0)
	w := Window{Y0: y0, X0: x0, Y1: g.TapPos(0, oy, kh-1), X1: g.TapPos(1, ox, kw-1)}
	w.Taps = make([]Tap, 0, kh*kw)
	for ky := 0; ky < kh; ky++ {
		y := g.TapPos(0, oy, ky)
		sy, yok := g.Source(0, y)
		for kx := 0; kx < kw; kx++ {
			x := g.TapPos(1, ox, kx)
			sx, xok := g.Source(1, x)
			t := Tap{KY: ky, KX: kx, Y: y, X: x, SrcY: sy, SrcX: sx,
				InPadding: y < 0 || y >= g.Input[2] || x < 0 || x >= g.Input[3]}
			if !yok || !xok {
				t.SrcY, t.SrcX = -1, -1
			}
			w.Taps = append(w.Taps, t)
		}
	}
	return w, nil
}

// TapPos is the input coordinate of kernel element k for output index o
// of an axis (0 rows, 1 columns): negative or past the input in the padding.
func (g Geometry) TapPos(axis, o, k int) int {
	return o*g.Conv.Stride[axis] + k*g.Conv.Dilation[axis] - g.Pad[2*axis]
}

// Source maps input coordinate i of an axis to the pixel read there, per
// padding mode (PadSource); ok is false for zero padding. (With
// an empty batch PyTorch accepts even a negative dilation, whose taps land
// beyond any padding: they read nothing.)
func (g Geometry) Source(axis, i int) (int, bool) {
	return PadSource(i, g.Input[2+axis], g.Conv.mode())
}

// Unreached returns the input rows and columns whose pixels no output cell
// reads, directly or through reflect/replicate/circular padding: their
// values cannot change the output (e.g. the last row with k=5, stride 2,
// no padding and an even height). A pixel is unread exactly when its row or
// its column is listed. Cost: output size × kernel size per axis; an axis
// where that (or the input size) exceeds maxUnreachedWork — far beyond any
// picture, e.g. a huge padding on an empty batch — reports nothing.
func (g Geometry) Unreached() (rows, cols []int) {
	return g.unreachedAxis(0), g.unreachedAxis(1)
}

const maxUnreachedWork = 1 << 24

func (g Geometry) unreachedAxis(axis int) []int {
	n := g.Input[2+axis]
	if n > maxUnreachedWork || int64(g.Output[2+axis])*int64(g.Conv.Kernel[axis]) > maxUnreachedWork {
		return nil
	}
	read := make([]bool, n)
	for o := 0; o < g.Output[2+axis]; o++ {
		for k := 0; k < g.Conv.Kernel[axis]; k++ {
			if i, ok := g.Source(axis, g.TapPos(axis, o, k)); ok {
				read[i] = true
			}
		}
	}
	var out []int
	for i, r := range read {
		if !r {
			out = append(out, i)
		}
	}
	return out
}
