package hook

import (
	"convplayground/game/state"
	"convplayground/game/teach"
)

// transposeExplanation is the explain entry of a ConvTranspose2d's cell
// (nil when the maps are not one's), both views of it:
//
//	{layer: "ConvTranspose2d", view: "scatter" or "zero_insertion", map,
//	 oy, ox, paints: [{channel, at: [iy, ix], tap: [ky, kx], x, w,
//	 product}], stuffed: [{channel, taps: [{at: [sy, sx] (on the stuffed
//	 input), tap: [ky, kx] (of the flipped kernel's window), source: [iy,
//	 ix] or null (a zero), x, w, product}]}], bias, sum (the paints',
//	 float64), stuffed_sum (the window's), value (the core's)}
func transposeExplanation(s *state.State, c teach.Cell) map[string]any {
	var e teach.TransposeCell
	if s.Teach.ExplainTransposed(&e, c) != nil {
		return nil
	}
	paints := make([]any, len(e.Paints))
	for i, p := range e.Paints {
		paints[i] = map[string]any{"channel": p.Channel, "at": []any{p.IY, p.IX}, "tap": []any{p.KY, p.KX},
			"x": p.Input, "w": p.Weight, "product": p.Product}
	}
	stuffed := make([]any, len(e.Stuffed))
	for i, win := range e.Stuffed {
		taps := make([]any, len(win))
		for j, t := range win {
			var src any
			if !t.Zero() {
				src = []any{t.IY, t.IX}
			}
			taps[j] = map[string]any{"at": []any{t.SY, t.SX}, "tap": []any{t.KY, t.KX}, "source": src,
				"x": t.Input, "w": t.Weight, "product": t.Product}
		}
		stuffed[i] = map[string]any{"channel": e.Channels[i], "taps": taps}
	}
	view := "scatter"
	if s.Teach.ZeroInsertion() {
		view = "zero_insertion"
	}
	return map[string]any{"layer": "ConvTranspose2d", "view": view, "map": c.Map, "oy": c.OY, "ox": c.OX,
		"paints": paints, "stuffed": stuffed, "bias": e.Bias, "sum": e.Sum, "stuffed_sum": e.StuffedSum(), "value": e.Value}
}
