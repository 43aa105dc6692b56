package game

import "math"

// valueDrag turns a vertical drag on a weight or a bias into its value:
// up raises it, 0.02 per layout pixel, in steps of 0.01, after a dead zone
// of 3 pixels (a click alone changes nothing).
type valueDrag struct {
	y0    float64 // where the drag started
	v0    float32 // the value then
	moved bool    // the drag has left its dead zone
}

func (d *valueDrag) start(y float64, v float32) { *d = valueDrag{y0: y, v0: v} }

// at is the value for the pointer at y; false inside the dead zone.
func (d *valueDrag) at(y float64) (float64, bool) {
	dy := d.y0 - y
	if !d.moved && math.Abs(dy) < 3 {
		return 0, false
	}
	d.moved = true
	return math.Round((float64(d.v0)+dy*0.02)*100) / 100, true
}
