package hook

import (
	"convplayground/game/state"
	"convplayground/game/teach"
)

// stepThrough adds the step-through's numbers to the hook, of the selected
// layer (layer 0, or a deeper Conv2d or ConvTranspose2d):
//
//	step       {map, oy, ox, index, total, done, playing, stepping, speed,
//	            pinned: [map, oy, ox] or null}
//	explain    the arithmetic panel's cell (ExplainedCell), null without
//	           one: {map, oy, ox, channels: [{channel, sum, taps: [{ky, kx,
//	           at: [y, x] (input coordinates), padded_at: [y, x], padding,
//	           source: [y, x] or null (zeros), x, w, product}]}], bias, sum
//	           (float64), value (the core's)}; a ConvTranspose2d's
//	           cell: transpose.go
//	never_read {rows, cols}
func stepThrough(s *state.State, h *Hook) {
	var f state.StepFrame
	s.Player.StepFrame(&f)
	var pin any
	if c, ok := s.Player.Pinned(); ok {
		pin = []any{c.Map, c.OY, c.OX}
	}
	h.Step = map[string]any{
		"map": f.Cell.Map, "oy": f.Cell.OY, "ox": f.Cell.OX, "index": f.Index, "total": f.Total, "done": f.Done,
		"playing": f.Playing, "stepping": f.Stepping, "speed": f.Speed, "pinned": pin,
	}
	if c, ok := s.Player.ExplainedCell(); ok {
		var e teach.Explanation
		if s.Teach.ExplainCell(&e, c) == nil {
			h.Explain = explanation(&e)
		} else {
			h.Explain = transposeExplanation(s, c) // nil unless the maps are a ConvTranspose2d's
		}
	}
	h.NeverRead = map[string]any{"rows": list(f.NeverRows), "cols": list(f.NeverCols)}
}

func explanation(e *teach.Explanation) map[string]any {
	chans := make([]any, len(e.Channels))
	for i, ch := range e.Channels {
		taps := make([]any, len(ch.Taps))
		for j, t := range ch.Taps {
			var src any
			if t.Reads() {
				src = []any{t.SrcY, t.SrcX}
			}
			taps[j] = map[string]any{"ky": t.KY, "kx": t.KX, "at": []any{t.Y, t.X}, "padded_at": []any{t.PY, t.PX},
				"padding": t.InPadding, "source": src, "x": t.Input, "w": t.Weight, "product": t.Product}
		}
		chans[i] = map[string]any{"channel": ch.Channel, "sum": ch.Sum, "taps": taps}
	}
	return map[string]any{"map": e.Cell.Map, "oy": e.Cell.OY, "ox": e.Cell.OX, "channels": chans,
		"bias": e.Bias, "sum": e.Sum, "value": e.Value}
}
