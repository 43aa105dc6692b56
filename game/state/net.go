package state

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"convplayground/conv"
	"convplayground/game/preset"
	"convplayground/i18n"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// The network on screen is an nn.Sequential: layer 0 is the Conv2d the
// settings and the filter bank describe (today's playground, computed by
// package network), and the layers after it, the tail, are package nn's,
// run on layer 0's output. Layer i of the network is Tail[i−1] for i ≥ 1.

// Net is the tail of the network: its layers as written and as built.
type Net struct {
	Tail  []arch.Layer // layers 1.. as the text or the learner's edits made them
	built []nn.Layer   // Tail's layers made by nn, nil where the constructor refused
	errs  []error      // the constructors' messages, nil where built
	seeds []uint64     // the seed each layer's default initialisation was drawn from (nil: the committed LeNet's weights)

	all    *nn.Sequential // built up to the first constructor that refused: its shapes
	seq    *nn.Sequential // built[:len(seq.Layers)], the part of the tail that runs
	shapes [][]int        // each tail layer's output shape, up to the one that refuses
	at     int            // the tail layer that refuses (len(Tail) when none)
	err    error          // its message
	ran    bool           // seq's outputs are from layer 0's last output

	// Trained: the tail is the committed LeNet's (the preset or its link):
	// the guess corner is then the network's own output (netGuess).
	Trained bool
}

// clone is the tail for the history: the slices are copied, the layers
// shared (an action replaces a layer, never writes into one).
func (n Net) clone() Net {
	return Net{Tail: slices.Clone(n.Tail), built: slices.Clone(n.built), errs: slices.Clone(n.errs), seeds: slices.Clone(n.seeds), Trained: n.Trained}
}

// set installs the tail and its layers, to run again.
func (n *Net) set(tail []arch.Layer, built []nn.Layer, errs []error, seeds []uint64) {
	*n = Net{Tail: tail, built: built, errs: errs, seeds: seeds}
}

// buildLayer makes one layer as its constructor would, PyTorch's default
// initialisation drawn from seed; the error is the constructor's message.
func buildLayer(l arch.Layer, seed uint64) (nn.Layer, error) {
	seq, err := nn.Build(arch.Spec{Layers: []arch.Layer{l}})
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	seq.Reset(seed)
	return seq.Layers[0], nil
}

// buildTail makes every layer of a tail, from the given seeds (a link's)
// or, for nil, from the session's next ones.
func (ly *Layers) buildTail(tail []arch.Layer, seeds []uint64) ([]nn.Layer, []error, []uint64) {
	s := ly.s
	built, errs := make([]nn.Layer, len(tail)), make([]error, len(tail))
	if seeds == nil {
		seeds = make([]uint64, len(tail))
		for i := range seeds {
			seeds[i] = s.nextSeed()
		}
	}
	for i, l := range tail {
		built[i], errs[i] = buildLayer(l, seeds[i])
	}
	return built, errs, seeds
}

// run computes the tail on x, layer 0's output, up to the layer that
// refuses (its constructor or its input). The Sequential that runs is made
// again only when that prefix changes, so a stroke allocates nothing new.
func (n *Net) run(x *conv.Tensor) {
	stop := len(n.built)
	for i, e := range n.errs {
		if e != nil {
			stop = i
			break
		}
	}
	n.at, n.err, n.ran = stop, nil, false
	if stop < len(n.Tail) {
		n.err = n.errs[stop]
	}
	if n.all == nil {
		n.all = &nn.Sequential{Layers: n.built[:stop]}
	}
	shapes, err := n.all.Shapes(x.Shape)
	n.shapes = shapes
	if err != nil {
		var le *nn.LayerError
		if !errors.As(err, &le) {
			return
		}
		n.at, n.err, stop = le.Index, le.Err, le.Index
	}
	if n.seq == nil || len(n.seq.Layers) != stop {
		n.seq = &nn.Sequential{Layers: n.built[:stop]}
	}
	if stop > 0 {
		_, err = n.seq.Forward(x)
	}
	n.ran = err == nil
}

// NumLayers is how many layers the network has, layer 0 included.
func (ly *Layers) NumLayers() int {
	s := ly.s
	return 1 + len(s.Net.Tail)
}

// LayerSpec is layer i as written: layer 0 from the settings.
func (ly *Layers) LayerSpec(i int) arch.Layer {
	s := ly.s
	if i <= 0 || i > len(s.Net.Tail) {
		return arch.Layer{Kind: arch.Conv2d, Conv: s.Conv2d()}
	}
	return s.Net.Tail[i-1]
}

// Spec is the whole network.
func (ly *Layers) Spec() arch.Spec {
	s := ly.s
	spec := arch.Spec{Layers: []arch.Layer{s.Layers.LayerSpec(0)}}
	spec.Layers = append(spec.Layers, s.Net.Tail...)
	return spec
}

// NetText is the network as nn.Sequential(...) text, one layer a line.
func (ly *Layers) NetText() string {
	s := ly.s
	return s.Layers.Spec().String()
}

// LayerOutput is layer i's output for the whole batch, nil when the chain
// breaks at or before it (layer 0's stale maps are not its output then).
func (ly *Layers) LayerOutput(i int) *conv.Tensor {
	s := ly.s
	n := &s.Net
	switch {
	case s.Err != nil || s.Out == nil:
		return nil
	case i == 0:
		return s.net.Out(0)
	case i < 0 || i > n.at || i-1 >= len(n.seq.Layers) || !n.ran:
		return nil
	}
	return n.seq.Outputs()[i-1]
}

// LayerShape is layer i's output shape, nil when the chain breaks at or
// before it.
func (ly *Layers) LayerShape(i int) []int {
	s := ly.s
	switch n := &s.Net; {
	case s.Err != nil || s.Out == nil:
		return nil
	case i == 0:
		return s.Out.Shape
	case i >= 1 && i-1 < len(n.shapes):
		return n.shapes[i-1]
	}
	return nil
}

// LayerError is PyTorch's message at the layer where the chain breaks, ""
// for every other layer.
func (ly *Layers) LayerError(i int) string {
	s := ly.s
	if s.Err != nil {
		if i == 0 {
			return s.Err.Error()
		}
		return ""
	}
	if n := &s.Net; n.err != nil && i == n.at+1 {
		return n.err.Error()
	}
	return ""
}

// SelectLayer shows layer i: its output in the maps, its settings and
// weights. A view choice, not an action: no undo step.
func (ly *Layers) SelectLayer(i int) bool {
	s := ly.s
	if i < 0 || i >= s.Layers.NumLayers() {
		s.Notice = fmt.Sprintf("no layer %d (the network has %d)", i, s.Layers.NumLayers())
		return false
	}
	s.Layer = i
	s.Player.Unpin() // a cell of another layer's maps
	s.keepSelection()
	s.Version++
	return true
}

// ApplyNet installs a network written as nn.Sequential(...) text. Its
// first layer becomes the Conv2d of the settings, so it must be a Conv2d
// the settings can hold, on the input's channels; the layers after it are
// built with PyTorch's default initialisation. Nothing changes on an error.
func (ly *Layers) ApplyNet(text string) error { return ly.applyNet(text, nil) }

// applyNet is ApplyNet with the tail's layers drawn from seeds (nil: the
// session's next seeds), one a layer.
func (ly *Layers) applyNet(text string, seeds []uint64) error {
	s := ly.s
	spec, err := arch.Parse(text)
	if err != nil {
		return err
	}
	if seeds != nil && len(seeds) != len(spec.Layers)-1 {
		return fmt.Errorf("the network has %d layers after the first, its link %d seeds", len(spec.Layers)-1, len(seeds))
	}
	t, err := s.Layers.firstLayer(spec)
	if err != nil {
		return err
	}
	defer s.History.record("network", "", "")()
	s.apply(t)
	built, errs, seeds := s.Layers.buildTail(spec.Layers[1:], seeds)
	s.Net.set(spec.Layers[1:], built, errs, seeds)
	s.Layer = min(s.Layer, s.Layers.NumLayers()-1)
	s.changed()
	return nil
}

// firstLayer is the settings for the network's layer 0, or why the
// playground cannot take it.
func (ly *Layers) firstLayer(spec arch.Spec) (Settings, error) {
	s := ly.s
	if len(spec.Layers) == 0 || spec.Layers[0].Kind != arch.Conv2d {
		return s.Settings, i18n.Errorf(i18n.NetStartsConv)
	}
	c := spec.Layers[0].Conv
	if c.InChannels != s.C() {
		return s.Settings, i18n.Errorf(i18n.NetFirstChannels, spec.Layers[0].Line, c.InChannels, c.InChannels, s.C())
	}
	t := s.Settings
	t.OutChannels, t.Kernel, t.Stride, t.Padding, t.PadString = c.OutChannels, c.Kernel[0], c.Stride[0], c.Padding[0], c.PaddingString
	t.Dilation, t.PaddingMode, t.Groups = c.Dilation[0], c.PaddingMode, c.Groups
	if t.PaddingMode == "" {
		t.PaddingMode = conv.ZerosMode
	}
	square := c.Kernel[0] == c.Kernel[1] && c.Stride[0] == c.Stride[1] && c.Padding[0] == c.Padding[1] && c.Dilation[0] == c.Dilation[1]
	in := func(st Setting, v int) bool { return v >= SettingTable[st].Min && v <= SettingTable[st].max(t, s.C()) }
	if !square || !c.Bias || !in(SetOut, t.OutChannels) || !in(SetKernel, t.Kernel) || !in(SetStride, t.Stride) ||
		!in(SetDilation, t.Dilation) || t.Padding < MinPad || t.Padding > MaxPad || !in(SetGroups, t.Groups) {
		return s.Settings, i18n.Errorf(i18n.NetFirstRanges, spec.Layers[0].Line, MaxOut, MaxKernel, MaxStride, MaxPad, MaxDil)
	}
	return t, nil
}

// LoadNetPreset loads arch.Presets()[i]: the one Conv2d layer (the
// playground's defaults), the trained LeNet (its committed weights, the
// learned filters in the bank) or TinyVGG (PyTorch's default init). One
// undo step.
func (ly *Layers) LoadNetPreset(i int) bool {
	s := ly.s
	ps := arch.Presets()
	if i < 0 || i >= len(ps) {
		s.Notice = fmt.Sprintf("no network preset %d (have %d)", i, len(ps))
		return false
	}
	defer s.History.record(ps[i].Name, "", "")()
	s.Input.Photo, s.Settings = false, DefaultSettings()
	s.Bank.setBankCin(1)
	if err := s.Layers.ApplyNet(ps[i].Text); err != nil { // the presets are Conv2d(1, ...) on the canvas
		s.Notice = i18n.Text(s.Lang, err)
		return false
	}
	switch ps[i].Text {
	case arch.LeNet:
		if s.Trained.Model.Net == nil {
			s.Notice = s.Lang.Sprintf(i18n.NoticeLeNetUnavailable, s.Trained.Model.Unavailable())
			break
		}
		s.Trained.LoadLearned()
		s.Layers.setTrained()
	case arch.TinyVGG:
		for f := 0; f < s.OutChannels; f++ {
			s.Bank.Filters[f] = newFilter(preset.Kaiming, s.Kernel, 1, s.nextSeed())
		}
	default:
		s.Bank.ResetBank()
	}
	s.Layer = 0
	s.changed()
	return true
}

// LayerSample is the selected sample's part of layer i's output and its
// shape without the batch ([C,H,W], [F]); nil when the layer has none.
func (ly *Layers) LayerSample(i int) ([]float32, []int) {
	s := ly.s
	out := s.Layers.LayerOutput(i)
	if out == nil || len(out.Shape) < 2 {
		return nil, nil
	}
	n := out.Shape[0]
	per := out.Len() / n
	k := min(s.Sample, n-1)
	return out.Data[k*per : (k+1)*per], out.Shape[1:]
}

// setTrained makes the tail the committed LeNet's layers (their weights).
func (ly *Layers) setTrained() {
	s := ly.s
	spec, _ := arch.Parse(arch.LeNet)
	lenet := s.Trained.Model.Net.Sequential().Layers[1:]
	s.Net.set(spec.Layers[1:], lenet, make([]error, len(lenet)), nil)
	s.Net.Trained = true
}

// netGuess makes the guess corner the trained LeNet's output when it is
// the network on screen (on the drawing or digit as the network reads it):
// the softmax of its last layer for the selected sample, or why there is
// none (the layer where the chain breaks).
func (ly *Layers) netGuess() {
	s := ly.s
	m := &s.Trained.Model
	if !s.Net.Trained || s.Input.Photo || m.Net == nil {
		return
	}
	m.OnScreen, m.Guess, m.PredErr, m.Probs = true, -1, nil, [nn.Classes]float32{}
	m.Pre = slices.Clone(s.Input.sampleData(s.Sample)) // a new slice: the view redraws it
	last := s.Layers.NumLayers() - 1
	v, sh := s.Layers.LayerSample(last)
	switch {
	case v == nil:
		for i := range s.Layers.NumLayers() {
			if e := s.Layers.LayerError(i); e != "" {
				m.PredErr = i18n.Errorf(i18n.GuessNetRefuses, i, e)
			}
		}
	case len(sh) != 1 || sh[0] != nn.Classes:
		m.PredErr = i18n.Errorf(i18n.GuessNetOutput, sh)
	case sum32(m.Pre) >= 1: // an empty sample has no digit to guess
		copy(m.Probs[:], Softmax(v))
		m.Guess = nn.Argmax(m.Probs[:])
	}
}

// Softmax is the probabilities of logits v (the largest subtracted first,
// as torch.softmax does, so that no exp overflows).
func Softmax(v []float32) []float32 {
	mx := slices.Max(v)
	p := make([]float32, len(v))
	var sum float64
	for i, x := range v {
		e := math.Exp(float64(x - mx))
		p[i], sum = float32(e), sum+e
	}
	for i := range p {
		p[i] = float32(float64(p[i]) / sum)
	}
	return p
}
