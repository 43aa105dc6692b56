package state

import (
	"convplayground/game/link"
	"convplayground/game/preset"
)

// MaxKernel is the largest kernel_size: a model's first layer up to
// AlexNet's 11×11 can be put on screen (modelopen.go).
const MaxKernel = 11

// defaultBank is the preset of each of the first 20 filter slots at start;
// the slots after them (up to MaxOut) start as the kaiming init
// (slotPreset).
var defaultBank = []preset.Preset{preset.Identity, preset.Gaussian, preset.SobelX, preset.SobelY, preset.Outline,
	preset.Sharpen, preset.Emboss, preset.Kaiming, preset.BoxBlur, preset.LoG, preset.PrewittX, preset.PrewittY,
	preset.DiagUp, preset.DiagDown, preset.Kaiming, preset.Kaiming, preset.Kaiming, preset.Kaiming, preset.Kaiming, preset.Kaiming}

// slotPreset is slot i's preset in a new bank, and slotSeed its seed: a
// fresh one in defaultBank's slots, a fixed one (link.ExtraSeed(i)) in
// the slots after them. So seeds run as they did before those slots
// existed, and a link carries them only when they differ from it.
func slotPreset(i int) preset.Preset {
	if i < len(defaultBank) {
		return defaultBank[i]
	}
	return preset.Kaiming
}

func (s *State) slotSeed(i int) uint64 {
	if i < len(defaultBank) {
		return s.nextSeed()
	}
	return link.ExtraSeed(i)
}

// Filter is one output channel's weights and bias. W is the live weight
// [Cin/groups, k, k], row-major, derived (see channels.go) from the preset
// or, for edited and learned filters, from store.
type Filter struct {
	Preset preset.Preset
	Edited bool   // a weight or the bias was changed by hand
	Seed   uint64 // for the kaiming preset
	W      []float32
	B      float32
	// EditedChannels has bit c set when a weight reading input channel c
	// was set by hand.
	EditedChannels uint8
	// From names where a filter taken from a model file came from,
	// "conv1.weight[3]" (modelopen.go); "" for the others.
	From string

	// store holds an edited or learned filter's own numbers: every input
	// channel at MaxKernel×MaxKernel, centred; nil for an unedited preset.
	store []float32
}

// Label names the filter as the editor and the maps do: its preset, or
// the model weight it came from.
func (f Filter) Label() string {
	if f.From != "" {
		return f.From
	}
	return f.Preset.String()
}

// newFilter builds preset p for cin input channels (in_channels / groups)
// at kernel size k (preset.Weights); one that is not hand-made is the
// kaiming init.
func newFilter(p preset.Preset, k, cin int, seed uint64) Filter {
	w, b, handmade := preset.Weights(p, k, cin, seed)
	if !handmade {
		p = preset.Kaiming
	}
	return Filter{Preset: p, Seed: seed, W: w, B: b}
}
