// Package hook is the browser's automation hook: what the page's
// window.convPlayground.state() reports, so that tests check numbers, not
// pixels. It is a typed value built from the session (package state) and
// the view's part only when a reader asks (Build): never after every
// frame, and never in the desktop app, which has no reader. The browser
// glue (package wasm) hands it to the page as an object keyed by the json
// tags (the page's JSON.stringify writes the JSON, so the wasm carries no
// JSON encoder); the tests decode that JSON into this type. The field names
// and their meaning are a contract with outside checks: keep them.
package hook

import (
	"slices"

	"convplayground/game/state"
)

// Hook is what window.convPlayground.state() reports.
type Hook struct {
	// layers, selected_layer (layers.go)
	Network

	Frame    uint64   `json:"frame"`   // the view's count of drawn frames
	Version  uint64   `json:"version"` // counts changes of the model
	Code     string   `json:"code"`    // the layer as PyTorch code
	Settings Settings `json:"settings"`
	Input    []int    `json:"input"`
	Weight   []int    `json:"weight"`
	Bias     []int    `json:"bias"`
	Output   []int    `json:"output"` // the shown (last valid) maps' shape, [] for none
	Error    string   `json:"error"`  // PyTorch's message, "" when valid
	Stale    bool     `json:"stale"`  // the maps are from the last valid settings
	Min      float32  `json:"min"`
	Max      float32  `json:"max"`
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

	// The step-through (teach.go): the stepped cell, the explained cell's
	// arithmetic (nil for none), the input rows/cols no window reads.
	Step      map[string]any `json:"step"`
	Explain   map[string]any `json:"explain"`
	NeverRead map[string]any `json:"never_read"`

	// The tensors (tensors.go): per-filter channel notes, which input
	// channels feed which maps, the channel breakdown's check.
	ChannelNotes []string       `json:"channel_notes"`
	GroupLinks   []any          `json:"group_links"`
	Breakdown    map[string]any `json:"breakdown"`

	// The open model file (model.go), null for none.
	Model map[string]any `json:"model"`

	View
}

// View is the view's part of the hook, as the game fills it.
type View struct {
	SelectedFilter int     `json:"selected_filter"`
	Colormap       string  `json:"colormap"`
	SharedScale    bool    `json:"shared_scale"`
	Eraser         bool    `json:"eraser"`
	Hover          string  `json:"hover"`        // the value under the pointer, as shown
	Share          string  `json:"share"`        // the link code (#fragment)
	Scale          float64 `json:"scale"`        // CSS pixels per layout pixel
	DeviceScale    float64 `json:"device_scale"` // device pixels per CSS pixel
	Tab            string  `json:"tab"`          // the maps column's view: maps, explain, channels, batch, model
	EditChannel    int     `json:"edit_channel"` // the filter's channel the editor shows and edits
	Focus          string  `json:"focus"`        // the control with the keyboard focus, "" for none
	// Training (game/training's Report): {running, step, images_per_s,
	// loss, test_accuracy}, null before the first Train.
	Training map[string]any `json:"training"`
	// Clipped are the strings the last drawn frame had to cut ([] when
	// none): text on the screen should never be.
	Clipped []string `json:"clipped"`
	// Lang is the UI's language, "en" or "ko" (package i18n); Korean
	// only once its language pack is there.
	Lang string `json:"lang"`
	// Lesson is the guided lesson's card, Lesson's object, null when the
	// card is closed.
	Lesson map[string]any `json:"lesson"`
}

// Lesson is the hook's lesson object for the card open on step i (from
// 0) of total: {step, total, id, answered}, step counted from 1 as the
// card shows it, id the step's name in package lesson, answered whether
// the step's question has been answered right.
func Lesson(i, total int, id string, answered bool) map[string]any {
	return map[string]any{"step": i + 1, "total": total, "id": id, "answered": answered}
}

// Settings are the layer's settings as the hook reports them (the keys
// of state.SettingTable, and the input's).
type Settings struct {
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
	// The layer is nn.ConvTranspose2d (with output_padding) when true.
	Transposed    bool `json:"transposed"`
	OutputPadding int  `json:"output_padding"`
}

// Build is the hook of session s, shown in frame frame, with the view's part v.
func Build(s *state.State, frame uint64, v View) Hook {
	n := s.OutChannels
	undo, redo := s.History.Steps()
	h := Hook{
		Frame: frame, Version: s.Version, Code: s.Export.Code(), Settings: settings(s),
		Input: s.InputShape(), Weight: s.Bank.WeightShape(), Bias: []int{n}, Output: []int{},
		Stale: s.Stale(), Min: s.Min, Max: s.Max, NonFinite: s.NonFiniteTotal(),
		Digit: s.Input.Digit, Label: -1, Undo: undo, Redo: redo, UndoLabel: s.History.UndoLabel(), RedoLabel: s.History.RedoLabel(),
		Notice: s.Notice, Ink: ink(&s.Input.Canvas),
		Prediction: s.Trained.Model.Guess, Probs: slices.Clone(s.Trained.Model.Probs[:]), ModelError: s.Trained.Model.Unavailable(),
		Batch: s.Input.N(), Sample: s.Sample, GuessOnScreen: s.Trained.Model.OnScreen, Fixes: []string{},
		View: v,
	}
	if s.Out != nil {
		h.Output = slices.Clone(s.Out.Shape)
	}
	if s.Err != nil {
		h.Error = s.Err.Error()
	}
	if s.Trained.Model.PredErr != nil {
		h.GuessError = s.Trained.Model.PredErr.Error()
	}
	for _, f := range s.Fixes() {
		h.Fixes = append(h.Fixes, f.Label())
	}
	for i := 0; i < n; i++ {
		h.Filters = append(h.Filters, s.Bank.Filters[i].Label())
	}
	if s.Input.Digit >= 0 {
		h.Label = s.Input.Digits[s.Input.Digit].Label
	}
	stepThrough(s, &h)
	tensors(s, &h)
	network(s, &h)
	h.Model = model(s)
	return h
}

func settings(s *state.State) Settings {
	var pad any = s.Padding
	if s.PadString != "" {
		pad = s.PadString
	}
	return Settings{
		OutChannels: s.OutChannels, InChannels: s.Conv2d().InChannels, Kernel: s.Kernel, Stride: s.Stride,
		Padding: pad, Dilation: s.Dilation, PaddingMode: string(s.PaddingMode), Normalize: s.Normalize, Photo: s.Input.Photo,
		Groups: s.Groups, Batch: s.Batch, Transposed: s.Transposed, OutputPadding: s.OutputPadding,
	}
}

// ink is the canvas's sum: 0 when it is empty.
func ink(c *state.Canvas) float32 {
	var sum float32
	for _, v := range c {
		sum += v
	}
	return sum
}

// list makes a JSON-ready array (for the hook's nested maps).
func list[T any](xs []T) []any {
	l := make([]any, len(xs))
	for i, x := range xs {
		l[i] = x
	}
	return l
}
