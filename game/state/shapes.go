package state

import (
	"fmt"
	"strconv"
	"strings"

	"convplayground/conv"
)

// Code is the layer as PyTorch code, e.g. nn.Conv2d(1, 8, kernel_size=5, stride=1, padding=2).
func (s *State) Code() string {
	b := fmt.Sprintf("nn.Conv2d(%d, %d, kernel_size=%d, stride=%d, padding=%s",
		s.cin(), s.OutChannels, s.Kernel, s.Stride, s.PaddingText())
	if s.Dilation != 1 {
		b += fmt.Sprintf(", dilation=%d", s.Dilation)
	}
	if s.PaddingMode != "zeros" {
		b += fmt.Sprintf(", padding_mode='%s'", s.PaddingMode)
	}
	return b + ")"
}

// ShapeLines is the shapes panel: tensors, the output-size formula with the
// numbers in, parameters and multiply-adds. With rejected settings it shows
// what the settings ask for and says the maps are the last valid ones.
func (s *State) ShapeLines() []string {
	k, n, cin := s.Kernel, s.OutChannels, s.cin()
	lines := []string{
		"input   " + conv.FormatShape(s.InputShape()) + "   " + s.scalingText(),
		"weight  " + conv.FormatShape([]int{n, cin, k, k}),
		"bias    " + conv.FormatShape([]int{n}),
	}
	if s.Err != nil {
		prev := "none"
		if s.Out != nil {
			prev = conv.FormatShape(s.Out.Shape)
		}
		return append(lines, "output  rejected (showing last valid "+prev+")")
	}
	g := s.Geom
	lines = append(lines, "output  "+conv.FormatShape(g.Output))
	if h, w := floorText.Replace(g.Formula(0)), floorText.Replace(g.Formula(1)); h == w {
		lines = append(lines, "H_out = W_out = "+h)
	} else { // a non-square input (a dropped .npy)
		lines = append(lines, "H_out = "+h, "W_out = "+w)
	}
	lines = append(lines,
		fmt.Sprintf("params = %d·%d·%d·%d + %d = %s", n, cin, k, k, n, commas(g.Params)),
		fmt.Sprintf("multiply-adds = %d·%d·%d · %d·%d·%d = %s", n, g.Output[2], g.Output[3], cin, k, k, commas(g.MACs)),
	)
	if rows, cols := g.Unreached(); len(rows)+len(cols) > 0 {
		lines = append(lines, fmt.Sprintf("never read: input rows %s, cols %s", span(rows), span(cols)))
	}
	return lines
}

// floorText spells conv's ⌊…⌋ (not in the Go fonts) as floor(…).
var floorText = strings.NewReplacer("⌊", "floor(", "⌋", ")")

// span prints a sorted list of indices compactly: [27], [0..1, 27], none.
func span(v []int) string {
	if len(v) == 0 {
		return "none"
	}
	var parts []string
	for i := 0; i < len(v); {
		j := i
		for j+1 < len(v) && v[j+1] == v[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d..%d", v[i], v[j]))
		} else {
			parts = append(parts, strconv.Itoa(v[i]))
		}
		i = j + 1
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (s *State) scalingText() string {
	if s.Normalize {
		return "ToTensor + Normalize(0.5, 0.5): [-1, 1]"
	}
	return "ToTensor: [0, 1]"
}

func commas(v int64) string {
	s := strconv.FormatInt(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Hook is what the browser's window.convPlayground.state() reports, as
// plain JSON-ready values (numbers, strings, bools, []any, map[string]any):
// the page turns it into JSON with the browser's own JSON.stringify, so the
// wasm carries no JSON encoder. frame is the view's counter.
func (s *State) Hook(frame uint64) map[string]any {
	k, n := s.Kernel, s.OutChannels
	h := map[string]any{
		"frame": frame, "version": s.Version, "code": s.Code(),
		"settings": map[string]any{
			"out_channels": n, "in_channels": s.cin(), "kernel": k, "stride": s.Stride,
			"padding": s.paddingValue(), "dilation": s.Dilation,
			"padding_mode": s.PaddingMode, "normalize": s.Normalize, "photo": s.Photo,
		},
		"input": list(s.InputShape()), "weight": list([]int{n, s.cin(), k, k}), "bias": list([]int{n}),
		"output": []any{}, // the shown (last valid) maps' shape
		"error":  "", "stale": s.Stale(), "min": s.Min, "max": s.Max, "nonfinite": s.NonFiniteTotal(),
		"digit": s.Digit, "label": -1, // MNIST sample index and label, −1 when drawn
		"undo": len(s.undo), "notice": s.Notice,
		// The trained network: its guess for the canvas (−1 for none), the ten
		// probabilities, and why it is unavailable ("" when it is loaded).
		"prediction": s.Model.Guess, "probs": list(s.Model.Probs[:]), "model_error": s.Model.Unavailable(),
	}
	if s.Out != nil {
		h["output"] = list(s.Out.Shape)
	}
	if s.Err != nil {
		h["error"] = s.Err.Error()
	}
	filters := []any{}
	for i := 0; i < n; i++ {
		filters = append(filters, s.Filters[i].Preset)
	}
	h["filters"] = filters
	if s.Digit >= 0 {
		h["label"] = s.Digits[s.Digit].Label
	}
	h["ink"] = s.Canvas.ink() // to see strokes land
	return h
}

// list makes a JSON-ready array.
func list[T any](xs []T) []any {
	l := make([]any, len(xs))
	for i, x := range xs {
		l[i] = x
	}
	return l
}

func (s *State) paddingValue() any {
	if s.PadString != "" {
		return s.PadString
	}
	return s.Padding
}
