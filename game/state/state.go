// Package state is the Conv Playground's session: what the learner made
// (the input, the filter bank, the layer's settings in one typed table,
// the network after layer 1), every action on it with its undo/redo
// history and notices, the selection (layer, sample, filter, channel, the
// stepped and pinned cells) and playback. State holds what a session is;
// its actions live in groups named for what they act on (parts.go: Input,
// Bank, Layers, Teach, Share, Export, Trained), each a view of the one
// State, so that every action records its undo step and marks the session
// changed in one place. It keeps the network on screen recomputed (layer 0
// through package network, the layers after it through package nn) and
// asks packages preset, picture, teach and link for filters, input
// tensors, explanations and the share link's code. It imports no graphics
// library, so it is tested anywhere, also as WebAssembly.
package state

import (
	"convplayground/game/picture"
	"convplayground/game/preset"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"convplayground/assets"
	"convplayground/conv"
	"convplayground/game/network"
	"convplayground/game/training"
	"convplayground/i18n"
)

// Selection is what the learner looks at: a layer of the network, whose
// output is the maps shown (layer 0, the one Conv2d, today), and a sample
// of the batch.
type Selection struct {
	Layer   int
	Sample  int // its maps are the ones shown (SelectSample)
	Filter  int // the selected layer's filter the editor shows and the maps mark (SelectFilter)
	Channel int // the Filter's input channel the editor shows and edits: weight[Filter, Channel]
}

// SelectFilter makes filter i of the selected layer the one the editor
// shows (its channel 0) and the maps mark; false when i is out of range or
// already selected. Selecting is not an action: it is neither undone nor
// a new version.
func (s *State) SelectFilter(i int) bool {
	if n, _ := s.Layers.filterDims(); i < 0 || i >= n || i == s.Filter {
		return false
	}
	s.Filter, s.Channel = i, 0
	return true
}

// SelectChannel makes the selected filter's input channel c the one the
// editor shows and edits (c is kept in range by Recompute).
func (s *State) SelectChannel(c int) { s.Channel = max(0, c) }

// State is the whole playground. Actions bump Version; Recompute does the
// convolution only when the version moved.
type State struct {
	Settings
	Seed   uint64    // next seed for the random preset
	Notice string    // a message about the last action that failed (not a conv error)
	Lang   i18n.Lang // the language Notice is written in (the view's; English when unset)

	// How the view colours the maps (ColormapRdBu...; one scale for all
	// maps or one per map): here so that a shared link carries them.
	Colormap    int
	SharedScale bool

	Net Net // the network's layers after layer 0 (net.go)

	// Training is the train tab's settings when they are not the defaults,
	// for the link (share_train.go); nil otherwise.
	Training *training.Settings

	Player Playback // the step-through and the pinned cell (step.go)

	Version uint64
	History History // undo and redo (history.go)

	// The batch (batch.go): sample 0 is the drawing or the photo, samples
	// 1..N−1 MNIST test digits or a dropped .npy batch's own.
	Selection
	channelKey [3]int // the filters', the input's channels and the layer when Channel was kept

	// Results of the last Recompute.
	Err        error         // PyTorch's message when the settings are rejected
	Out        *conv.Tensor  // y, the last valid output [N,Cout,Hout,Wout], kept (stale) while Err != nil
	OutConv    conv.Conv2d   // the settings Out was computed with
	Geom       conv.Geometry // Out's geometry
	Min, Max   float32       // range of the selected sample's maps in Out
	MapMin     []float32     // per-channel range of the selected sample's maps
	MapMax     []float32
	OutVersion uint64      // bumped when Out gets new values
	fin        finiteCheck // Out's values that are ±Inf or NaN (nonfinite.go)

	computed uint64
	net      network.Network // the layers on screen: one, conv1 (Out is layer Layer's output)
	conv1    *network.Conv2d // net's layer 0
	x, w, b  *conv.Tensor    // the input batch, conv1's weight and bias
	fresh    [MaxBatch]bool  // the samples of x the last fill changed (kept here: no allocation)

	// The actions and queries, by what they act on (parts.go).
	Input   Input
	Bank    Bank
	Layers  Layers
	Teach   Teach
	Share   Share
	Export  Export
	Trained Trained
}

// New returns the playground at its defaults, with the MNIST samples loaded
// (an error there is kept in Notice; drawing still works).
func New() *State {
	s := &State{Settings: DefaultSettings(), Seed: 1, Version: 1, conv1: &network.Conv2d{}}
	s.net.Layers = []network.Layer{s.conv1}
	s.Player.s, s.History.s = s, s
	s.Input.Digit, s.Bank.bankCin = -1, 1
	s.Input.s, s.Bank.s, s.Layers.s, s.Teach.s = s, s, s, s
	s.Share.s, s.Export.s, s.Trained.s = s, s, s
	for i := range s.Bank.Filters {
		s.Bank.Filters[i] = newFilter(slotPreset(i), s.Kernel, 1, s.slotSeed(i))
	}
	ds, err := assets.MNISTSamples()
	if err != nil {
		s.Notice = s.Lang.Sprintf(i18n.NoticeSamplesUnavailable, err)
	}
	s.Input.Digits = ds
	s.Trained.loadModel()
	s.Trained.predict()
	return s
}

// canvasChanged follows a new drawing; the maps shown become its (sample 0).
func (in *Input) canvasChanged() {
	s := in.s
	s.Input.CanvasName = ""
	s.Sample = 0
	s.changed()
}

func (s *State) nextSeed() uint64 { s.Seed++; return s.Seed - 1 }

// changed marks the state for recomputation and clears the last notice.
func (s *State) changed() { s.Version++; s.Notice = "" }

// Say keeps a notice about something the learner tried that could not be
// done (a dropped folder, a camera that failed, a damaged link) and marks
// the state changed, so that the header shows it at once; the next change
// clears it.
func (s *State) Say(msg string) { s.Version++; s.Notice = msg }

// ---- Drawing ----

// BeginStroke records a stroke for undo; call it when the pen goes down.
func (in *Input) BeginStroke() {
	s := in.s
	if !s.Input.Photo {
		s.History.record("stroke", "", "")()
	}
}

// Stroke paints (or erases) a segment in canvas pixel coordinates.
func (in *Input) Stroke(x0, y0, x1, y1 float64, erase bool) {
	s := in.s
	if s.Input.Photo {
		s.Notice = s.Lang.T(i18n.NoticePhotoNotDrawable)
		return
	}
	if s.Input.Canvas.paintSegment(x0, y0, x1, y1, erase) {
		s.Input.Digit = -1
		s.Input.canvasChanged()
	}
}

// Clear empties the canvas.
func (in *Input) Clear() {
	s := in.s
	defer s.History.record("clear", "", "")()
	s.Input.replaceCanvas(Canvas{}, -1, "")
}

// replaceCanvas shows a new picture on the canvas: an MNIST sample
// (digit ≥ 0), a file (name), or neither.
func (in *Input) replaceCanvas(c Canvas, digit int, name string) {
	s := in.s
	s.Input.SetPhoto(false)
	s.Input.Canvas = c
	s.Input.canvasChanged()
	s.Input.Digit, s.Input.CanvasName = digit, name
}

// PickDigit loads MNIST sample i (as ToTensor sees it: byte/255).
func (in *Input) PickDigit(i int) {
	s := in.s
	if i < 0 || i >= len(s.Input.Digits) {
		s.Notice = fmt.Sprintf("no MNIST sample %d (have %d)", i, len(s.Input.Digits))
		return
	}
	defer s.History.record(fmt.Sprintf("MNIST digit #%d", i), "", "")()
	var c Canvas
	for j, p := range s.Input.Digits[i].Pixels {
		c[j] = float32(p) / 255
	}
	s.Input.replaceCanvas(c, i, "")
}

// RandomDigit picks a random MNIST sample other than the current one.
func (in *Input) RandomDigit(r *rand.Rand) {
	s := in.s
	if len(s.Input.Digits) < 2 {
		s.Input.PickDigit(0)
		return
	}
	i := r.IntN(len(s.Input.Digits) - 1)
	if i >= s.Input.Digit && s.Input.Digit >= 0 {
		i++
	}
	s.Input.PickDigit(i)
}

// ---- Settings ----

// SetNormalize switches the input scaling between ToTensor ([0,1]) and
// ToTensor + Normalize(0.5, 0.5) ([−1,1]).
func (in *Input) SetNormalize(on bool) {
	s := in.s
	if on != s.Normalize {
		defer s.History.record("input scaling", scalingName(s.Normalize), scalingName(on))()
		s.Normalize = on
		s.changed()
	}
}

// ---- Filters ----

// cin is the filters' in_channels; it differs from the input's channels
// only when trained (1-channel) filters meet the RGB photo, which PyTorch
// then rejects with its channel-mismatch message.
func (s *State) cin() int { return s.Bank.bankCin }

// SetPhoto switches the input between the drawing (1×28×28) and the RGB
// photo (3×64×64). Preset filters follow the input's channels (a kernel
// applies to the mean of the channels); learned ones keep in_channels 1.
func (in *Input) SetPhoto(on bool) {
	s := in.s
	if on == s.Input.Photo {
		return
	}
	defer s.History.record("input", inputName(s.Input.Photo), inputName(on))()
	if on && s.Input.photo == nil {
		s.Input.photo, s.Input.photoDims = picture.Photo(), [3]int{picture.RGB, picture.PhotoSize, picture.PhotoSize}
	}
	s.Input.Photo = on
	s.Input.inputChanged()
}

// setPhotoData puts a tensor (C×H×W) in the photo slot and shows it.
func (in *Input) setPhotoData(name string, p []float32, dims [3]int) {
	s := in.s
	s.Input.photo, s.Input.PhotoName, s.Input.photoDims, s.Input.Photo = p, name, dims, true
	s.Input.file, s.Sample = fileBatch{}, 0 // the new picture alone; LoadNPY adds a file's own batch after
	s.Input.inputChanged()
}

// inputChanged follows a new input: preset filters take its channels.
func (in *Input) inputChanged() {
	s := in.s
	if !s.Bank.hasLearned() {
		s.Bank.setBankCin(s.C())
	}
	s.changed()
}

func (bk *Bank) hasLearned() bool {
	s := bk.s
	for _, f := range s.Bank.Filters {
		if f.Preset == preset.Learned {
			return true
		}
	}
	return false
}

// setBankCin rebuilds the bank for c input channels: presets anew, edited
// and learned filters by spreading channel 0 over the channels.
func (bk *Bank) setBankCin(c int) {
	s := bk.s
	if c == s.Bank.bankCin {
		return
	}
	s.Bank.spreadChannels(c)
	s.Bank.refreshFilters()
}

// ResetBank puts every slot back to its default preset, for the input's channels.
func (bk *Bank) ResetBank() {
	s := bk.s
	defer s.History.record("Preset filters", "", "")()
	s.Bank.bankCin = s.C()
	for i := range s.Bank.Filters {
		s.Bank.Filters[i] = Filter{Preset: slotPreset(i), Seed: s.slotSeed(i)}
	}
	s.Bank.refreshFilters()
	s.changed()
}

// SetPreset makes filter i a preset (new seed for the random one).
func (bk *Bank) SetPreset(i int, name preset.Preset) {
	s := bk.s
	if i < 0 || i >= MaxOut {
		return
	}
	defer s.History.record(fmt.Sprintf("filter %d", i), s.Bank.Filters[i].Preset.String(), name.String())()
	s.Bank.Filters[i] = newFilter(name, s.Kernel, s.Bank.cpg(), s.nextSeed())
	s.changed()
}

// CyclePreset moves filter i to the next (d=+1) or previous preset.
func (bk *Bank) CyclePreset(i, d int) {
	s := bk.s
	if i < 0 || i >= MaxOut {
		return
	}
	j := max(0, slices.Index(preset.Cycle, s.Bank.Filters[i].Preset)) // learned cycles from the first
	s.Bank.SetPreset(i, preset.Cycle[(j+d+len(preset.Cycle))%len(preset.Cycle)])
}

// SetBiasText parses a typed bias; a bad number changes nothing and says why.
func (bk *Bank) SetBiasText(i int, text string) bool {
	s := bk.s
	v, ok := s.Bank.number(text)
	return ok && s.Bank.SetBias(i, v)
}

// number parses a typed value, saying in Notice when it is not one.
func (bk *Bank) number(text string) (float64, bool) {
	s := bk.s
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		s.Notice = s.Lang.Sprintf(i18n.NoticeNotANumber, text)
	}
	return v, err == nil
}

// SetBias sets the bias of filter i.
func (bk *Bank) SetBias(i int, v float64) bool {
	s := bk.s
	if i < 0 || i >= MaxOut || math.IsNaN(v) || math.IsInf(v, 0) {
		s.Notice = s.Lang.T(i18n.NoticeBiasFinite)
		return false
	}
	b := float32(min(maxWeight, max(-maxWeight, v)))
	defer s.History.recordEdit(fmt.Sprintf("b[%d]", i), formatValue(s.Bank.Filters[i].B), formatValue(b))()
	s.Bank.own(i)
	s.Bank.Filters[i].B = b
	s.Bank.Filters[i].Edited = true
	s.changed()
	return true
}

// LoadFilters installs a filter bank [n,1,k,k] with bias [n] (e.g. a trained
// first layer) into the first n slots and sets out_channels and kernel to match.
func (bk *Bank) LoadFilters(name preset.Preset, w, b *conv.Tensor) error {
	s := bk.s
	if w == nil || len(w.Shape) != 4 || w.Shape[1] != 1 || w.Shape[2] != w.Shape[3] ||
		w.Shape[0] < 1 || w.Shape[0] > MaxOut || w.Shape[2] > MaxKernel {
		return fmt.Errorf("cannot load filters of shape %v: want [n, 1, k, k] with n <= %d, k <= %d", shapeOf(w), MaxOut, MaxKernel)
	}
	n, k := w.Shape[0], w.Shape[2]
	if b == nil || len(b.Shape) != 1 || b.Shape[0] != n {
		return fmt.Errorf("bias of shape %v does not match weight %v", shapeOf(b), w.Shape)
	}
	defer s.History.record(name.String()+" filters", "", "")()
	s.Bank.setBankCin(1)
	t := s.Settings
	t.OutChannels, t.Kernel, t.Groups = n, k, 1
	s.apply(t)
	for i := 0; i < n; i++ {
		s.Bank.Filters[i] = Filter{Preset: name, W: append([]float32(nil), w.Data[i*k*k:(i+1)*k*k]...), B: b.Data[i]}
		s.Bank.own(i)
	}
	s.changed()
	return nil
}

func shapeOf(t *conv.Tensor) []int {
	if t == nil {
		return nil
	}
	return t.Shape
}

// scalingName and inputName name the two input scalings and inputs for the
// history's labels.
func scalingName(normalize bool) string {
	if normalize {
		return "[-1, 1]"
	}
	return "[0, 1]"
}

func inputName(photo bool) string {
	if photo {
		return "photo"
	}
	return "drawing"
}

// formatValue is a weight or bias as the history's labels show it.
func formatValue(v float32) string { return strconv.FormatFloat(float64(v), 'g', 4, 32) }
