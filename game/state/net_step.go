package state

import (
	"fmt"
	"math"
	"slices"

	"convplayground/conv"
	"convplayground/i18n"
	"convplayground/nn"
)

// The teaching views on the selected layer: the step-through, the explain
// tab and the weight-sharing views work on layer 0's Conv2d or, when a
// deeper Conv2d is selected in the strip, on that layer, whose input is
// the previous layer's output: its window moves over layer i−1's maps.

// Shown is the convolution the teaching views work on.
type Shown struct {
	Layer   int
	Geom    conv.Geometry
	X, W, B *conv.Tensor // its input (the whole batch), weight and bias (nil without)
	Out     *conv.Tensor // its output [N, Cout, Hout, Wout]
	Mode    conv.PaddingMode
}

// shownMemo keeps a deeper layer's Shown (its geometry) while the session
// stays the same: playback asks for it many times a frame.
type shownMemo struct {
	key [3]uint64 // Version, OutVersion, Layer
	sh  Shown
	ok  bool
}

// Shown is the selected layer's convolution: layer 0's (its maps kept,
// stale, while the settings are rejected), or the selected deeper
// Conv2d's on layer i−1's output. ok is false for a ConvTranspose2d, any
// other kind, or a layer the chain does not reach.
func (te *Teach) Shown() (Shown, bool) {
	s := te.s
	if s.Layer == 0 {
		sh := Shown{Geom: s.Geom, X: s.x, W: s.w, Out: s.Out, Mode: s.OutConv.PaddingMode}
		if s.Geom.Bias != nil {
			sh.B = s.b
		}
		return sh, s.Layers.convShown()
	}
	m := &te.shown
	if key := [3]uint64{s.Version, s.OutVersion, uint64(s.Layer)}; key != m.key {
		m.key = key
		m.sh, m.ok = te.deepConv(s.Layer)
	}
	return m.sh, m.ok
}

// deepConv is layer i ≥ 1 as a Shown, when it is a Conv2d with an output.
func (te *Teach) deepConv(i int) (Shown, bool) {
	s := te.s
	c, ok := s.Layers.TailLayer(i).(*nn.Conv2d)
	x, y := s.Layers.LayerOutput(i-1), s.Layers.LayerOutput(i)
	if !ok || x == nil || y == nil || len(x.Shape) != 4 {
		return Shown{}, false
	}
	g, err := c.Conv.Geometry(x.Shape)
	if err != nil {
		return Shown{}, false
	}
	mode := c.Conv.PaddingMode
	if mode == "" {
		mode = conv.ZerosMode
	}
	return Shown{Layer: i, Geom: g, X: x, W: c.Weight.Value, B: c.Bias.Value, Out: y, Mode: mode}, true
}

// filterDims is how many filters the selected layer has and how many
// input channels each reads: layer 0's bank, or a deeper Conv2d's or
// ConvTranspose2d's (for any other layer, layer 0's).
func (ly *Layers) filterDims() (filters, channels int) {
	s := ly.s
	switch c := s.Layers.TailLayer(s.Layer).(type) {
	case *nn.Conv2d:
		return c.Weight.Value.Shape[0], c.Weight.Value.Shape[1]
	case *nn.ConvTranspose2d: // its weight is [Cin, Cout/groups, kh, kw]
		return c.Conv.OutChannels, c.Weight.Value.Shape[0] / c.Conv.Groups
	}
	return s.OutChannels, s.Bank.FilterShape()[1]
}

// keepSelection keeps the selected filter and its channel in the selected
// layer's range; another layer, input or channel count starts again on
// the first channel.
func (s *State) keepSelection() {
	n, c := s.Layers.filterDims()
	s.Filter = max(0, min(s.Filter, n-1))
	if key := [3]int{c, s.C(), s.Layer}; key != s.channelKey || s.Channel >= c {
		s.channelKey, s.Channel = key, 0
	}
}

// SetLayerWeight sets weight (o, c, ky, kx) of layer i ≥ 1, a Conv2d, to
// v. The layer is made again with the new weight (the history keeps the
// old layer); the edits of one drag are one undo step, as layer 0's.
func (ly *Layers) SetLayerWeight(i, o, c, ky, kx int, v float64) bool {
	s := ly.s
	l, ok := s.Layers.TailLayer(i).(*nn.Conv2d)
	if !ok {
		s.Notice = fmt.Sprintf("layer %d is not a Conv2d", i)
		return false
	}
	w := l.Weight.Value
	if o < 0 || c < 0 || ky < 0 || kx < 0 || o >= w.Shape[0] || c >= w.Shape[1] || ky >= w.Shape[2] || kx >= w.Shape[3] {
		s.Notice = fmt.Sprintf("no weight [%d, %d, %d, %d] in a weight of shape %s", o, c, ky, kx, conv.FormatShape(w.Shape))
		return false
	}
	at := ((o*w.Shape[1]+c)*w.Shape[2]+ky)*w.Shape[3] + kx
	return s.Layers.editConv(i, l, fmt.Sprintf("layer %d w[%d, %d, %d, %d]", i, o, c, ky, kx), w.Data[at], v,
		func(n *nn.Conv2d, v float32) { n.Weight.Value.Data[at] = v })
}

// SetLayerBias sets bias o of layer i ≥ 1, a Conv2d with bias, to v.
func (ly *Layers) SetLayerBias(i, o int, v float64) bool {
	s := ly.s
	l, ok := s.Layers.TailLayer(i).(*nn.Conv2d)
	if !ok || l.Bias.Value == nil || o < 0 || o >= l.Bias.Value.Len() {
		s.Notice = fmt.Sprintf("layer %d has no bias %d", i, o)
		return false
	}
	return s.Layers.editConv(i, l, fmt.Sprintf("layer %d b[%d]", i, o), l.Bias.Value.Data[o], v,
		func(n *nn.Conv2d, v float32) { n.Bias.Value.Data[o] = v })
}

// editConv makes layer i anew as a copy of l with set applied to the new
// value v (finite, clamped as layer 0's weights are), one coalescing undo
// step from the value was.
func (ly *Layers) editConv(i int, l *nn.Conv2d, what string, was float32, v float64, set func(*nn.Conv2d, float32)) bool {
	s := ly.s
	if math.IsNaN(v) || math.IsInf(v, 0) {
		s.Notice = s.Lang.T(i18n.NoticeWeightFinite)
		return false
	}
	to := float32(min(maxWeight, max(-maxWeight, v)))
	if to == was {
		return false
	}
	defer s.History.recordEdit(what, formatValue(was), formatValue(to))()
	c, err := nn.NewConv2d(l.Conv)
	if err != nil { // the layer was built with these settings: cannot happen
		s.Notice = err.Error()
		return false
	}
	copy(c.Weight.Value.Data, l.Weight.Value.Data)
	if l.Bias.Value != nil {
		copy(c.Bias.Value.Data, l.Bias.Value.Data)
	}
	set(c, to)
	n := &s.Net
	built := slices.Clone(n.built)
	built[i-1] = c
	n.set(slices.Clone(n.Tail), built, slices.Clone(n.errs), nil) // no seed makes these weights: a link carries the text alone
	s.changed()
	return true
}
