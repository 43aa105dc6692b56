package nn

import (
	"fmt"
	"math"
)

// Preprocess frames a drawn digit the way MNIST's digits were framed, so
// that the network sees what it was trained on. canvas is 28x28 row-major,
// values in [0,1], white ink on black. Following LeCun et al.: the bounding
// box of the ink is scaled (aspect ratio kept, area-averaged so it is
// anti-aliased) to fit a 20x20 box, then placed in the 28x28 field so that
// its centre of mass falls on the field's centre. An empty canvas gives an
// empty image.
func Preprocess(canvas []float32) ([]float32, error) {
	if len(canvas) != Side*Side {
		return nil, fmt.Errorf("nn: Preprocess wants %d pixels (28x28), got %d", Side*Side, len(canvas))
	}
	out := make([]float32, Side*Side)
	x0, y0, x1, y1, ok := inkBox(canvas)
	if !ok {
		return out, nil
	}
	w, h := x1-x0, y1-y0
	scale := 20 / float64(max(w, h))
	tw := max(1, int(math.Round(float64(w)*scale)))
	th := max(1, int(math.Round(float64(h)*scale)))
	// Separable area resampling: rows first, then columns.
	cols, rows := BoxTaps(w, tw), BoxTaps(h, th)
	tmp := make([]float64, h*tw) // h rows of the scaled width
	for y := 0; y < h; y++ {
		src := canvas[(y0+y)*Side+x0:]
		for u := 0; u < tw; u++ {
			var s float64
			for _, t := range cols[u] {
				s += t.W * float64(src[t.I])
			}
			tmp[y*tw+u] = s
		}
	}
	small := make([]float64, th*tw)
	var mass, mx, my float64
	for v := 0; v < th; v++ {
		for u := 0; u < tw; u++ {
			var s float64
			for _, t := range rows[v] {
				s += t.W * tmp[t.I*tw+u]
			}
			small[v*tw+u] = s
			mass += s
			mx += s * float64(u)
			my += s * float64(v)
		}
	}
	// Offset of the scaled digit in the field: its centre of mass on pixel
	// (14, 14), where MNIST's digits have theirs on average, rounded to whole
	// pixels and kept inside the field. A real MNIST digit comes out unchanged.
	ox := min(max(int(math.Round(14-mx/mass)), 0), Side-tw)
	oy := min(max(int(math.Round(14-my/mass)), 0), Side-th)
	for v := 0; v < th; v++ {
		for u := 0; u < tw; u++ {
			out[(oy+v)*Side+ox+u] = float32(min(max(small[v*tw+u], 0), 1))
		}
	}
	return out, nil
}

// inkBox returns the bounding box [x0,x1)×[y0,y1) of the inked pixels: those
// above half a grey level, below MNIST's faintest (1/255), so that MNIST's
// own boxes, anti-aliased edges included, are kept.
func inkBox(c []float32) (x0, y0, x1, y1 int, ok bool) {
	const ink = 0.5 / 255
	x0, y0 = Side, Side
	for y := 0; y < Side; y++ {
		for x := 0; x < Side; x++ {
			if c[y*Side+x] > ink {
				x0, y0 = min(x0, x), min(y0, y)
				x1, y1 = max(x1, x+1), max(y1, y+1)
			}
		}
	}
	return x0, y0, x1, y1, x1 > x0
}

// BoxTap is an input cell's share of an output cell along one axis.
type BoxTap struct {
	I int     // the input cell
	W float64 // the part of the output cell it covers (an output's taps sum to 1)
}

// BoxTaps returns, for each of m output cells spanning n input cells, the
// consecutive input cells it overlaps and their shares: a box filter, so
// shrinking averages and enlarging repeats cells as blocks. The playground
// resizes photos with it too.
func BoxTaps(n, m int) [][]BoxTap {
	taps := make([][]BoxTap, m)
	step := float64(n) / float64(m) // input cells per output cell
	for u := range taps {
		a, b := float64(u)*step, float64(u+1)*step
		for x := int(a); x < n && float64(x) < b; x++ {
			taps[u] = append(taps[u], BoxTap{x, (min(b, float64(x+1)) - max(a, float64(x))) / step})
		}
	}
	return taps
}
