package state

import "slices"

// Hook is what the browser's window.convPlayground.state() reports, and
// the one definition of it: State.Hook fills the model's part, the view
// (game) its own part, the browser glue (wasm) hands it to the page as an
// object keyed by the json tags (the page's JSON.stringify writes the
// JSON, so the wasm carries no JSON encoder), and the tests decode that
// JSON into this type.
type Hook struct {
	Frame    uint64       `json:"frame"`   // the view's count of drawn frames
	Version  uint64       `json:"version"` // counts changes of the model
	Code     string       `json:"code"`    // the layer as PyTorch code
	Settings HookSettings `json:"settings"`
	Input    []int        `json:"input"`
	Weight   []int        `json:"weight"`
	Bias     []int        `json:"bias"`
	Output   []int        `json:"output"` // the shown (last valid) maps' shape, [] for none
	Error    string       `json:"error"`  // PyTorch's message, "" when valid
	Stale    bool         `json:"stale"`  // the maps are from the last valid settings
	Min      float32      `json:"min"`
	Max      float32      `json:"max"`
	// NonFinite counts the shown maps' ±Inf/NaN values (the range above
	// spans the finite ones).
	NonFinite int      `json:"nonfinite"`
	Digit     int      `json:"digit"`      // MNIST sample index, −1 when drawn
	Label     int      `json:"label"`      // its label, −1 when drawn
	Undo      int      `json:"undo"`       // undo steps kept
	Redo      int      `json:"redo"`       // redo steps kept
	UndoLabel string   `json:"undo_label"` // what Undo does, "Undo: stride 2 → 1"; "" for nothing
	RedoLabel string   `json:"redo_label"`
	Notice    string   `json:"notice"`
	Ink       float32  `json:"ink"` // the canvas's sum, to see strokes land
	Filters   []string `json:"filters"`
	// The trained network: its guess for the canvas (−1 for none), the ten
	// probabilities, and why it is unavailable ("" when it is loaded).
	Prediction int       `json:"prediction"`
	Probs      []float32 `json:"probs"`
	ModelError string    `json:"model_error"`

	// The batch (N, the selected sample), whether the network guesses
	// with the layer on screen as conv1, why it cannot ("" when it can),
	// and the fixes offered for the current error.
	Batch         int      `json:"batch"`
	Sample        int      `json:"sample"`
	GuessOnScreen bool     `json:"guess_on_screen"`
	GuessError    string   `json:"guess_error"`
	Fixes         []string `json:"fixes"`

	// The step-through (step_hook.go): the stepped cell, the explained
	// cell's arithmetic (nil for none), the input rows/cols no window reads.
	Step      map[string]any `json:"step"`
	Explain   map[string]any `json:"explain"`
	NeverRead map[string]any `json:"never_read"`

	// The tensors (tensors_hook.go): per-filter channel notes, which input
	// channels feed which maps, the channel breakdown's check.
	ChannelNotes []string       `json:"channel_notes"`
	GroupLinks   []any          `json:"group_links"`
	Breakdown    map[string]any `json:"breakdown"`

	// The view's part.
	SelectedFilter int     `json:"selected_filter"`
	Colormap       string  `json:"colormap"`
	SharedScale    bool    `json:"shared_scale"`
	Eraser         bool    `json:"eraser"`
	Hover          string  `json:"hover"`        // the value under the pointer, as shown
	Share          string  `json:"share"`        // the link code (#fragment)
	Scale          float64 `json:"scale"`        // CSS pixels per layout pixel
	DeviceScale    float64 `json:"device_scale"` // device pixels per CSS pixel
	Tab            string  `json:"tab"`          // the maps column's view: maps, explain, channels, batch
	EditChannel    int     `json:"edit_channel"` // the filter's channel the editor shows and edits
	Focus          string  `json:"focus"`        // the control with the keyboard focus, "" for none
}

// HookSettings are the layer's settings as the hook reports them.
type HookSettings struct {
	OutChannels int    `json:"out_channels"`
	InChannels  int    `json:"in_channels"`
	Kernel      int    `json:"kernel"`
	Stride      int    `json:"stride"`
	Padding     any    `json:"padding"` // a number, or "same" or "valid"
	Dilation    int    `json:"dilation"`
	PaddingMode string `json:"padding_mode"`
	Normalize   bool   `json:"normalize"`
	Photo       bool   `json:"photo"`
	Groups      int    `json:"groups"`
	Batch       int    `json:"batch"`
}

// Hook reports the model's part of the hook; frame is the view's counter.
func (s *State) Hook(frame uint64) Hook {
	k, n := s.Kernel, s.OutChannels
	h := Hook{
		Frame: frame, Version: s.Version, Code: s.Code(),
		Settings: HookSettings{
			OutChannels: n, InChannels: s.cin(), Kernel: k, Stride: s.Stride,
			Padding: s.paddingValue(), Dilation: s.Dilation,
			PaddingMode: s.PaddingMode, Normalize: s.Normalize, Photo: s.Photo,
			Groups: s.Groups, Batch: s.Batch,
		},
		Input: s.InputShape(), Weight: s.WeightShape(), Bias: []int{n}, Output: []int{},
		Stale: s.Stale(), Min: s.Min, Max: s.Max, NonFinite: s.NonFiniteTotal(),
		Digit: s.Digit, Label: -1, Undo: len(s.hist.undo), Redo: len(s.hist.redo), UndoLabel: s.UndoLabel(), RedoLabel: s.RedoLabel(), Notice: s.Notice, Ink: s.Canvas.ink(),
		Prediction: s.Model.Guess, Probs: slices.Clone(s.Model.Probs[:]), ModelError: s.Model.Unavailable(),
		Batch: s.N(), Sample: s.Sample, GuessOnScreen: s.Model.OnScreen,
		GuessError: errText(s.Model.PredErr), Fixes: fixLabels(s.Fixes()),
	}
	if s.Out != nil {
		h.Output = slices.Clone(s.Out.Shape)
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
	s.hookTeach(&h)
	s.hookTensors(&h)
	return h
}

// list makes a JSON-ready array (for the hook's nested maps).
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
