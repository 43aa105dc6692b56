package state

import (
	"errors"
	"fmt"

	"convplayground/game/teach"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// The explain view of a layer after layer 0: a Conv2d's cell as the sum
// over its input channels (the previous layer's output), a pooling cell
// as its window and the value that won (max) or the mean.

// ExplainLayerCell fills e with the arithmetic of cell of layer i ≥ 1, a
// Conv2d, for the selected sample: its input is layer i−1's output.
func (te *Teach) ExplainLayerCell(e *teach.Explanation, i int, cell teach.Cell) error {
	s := te.s
	c, ok := s.Layers.TailLayer(i).(*nn.Conv2d)
	x, y := s.Layers.LayerOutput(i-1), s.Layers.LayerOutput(i)
	switch {
	case !ok:
		return fmt.Errorf("layer %d is not a Conv2d", i)
	case x == nil || y == nil:
		return errors.New("the chain breaks before this layer: no output to explain")
	}
	g, err := c.Conv.Geometry(x.Shape)
	if err != nil {
		return err
	}
	return e.ComputeSample(g, x, c.Weight.Value, c.Bias.Value, y, cell, min(s.Sample, x.Shape[0]-1))
}

// ExplainLayerTransposed fills e with the arithmetic of cell of layer i ≥
// 1, a ConvTranspose2d, for the selected sample: the pixels of layer i−1's
// maps whose paints (value × kernel) cover the cell.
func (te *Teach) ExplainLayerTransposed(e *teach.TransposeCell, i int, cell teach.Cell) error {
	s := te.s
	c, ok := s.Layers.TailLayer(i).(*nn.ConvTranspose2d)
	x, y := s.Layers.LayerOutput(i-1), s.Layers.LayerOutput(i)
	switch {
	case !ok:
		return fmt.Errorf("layer %d is not a ConvTranspose2d", i)
	case x == nil || y == nil:
		return errors.New("the chain breaks before this layer: no output to explain")
	}
	g, err := c.Conv.Geometry(x.Shape)
	if err != nil {
		return err
	}
	return e.Compute(g, x, c.Weight.Value, c.Bias.Value, y, cell, min(s.Sample, x.Shape[0]-1))
}

// PoolCell is one output cell of a pooling layer: the window it reads in
// its input channel (values in the padding are absent: Max ignores them,
// the mean counts them as 0, count_include_pad=True) and its value.
type PoolCell struct {
	Max      bool      // MaxPool2d; else AvgPool2d
	Window   []float32 // kh·kw values, row-major; NaN-free padding taps are 0
	Pad      []bool    // which taps are in the padding
	Kernel   [2]int
	Win      int     // MaxPool2d: the tap that won (the first of equal maxima)
	Value    float32 // the output cell
	Y0, X0   int     // the window's top-left in the input (may be negative)
	Computed float64 // the max or the mean, recomputed from Window
}

// PoolLayerCell explains cell of layer i ≥ 1, a MaxPool2d or AvgPool2d.
func (te *Teach) PoolLayerCell(i int, cell teach.Cell) (PoolCell, error) {
	s := te.s
	l := s.Layers.LayerSpec(i)
	x, y := s.Layers.LayerOutput(i-1), s.Layers.LayerOutput(i)
	var p PoolCell
	switch {
	case i < 1 || l.Kind != arch.MaxPool2d && l.Kind != arch.AvgPool2d:
		return p, fmt.Errorf("layer %d is not a pooling layer", i)
	case x == nil || y == nil || len(y.Shape) != 4:
		return p, errors.New("the chain breaks before this layer: no output to explain")
	case cell.Map < 0 || cell.Map >= y.Shape[1] || cell.OY < 0 || cell.OY >= y.Shape[2] || cell.OX < 0 || cell.OX >= y.Shape[3]:
		return p, fmt.Errorf("no cell %v in an output %v", cell, y.Shape)
	}
	n := min(s.Sample, x.Shape[0]-1)
	h, w := x.Shape[2], x.Shape[3]
	p = PoolCell{Max: l.Kind == arch.MaxPool2d, Kernel: l.Kernel,
		Y0: cell.OY*l.Stride[0] - l.Padding[0], X0: cell.OX*l.Stride[1] - l.Padding[1], Win: -1,
		Value: y.At(n, cell.Map, cell.OY, cell.OX)}
	sum := 0.0
	for ky := range l.Kernel[0] {
		for kx := range l.Kernel[1] {
			yy, xx := p.Y0+ky, p.X0+kx
			pad := yy < 0 || xx < 0 || yy >= h || xx >= w
			v := float32(0)
			if !pad {
				v = x.At(n, cell.Map, yy, xx)
				if p.Win < 0 || v > p.Window[p.Win] {
					p.Win = len(p.Window)
				}
			}
			p.Window, p.Pad = append(p.Window, v), append(p.Pad, pad)
			sum += float64(v)
		}
	}
	p.Computed = sum / float64(len(p.Window))
	if p.Max && p.Win >= 0 {
		p.Computed = float64(p.Window[p.Win])
	}
	return p, nil
}

// LayerChannelMaps is output map m of layer i ≥ 1, a Conv2d, taken apart
// by input channel: for each input channel of m's group, the map of its
// Σ w·x alone (C·H·W values, row-major); with the bias they add up to the
// map. For the selected sample.
func (te *Teach) LayerChannelMaps(i, m int) (parts []float32, shape []int, bias float32, err error) {
	s := te.s
	y := s.Layers.LayerOutput(i)
	if y == nil || len(y.Shape) != 4 {
		return nil, nil, 0, errors.New("the chain breaks before this layer: no output to take apart")
	}
	if m < 0 || m >= y.Shape[1] {
		return nil, nil, 0, fmt.Errorf("no map %d (have %d)", m, y.Shape[1])
	}
	h, w := y.Shape[2], y.Shape[3]
	var e teach.Explanation
	for oy := range h {
		for ox := range w {
			if err := s.Teach.ExplainLayerCell(&e, i, teach.Cell{Map: m, OY: oy, OX: ox}); err != nil {
				return nil, nil, 0, err
			}
			if parts == nil {
				parts = make([]float32, len(e.Channels)*h*w)
			}
			for c, ch := range e.Channels {
				parts[(c*h+oy)*w+ox] = float32(ch.Sum)
			}
			bias = e.Bias
		}
	}
	return parts, []int{len(parts) / (h * w), h, w}, bias, nil
}

// ReceptiveField is the part of the original input that output cell (oy,
// ox) of layer i reads, through every layer before it: the union of the
// windows, rows y0..y1 and columns x0..x1 (inclusive, clipped to the
// input). all is true when a Flatten or Linear on the way reads the whole
// input; ok false when the chain breaks before layer i.
func (te *Teach) ReceptiveField(i, oy, ox int) (y0, y1, x0, x1 int, all, ok bool) {
	s := te.s
	if s.Layers.LayerShape(i) == nil {
		return 0, 0, 0, 0, false, false
	}
	y0, y1, x0, x1 = oy, oy, ox, ox
	for j := i; j >= 0; j-- {
		var k, st, pad, dil [2]int
		switch l := s.Layers.LayerSpec(j); l.Kind {
		case arch.Conv2d:
			c := l.Conv
			if j == 0 {
				c = s.OutConv
			}
			k, st, dil = c.Kernel, c.Stride, c.Dilation
			pad = c.Padding
			if g, err := c.Geometry(s.Layers.layerInput(j)); err == nil {
				pad = [2]int{g.Pad[0], g.Pad[2]} // 'same' and 'valid' resolved: top and left
			}
		case arch.MaxPool2d, arch.AvgPool2d:
			k, st, pad, dil = l.Kernel, l.Stride, l.Padding, [2]int{1, 1}
		case arch.Flatten, arch.Linear, arch.ConvTranspose2d:
			return 0, s.H() - 1, 0, s.W() - 1, true, true
		default: // elementwise: the same cell
			continue
		}
		y0, y1 = y0*st[0]-pad[0], y1*st[0]-pad[0]+dil[0]*(k[0]-1)
		x0, x1 = x0*st[1]-pad[1], x1*st[1]-pad[1]+dil[1]*(k[1]-1)
	}
	return max(y0, 0), min(y1, s.H()-1), max(x0, 0), min(x1, s.W()-1), false, true
}
