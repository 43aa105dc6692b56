package teach

import (
	"errors"
	"fmt"
	"slices"

	"convplayground/conv"
)

// Weight sharing, both ways: the pixels one weight multiplies over all
// output cells, and the output cells one pixel feeds. A pixel read through
// a padding copy (reflect, replicate, circular) counts as read: its value
// is in the product. Both sets are products of per-axis sets (the window
// positions are a grid), so they cost the input's size, not the windows'.

// WeightReach is where weight (Channel, KY, KX) of map Map works.
type WeightReach struct {
	Map, Channel, KY, KX int
	InChannel            int // the input channel the weight multiplies
	// Outputs is how many output cells the weight contributes to: all of
	// the map's Hout·Wout. Of those, Inside land on an input pixel and
	// Padding in the padding (reading 0 with zeros, a copied pixel
	// otherwise): Inside + Padding = Outputs.
	Outputs, Inside, Padding int
	H, W                     int
	// Pixels is H×W, row-major: the pixels of InChannel the weight
	// multiplies in some output cell; Count is how many.
	Pixels []bool
	Count  int

	rows, cols []bool
}

// Compute fills r for weight (c, ky, kx) of map m under geometry g,
// reusing r's slices.
func (r *WeightReach) Compute(g conv.Geometry, m, c, ky, kx int) error {
	if len(g.Weight) != 4 {
		return errors.New("no maps yet")
	}
	if m < 0 || c < 0 || ky < 0 || kx < 0 || m >= g.Weight[0] || c >= g.Weight[1] || ky >= g.Weight[2] || kx >= g.Weight[3] {
		return fmt.Errorf("no weight (%d, %d, %d, %d) in a weight of shape %s", m, c, ky, kx, conv.FormatShape(g.Weight))
	}
	*r = WeightReach{Map: m, Channel: c, KY: ky, KX: kx, H: g.Input[2], W: g.Input[3],
		InChannel: m/(g.Output[1]/g.Conv.Groups)*g.Weight[1] + c, Pixels: r.Pixels, rows: r.rows, cols: r.cols}
	var inY, inX int
	r.rows, inY = tapReads(g, 0, ky, r.rows)
	r.cols, inX = tapReads(g, 1, kx, r.cols)
	r.Outputs, r.Inside = g.Output[2]*g.Output[3], inY*inX
	r.Padding = r.Outputs - r.Inside
	r.Pixels, r.Count = grid(r.Pixels, r.rows, r.cols)
	return nil
}

// tapReads marks, in buf (resized to the axis), the input coordinates
// kernel element k reads over all output indices of an axis, and counts
// the output indices where it lands inside the input.
func tapReads(g conv.Geometry, axis, k int, buf []bool) ([]bool, int) {
	n := g.Input[2+axis]
	buf = slices.Grow(buf[:0], n)[:n]
	clear(buf)
	inside := 0
	for o := 0; o < g.Output[2+axis]; o++ {
		i := g.TapPos(axis, o, k)
		if i >= 0 && i < n {
			inside++
		}
		if j, ok := g.Source(axis, i); ok {
			buf[j] = true
		}
	}
	return buf, inside
}

// PixelReach is the receptive field read backwards: the output cells
// whose window reads input pixel (Channel, Y, X).
type PixelReach struct {
	Channel, Y, X int
	// Maps [MapFrom, MapTo) are the output channels that read Channel
	// (all of them with groups 1; the channel's group otherwise).
	MapFrom, MapTo int
	Hout, Wout     int
	// Cells is Hout×Wout, row-major: the cells, the same in each of those
	// maps, whose window reads the pixel; PerMap is how many, Count the
	// total over the maps (PerMap·(MapTo−MapFrom)).
	Cells         []bool
	PerMap, Count int

	rows, cols []bool
}

// Compute fills r for input pixel (c, y, x) under geometry g, reusing r's
// slices.
func (r *PixelReach) Compute(g conv.Geometry, c, y, x int) error {
	if len(g.Input) != 4 {
		return errors.New("no maps yet")
	}
	if c < 0 || y < 0 || x < 0 || c >= g.Input[1] || y >= g.Input[2] || x >= g.Input[3] {
		return fmt.Errorf("no pixel (%d, %d, %d) in an input of shape %s", c, y, x, conv.FormatShape(g.Input[1:]))
	}
	opg := g.Output[1] / g.Conv.Groups
	grp := c / g.Weight[1]
	*r = PixelReach{Channel: c, Y: y, X: x, MapFrom: grp * opg, MapTo: (grp + 1) * opg,
		Hout: g.Output[2], Wout: g.Output[3], Cells: r.Cells, rows: r.rows, cols: r.cols}
	r.rows, r.cols = readers(g, 0, y, r.rows), readers(g, 1, x, r.cols)
	r.Cells, r.PerMap = grid(r.Cells, r.rows, r.cols)
	r.Count = r.PerMap * (r.MapTo - r.MapFrom)
	return nil
}

// readers marks, in buf (resized to the output axis), the output indices
// some kernel element of which reads input coordinate i of an axis.
func readers(g conv.Geometry, axis, i int, buf []bool) []bool {
	n := g.Output[2+axis]
	buf = slices.Grow(buf[:0], n)[:n]
	clear(buf)
	for o := 0; o < n; o++ {
		for k := 0; k < g.Weight[2+axis] && !buf[o]; k++ {
			j, ok := g.Source(axis, g.TapPos(axis, o, k))
			buf[o] = ok && j == i
		}
	}
	return buf
}

// grid sets buf (resized to len(rows)×len(cols), row-major) to the cells
// whose row and column are both marked, and counts them: a pixel is read
// (or a cell reads) exactly when its row and its column do.
func grid(buf, rows, cols []bool) ([]bool, int) {
	buf = slices.Grow(buf[:0], len(rows)*len(cols))[:len(rows)*len(cols)]
	n := 0
	for y, ry := range rows {
		for x, cx := range cols {
			on := ry && cx
			buf[y*len(cols)+x] = on
			if on {
				n++
			}
		}
	}
	return buf, n
}

// AxisReads marks, in buf (resized to the axis), the input coordinates of
// an axis that output indices [from, to) read, directly or through padding.
func AxisReads(g conv.Geometry, axis, from, to int, buf []bool) []bool {
	n := g.Input[2+axis]
	buf = slices.Grow(buf[:0], n)[:n]
	clear(buf)
	for o := from; o < to; o++ {
		for k := 0; k < g.Weight[2+axis]; k++ {
			if i, ok := g.Source(axis, g.TapPos(axis, o, k)); ok {
				buf[i] = true
			}
		}
	}
	return buf
}
