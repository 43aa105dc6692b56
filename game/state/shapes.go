package state

import (
	"fmt"
	"strconv"
	"strings"
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
		"input   " + Shape(s.InputShape()) + "   " + s.scalingText(),
		"weight  " + Shape([]int{n, cin, k, k}),
		"bias    " + Shape([]int{n}),
	}
	if s.Err != nil {
		prev := "none"
		if s.Out != nil {
			prev = Shape(s.Out.Shape)
		}
		return append(lines, "output  rejected (showing last valid "+prev+")")
	}
	g := s.Geom
	lines = append(lines, "output  "+Shape(g.Output))
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

// Shape prints a shape as PyTorch lists do: [1, 8, 28, 28].
func Shape(d []int) string {
	p := make([]string, len(d))
	for i, v := range d {
		p[i] = strconv.Itoa(v)
	}
	return "[" + strings.Join(p, ", ") + "]"
}

func commas(v int64) string {
	s := strconv.FormatInt(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Hook is what the browser's window.convPlayground.state() reports.
type Hook struct {
	Frame    uint64         `json:"frame"`
	Version  uint64         `json:"version"`
	Settings map[string]any `json:"settings"`
	Code     string         `json:"code"`
	Input    []int          `json:"input"`
	Weight   []int          `json:"weight"`
	Bias     []int          `json:"bias"`
	Output   []int          `json:"output"` // the shown (last valid) maps' shape
	Error    string         `json:"error"`
	Stale    bool           `json:"stale"`
	Min      float32        `json:"min"`
	Max      float32        `json:"max"`
	Filters  []string       `json:"filters"`
	Digit    int            `json:"digit"` // MNIST sample index, −1 when drawn
	Label    int            `json:"label"` // its label, −1 when drawn
	Ink      float32        `json:"ink"`   // sum of the canvas, to see strokes land
	Undo     int            `json:"undo"`
	Notice   string         `json:"notice"`
	// The trained network: its guess for the canvas (−1 for none), the ten
	// probabilities, and why it is unavailable ("" when it is loaded).
	Prediction int         `json:"prediction"`
	Probs      [10]float32 `json:"probs"`
	ModelError string      `json:"model_error"`
}

// Hook fills the automation report (frame is the view's).
func (s *State) Hook(frame uint64) Hook {
	k, n := s.Kernel, s.OutChannels
	h := Hook{
		Frame: frame, Version: s.Version, Code: s.Code(),
		Settings: map[string]any{
			"out_channels": n, "in_channels": s.cin(), "kernel": k, "stride": s.Stride,
			"padding": s.paddingValue(), "dilation": s.Dilation,
			"padding_mode": s.PaddingMode, "normalize": s.Normalize, "photo": s.Photo,
		},
		Input: s.InputShape(), Weight: []int{n, s.cin(), k, k}, Bias: []int{n},
		Output: []int{}, Stale: s.Stale(), Min: s.Min, Max: s.Max,
		Digit: s.Digit, Label: -1, Undo: len(s.undo), Notice: s.Notice,
	}
	if s.Out != nil {
		h.Output = append([]int(nil), s.Out.Shape...)
	}
	h.Prediction, h.Probs = s.Model.Guess, s.Model.Probs
	if s.Model.Net == nil {
		h.ModelError = errText(s.Model.Err)
	}
	if s.Err != nil {
		h.Error = s.Err.Error()
	}
	for i := 0; i < n; i++ {
		h.Filters = append(h.Filters, s.Filters[i].Preset)
	}
	if s.Digit >= 0 {
		h.Label = s.Digits[s.Digit].Label
	}
	for _, v := range s.Canvas {
		h.Ink += v
	}
	return h
}

func (s *State) paddingValue() any {
	if s.PadString != "" {
		return s.PadString
	}
	return s.Padding
}
