package state

import "math"

// Canvas size: MNIST's 28x28, one channel.
const (
	Size     = 28
	inkCore  = 0.6 // brush: full ink within this distance of the stroke (pixels)
	inkEdge  = 1.8 // ... fading to none at this distance: ~2-3 px wide, soft edges like MNIST
	eraseAdd = 1.2 // the eraser's core covers the pen's whole reach
)

// Canvas is the drawing, row-major, 0 = background and 1 = ink.
type Canvas [Size * Size]float32

// paintSegment lays a soft round stroke from (x0,y0) to (x1,y1), in canvas
// pixels (pixel i covers [i, i+1)). Ink keeps the darkest value per pixel, as
// a pen over paper does, so repeated segments do not saturate the edges.
func (c *Canvas) paintSegment(x0, y0, x1, y1 float64, erase bool) bool {
	core, edge := inkCore, inkEdge
	if erase {
		core, edge = core+eraseAdd, edge+eraseAdd
	}
	lo := func(a, b float64) int { return max(0, int(math.Floor(min(a, b)-edge))) }
	hi := func(a, b float64) int { return min(Size-1, int(math.Ceil(max(a, b)+edge))) }
	changed := false
	for y := lo(y0, y1); y <= hi(y0, y1); y++ {
		for x := lo(x0, x1); x <= hi(x0, x1); x++ {
			d := segDist(float64(x)+0.5, float64(y)+0.5, x0, y0, x1, y1)
			v := float32(min(1, max(0, (edge-d)/(edge-core))))
			if v == 0 {
				continue
			}
			p := &c[y*Size+x]
			old := *p
			if erase {
				*p = min(*p, 1-v)
			} else {
				*p = max(*p, v)
			}
			changed = changed || *p != old
		}
	}
	return changed
}

// segDist is the distance from (px,py) to the segment (x0,y0)-(x1,y1).
func segDist(px, py, x0, y0, x1, y1 float64) float64 {
	dx, dy := x1-x0, y1-y0
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = min(1, max(0, ((px-x0)*dx+(py-y0)*dy)/l))
	}
	return math.Hypot(px-(x0+t*dx), py-(y0+t*dy))
}
