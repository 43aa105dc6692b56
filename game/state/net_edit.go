package state

import (
	"fmt"
	"slices"

	"convplayground/i18n"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// The learner's edits of the network's layers after layer 0: add a layer
// after the selected one, remove or move the selected one, fit a Linear to
// its input, step a layer's setting. Each is one undo step; a layer that
// is made again gets PyTorch's default initialisation.

// AddKinds are the layers the add menu offers, in its order.
var AddKinds = []arch.Kind{arch.Conv2d, arch.ConvTranspose2d, arch.ReLU, arch.LeakyReLU, arch.Sigmoid, arch.Tanh, arch.MaxPool2d,
	arch.AvgPool2d, arch.BatchNorm2d, arch.Dropout, arch.Flatten, arch.Linear}

// layerInput is the shape layer i reads (layer i−1's output), nil when
// the chain breaks before it.
func (ly *Layers) layerInput(i int) []int {
	s := ly.s
	if i == 0 {
		return s.InputShape()
	}
	return s.Layers.LayerShape(i - 1)
}

// NewLayer is a layer of kind k with arguments that fit an input of shape
// in (nil: unknown): a Conv2d keeps the channels with a 3x3 kernel and
// padding 1, a ConvTranspose2d doubles the size, BatchNorm2d takes the
// channels, a Linear the features and gives 10.
func NewLayer(k arch.Kind, in []int) arch.Layer {
	ch, feat := 1, 1
	if len(in) >= 2 {
		ch, feat = in[1], in[len(in)-1]
	}
	spec := map[arch.Kind]string{
		arch.Conv2d:          fmt.Sprintf("nn.Conv2d(%d, %d, 3, padding=1)", ch, ch),
		arch.ConvTranspose2d: fmt.Sprintf("nn.ConvTranspose2d(%d, %d, 2, stride=2)", ch, ch),
		arch.ReLU:            "nn.ReLU()",
		arch.LeakyReLU:       "nn.LeakyReLU(0.1)",
		arch.Sigmoid:         "nn.Sigmoid()",
		arch.Tanh:            "nn.Tanh()",
		arch.MaxPool2d:       "nn.MaxPool2d(2)",
		arch.AvgPool2d:       "nn.AvgPool2d(2)",
		arch.BatchNorm2d:     fmt.Sprintf("nn.BatchNorm2d(%d)", ch),
		arch.Dropout:         "nn.Dropout(0.5)",
		arch.Flatten:         "nn.Flatten()",
		arch.Linear:          fmt.Sprintf("nn.Linear(%d, 10)", feat),
	}[k]
	sp, err := arch.Parse(spec)
	if err != nil || len(sp.Layers) != 1 {
		return arch.Layer{Kind: arch.ReLU}
	}
	return sp.Layers[0]
}

// AddLayer puts a new layer of kind k after the selected one and selects it.
func (ly *Layers) AddLayer(k arch.Kind) bool {
	s := ly.s
	if !slices.Contains(AddKinds, k) {
		s.Notice = s.Lang.Sprintf(i18n.NoticeCannotAdd, k)
		return false
	}
	l := NewLayer(k, s.Layers.LayerShape(s.Layer))
	defer s.History.record("add "+l.Short(), "", "")()
	seed := s.nextSeed()
	b, err := buildLayer(l, seed)
	n := &s.Net
	at := s.Layer // the new layer's index in the tail
	n.set(slices.Insert(slices.Clone(n.Tail), at, l), slices.Insert(slices.Clone(n.built), at, b), slices.Insert(slices.Clone(n.errs), at, err),
		insertSeed(n.seeds, at, seed))
	s.Layer = at + 1
	s.changed()
	return true
}

// RemoveLayer takes the selected layer out (not layer 0: the Conv2d of
// the settings) and selects the one before it.
func (ly *Layers) RemoveLayer() bool {
	s := ly.s
	i := s.Layer
	if i < 1 || i >= s.Layers.NumLayers() {
		s.Notice = s.Lang.T(i18n.NoticeLayerZeroStays)
		return false
	}
	n := &s.Net
	defer s.History.record("remove "+n.Tail[i-1].Short(), "", "")()
	n.set(slices.Delete(slices.Clone(n.Tail), i-1, i), slices.Delete(slices.Clone(n.built), i-1, i), slices.Delete(slices.Clone(n.errs), i-1, i),
		deleteSeed(n.seeds, i-1))
	s.Layer = i - 1
	s.changed()
	return true
}

// MoveLayer moves the selected layer d places (−1 earlier, +1 later),
// staying after layer 0, and keeps it selected.
func (ly *Layers) MoveLayer(d int) bool {
	s := ly.s
	i, j := s.Layer, s.Layer+d
	if i < 1 || j < 1 || j >= s.Layers.NumLayers() {
		s.Notice = s.Lang.T(i18n.NoticeCannotMove)
		return false
	}
	n := &s.Net
	defer s.History.record("move "+n.Tail[i-1].Short(), fmt.Sprint(i), fmt.Sprint(j))()
	tail, built, errs := slices.Clone(n.Tail), slices.Clone(n.built), slices.Clone(n.errs)
	tail[i-1], tail[j-1] = tail[j-1], tail[i-1]
	built[i-1], built[j-1] = built[j-1], built[i-1]
	errs[i-1], errs[j-1] = errs[j-1], errs[i-1]
	seeds := slices.Clone(n.seeds)
	if seeds != nil {
		seeds[i-1], seeds[j-1] = seeds[j-1], seeds[i-1]
	}
	n.set(tail, built, errs, seeds)
	s.Layer = j
	s.changed()
	return true
}

// FitLinear sets the selected Linear's in_features to what its input has
// (the last dimension of the previous layer's output), made anew.
func (ly *Layers) FitLinear() bool {
	s := ly.s
	i := s.Layer
	in := s.Layers.layerInput(i)
	if i < 1 || i >= s.Layers.NumLayers() || s.Net.Tail[i-1].Kind != arch.Linear || len(in) == 0 {
		s.Notice = s.Lang.T(i18n.NoticeFitNeedsLinear)
		return false
	}
	l := s.Net.Tail[i-1]
	if l.InFeatures == in[len(in)-1] {
		return false
	}
	from := l.InFeatures
	l.InFeatures = in[len(in)-1]
	return s.Layers.replaceLayer(i, l, "in_features", fmt.Sprint(from), fmt.Sprint(l.InFeatures))
}

// replaceLayer makes layer i ≥ 1 anew as l, one undo step.
func (ly *Layers) replaceLayer(i int, l arch.Layer, what, from, to string) bool {
	s := ly.s
	defer s.History.record(what, from, to)()
	seed := s.nextSeed()
	b, err := buildLayer(l, seed)
	n := &s.Net
	tail, built, errs, seeds := slices.Clone(n.Tail), slices.Clone(n.built), slices.Clone(n.errs), slices.Clone(n.seeds)
	tail[i-1], built[i-1], errs[i-1] = l, b, err
	if seeds != nil {
		seeds[i-1] = seed
	}
	n.set(tail, built, errs, seeds)
	s.changed()
	return true
}

// TailLayer is layer i ≥ 1 as built by nn (nil when its constructor
// refused or i is out of range): its weights for the filter editor.
func (ly *Layers) TailLayer(i int) nn.Layer {
	s := ly.s
	if i < 1 || i > len(s.Net.built) {
		return nil
	}
	return s.Net.built[i-1]
}

// activations are the kinds an activation layer's setting cycles through.
var activations = []arch.Kind{arch.ReLU, arch.LeakyReLU, arch.Sigmoid, arch.Tanh}

// LayerArgs are the settings the settings panel steps for layer i ≥ 1,
// by its kind: a Conv2d's out_channels, kernel_size, stride and padding,
// pooling's kernel_size, stride and padding, Linear's out_features, an
// activation's kind.
func (ly *Layers) LayerArgs(i int) []string {
	s := ly.s
	if i < 1 || i >= s.Layers.NumLayers() {
		return nil
	}
	switch k := s.Net.Tail[i-1].Kind; {
	case k == arch.Conv2d:
		return []string{"out_channels", "kernel_size", "stride", "padding"}
	case k == arch.MaxPool2d || k == arch.AvgPool2d:
		return []string{"kernel_size", "stride", "padding"}
	case k == arch.Linear:
		return []string{"out_features"}
	case slices.Contains(activations, k):
		return []string{"kind"}
	}
	return nil
}

// LayerArg is the value of a setting of LayerArgs as the panel shows it.
func (ly *Layers) LayerArg(i int, name string) string {
	s := ly.s
	if i < 1 || i >= s.Layers.NumLayers() {
		return ""
	}
	return argText(s.Net.Tail[i-1], name)
}

// argText is a setting of LayerArgs in l.
func argText(l arch.Layer, name string) string {
	if l.Kind == arch.Conv2d {
		return convArg(&l, name, 0)
	}
	switch name {
	case "kernel_size":
		return fmt.Sprint(l.Kernel[0])
	case "stride":
		return fmt.Sprint(l.Stride[0])
	case "padding":
		return fmt.Sprint(l.Padding[0])
	case "out_features":
		return fmt.Sprint(l.OutFeatures)
	case "kind":
		return l.Kind.String()
	}
	return ""
}

// StepLayerArg moves a setting of layer i ≥ 1 (one of LayerArgs) d steps:
// the layer is made again, one undo step.
func (ly *Layers) StepLayerArg(i int, name string, d int) bool {
	s := ly.s
	if !slices.Contains(s.Layers.LayerArgs(i), name) {
		s.Notice = fmt.Sprintf("layer %d has no setting %s", i, name)
		return false
	}
	l := s.Net.Tail[i-1]
	from := s.Layers.LayerArg(i, name)
	step := func(v *[2]int, lo int) { v[0], v[1] = max(lo, v[0]+d), max(lo, v[0]+d) }
	switch {
	case l.Kind == arch.Conv2d:
		convArg(&l, name, d)
	case name == "kind":
		j := slices.Index(activations, l.Kind)
		l = arch.Layer{Kind: activations[(j+d+len(activations))%len(activations)], NegativeSlope: 0.01}
	case name == "kernel_size":
		step(&l.Kernel, 1)
	case name == "stride":
		step(&l.Stride, 1)
	case name == "padding":
		step(&l.Padding, 0)
	case name == "out_features":
		l.OutFeatures = max(1, l.OutFeatures+d)
	}
	if l == s.Net.Tail[i-1] {
		return false
	}
	s.Layers.replaceLayer(i, l, name, from, argText(l, name))
	return true
}

// convArg moves a deeper Conv2d's setting d steps (square sizes; 'same'
// and 'valid' become numbers) and returns its value as text.
func convArg(l *arch.Layer, name string, d int) string {
	c := &l.Conv
	pair := func(v *[2]int, lo int) string {
		v[0] = max(lo, v[0]+d)
		v[1] = v[0]
		return fmt.Sprint(v[0])
	}
	switch name {
	case "out_channels":
		c.OutChannels = max(1, c.OutChannels+d)
		return fmt.Sprint(c.OutChannels)
	case "kernel_size":
		return pair(&c.Kernel, 1)
	case "stride":
		return pair(&c.Stride, 1)
	case "padding":
		if c.PaddingString != "" && d == 0 {
			return "'" + c.PaddingString + "'"
		}
		c.PaddingString = ""
		return pair(&c.Padding, 0)
	}
	return ""
}

// insertSeed and deleteSeed keep the layers' seeds beside the tail; nil
// (the committed LeNet's weights, which no seed makes) stays nil.
func insertSeed(seeds []uint64, at int, seed uint64) []uint64 {
	if seeds == nil {
		return nil
	}
	return slices.Insert(slices.Clone(seeds), at, seed)
}

func deleteSeed(seeds []uint64, at int) []uint64 {
	if seeds == nil {
		return nil
	}
	return slices.Delete(slices.Clone(seeds), at, at+1)
}
