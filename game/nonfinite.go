package game

import "math"

// Maps with values that are not numbers a colour can show (±Inf, NaN: a
// dropped .npy near float32's limit overflows) are hatched where those
// values are, so they do not pass for the colour the colormap gives them.

// nonFinite reports whether the shown map ch (of the selected sample) has
// a value that is ±Inf or NaN. It scans the plane it draws rather than
// asking state.NonFinite, which counts at Recompute and so does not follow
// a newly selected sample.
func (v *view) nonFinite(ch int) bool {
	for _, x := range v.st.Input.MapPlane(ch) {
		if math.IsInf(float64(x), 0) || math.IsNaN(float64(x)) {
			return true
		}
	}
	return false
}

// hatchNonFinite covers map ch's non-finite cells, drawn in tile r, with a
// dark hatch, and frames the map in the error colour.
func (v *view) hatchNonFinite(p painter, ch int, r rect) {
	if !v.nonFinite(ch) {
		return
	}
	out := v.st.Out
	oh, ow := out.Shape[2], out.Shape[3]
	cw, chh := r.W/float64(ow), r.H/float64(oh)
	hatch := withAlpha(rgb(0xffffff), 0.8)
	for i, x := range v.st.Input.MapPlane(ch) {
		if !math.IsInf(float64(x), 0) && !math.IsNaN(float64(x)) {
			continue
		}
		c := rect{r.X + float64(i%ow)*cw, r.Y + float64(i/ow)*chh, cw, chh}
		p.fill(c, colText)
		if cw >= 3 {
			p.line(c.X+cw*0.15, c.bottom()-chh*0.15, c.right()-cw*0.15, c.Y+chh*0.15, 1, hatch)
		}
	}
	p.stroke(r.inset(-1), 2, colError)
}
