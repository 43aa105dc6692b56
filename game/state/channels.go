package state

import (
	"convplayground/game/picture"
	"convplayground/game/preset"
	"fmt"
	"math"
	"strconv"
	"strings"

	"convplayground/conv"
	"convplayground/i18n"
)

// Per-channel kernels. The weight is [Cout, Cin/groups, k, k], as in
// PyTorch: filter o reads the input channels of its group, each through
// its own k×k kernel. Filter.W holds that filter's live weights (channel
// by channel, k×k each). Filters whose numbers are their own (edited by
// hand, or learned) keep them in a store of every input channel at
// MaxKernel×MaxKernel, so that changing the kernel size or the groups
// loses nothing: the live weights are the store's centred k×k window of
// the group's channels; a kernel bigger than the store's numbers shows
// zeros around them. Unedited presets are rebuilt from name and seed.

// window is where a k×k kernel sits in the MaxKernel×MaxKernel store:
// centred (for an even k, on the top-left of the middle).
func window(k int) int { return (MaxKernel-1)/2 - (k-1)/2 }

// storeAt is the index of (input channel ic, ky, kx) of a k×k kernel in the store.
func storeAt(ic, k, ky, kx int) int {
	off := window(k)
	return (ic*MaxKernel+ky+off)*MaxKernel + kx + off
}

// groupsUsed is the groups the filters are laid out for: the setting when
// PyTorch accepts it for the current channels, else 1 (the layer is then
// rejected, with PyTorch's message, and the filters keep every channel).
func (bk *Bank) groupsUsed() int {
	s := bk.s
	g := s.Groups
	if g >= 1 && s.cin()%g == 0 && s.OutChannels%g == 0 {
		return g
	}
	return 1
}

// cpg is the input channels each filter reads (in_channels / groups).
func (bk *Bank) cpg() int {
	s := bk.s
	return s.cin() / s.Bank.groupsUsed()
}

// WeightShape is the weight the layer holds: [Cout, Cin/groups, k, k].
func (bk *Bank) WeightShape() []int {
	s := bk.s
	d := s.Bank.weightDims()
	return d[:]
}

// FilterShape is the filter bank's layout, [Cout, Cin/groups, k, k],
// whatever the layer: one filter per output channel (a ConvTranspose2d's
// filter o, channel c is its weight's w[g·Cin/groups + c, o mod
// (Cout/groups)], g o's group).
func (bk *Bank) FilterShape() []int {
	s := bk.s
	return []int{s.OutChannels, s.Bank.cpg(), s.Kernel, s.Kernel}
}

// weightDims is WeightShape as an array (comparing it allocates nothing);
// a transposed layer's is [Cin, Cout/groups, k, k].
func (bk *Bank) weightDims() [4]int {
	s := bk.s
	if s.Transposed {
		return [4]int{s.cin(), s.OutChannels / s.Bank.groupsUsed(), s.Kernel, s.Kernel}
	}
	return [4]int{s.OutChannels, s.Bank.cpg(), s.Kernel, s.Kernel}
}

// InputChannel is the input channel that channel c of filter o's weight
// (weight[o, c]) reads: filters are split into groups in order, and group
// g reads input channels g·Cin/groups … (g+1)·Cin/groups − 1.
func (bk *Bank) InputChannel(o, c int) int {
	s := bk.s
	g := s.Bank.groupsUsed()
	return min(o/max(1, s.OutChannels/g), g-1)*s.Bank.cpg() + c
}

// refreshFilters derives every slot's live weights for the current kernel
// size, groups and input channels.
func (bk *Bank) refreshFilters() {
	s := bk.s
	k, n := s.Kernel, s.Bank.cpg()
	for o := range s.Bank.Filters {
		f := &s.Bank.Filters[o]
		if f.store == nil {
			*f = newFilter(f.Preset, k, n, f.Seed)
			continue
		}
		f.W = make([]float32, n*k*k)
		c0 := s.Bank.InputChannel(o, 0)
		for c := 0; c < n; c++ {
			for y := 0; y < k; y++ {
				for x := 0; x < k; x++ {
					f.W[(c*k+y)*k+x] = f.store[storeAt(c0+c, k, y, x)]
				}
			}
		}
	}
}

// own gives filter o a store of its own numbers (before its first edit):
// its live weights, zeros elsewhere.
func (bk *Bank) own(o int) {
	s := bk.s
	f := &s.Bank.Filters[o]
	if f.store != nil {
		return
	}
	k := s.Kernel
	f.store = make([]float32, s.cin()*MaxKernel*MaxKernel)
	c0 := s.Bank.InputChannel(o, 0)
	for c := 0; c < len(f.W)/(k*k); c++ {
		for y := 0; y < k; y++ {
			for x := 0; x < k; x++ {
				f.store[storeAt(c0+c, k, y, x)] = f.W[(c*k+y)*k+x]
			}
		}
	}
}

// Weight returns weight[o, c, ky, kx] (c counts the filter's own channels,
// 0 … Cin/groups − 1; InputChannel says which input channel it reads).
func (bk *Bank) Weight(o, c, ky, kx int) float32 {
	s := bk.s
	return s.Bank.Filters[o].W[(c*s.Kernel+ky)*s.Kernel+kx]
}

// SetWeight sets weight[o, c, ky, kx]: one weight of one channel's kernel.
// Out of range or not a finite number, it changes nothing and says why.
func (bk *Bank) SetWeight(o, c, ky, kx int, v float64) bool {
	s := bk.s
	k := s.Kernel
	if o < 0 || o >= MaxOut || c < 0 || c >= s.Bank.cpg() || ky < 0 || kx < 0 || ky >= k || kx >= k {
		s.Notice = fmt.Sprintf("no weight [%d, %d, %d, %d] in a weight of shape %s", o, c, ky, kx, conv.FormatShape(s.Bank.FilterShape()))
		return false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		s.Notice = s.Lang.T(i18n.NoticeWeightFinite)
		return false
	}
	v = min(maxWeight, max(-maxWeight, v))
	defer s.History.recordEdit(fmt.Sprintf("w[%d, %d, %d, %d]", o, c, ky, kx), formatValue(s.Bank.Weight(o, c, ky, kx)), formatValue(float32(v)))()
	s.Bank.own(o)
	f := &s.Bank.Filters[o]
	ic := s.Bank.InputChannel(o, c)
	f.W[(c*k+ky)*k+kx] = float32(v)
	f.store[storeAt(ic, k, ky, kx)] = float32(v)
	f.Edited = true
	f.EditedChannels |= 1 << ic
	s.changed()
	return true
}

// SetWeightText parses a typed value and sets weight[o, c, ky, kx]; a bad
// number leaves everything as it was and says why in Notice.
func (bk *Bank) SetWeightText(o, c, ky, kx int, text string) bool {
	s := bk.s
	v, ok := s.Bank.number(text)
	return ok && s.Bank.SetWeight(o, c, ky, kx, v)
}

// spreadChannels re-lays the stores of edited and learned filters for c
// input channels: channel 0 on each, scaled by old/new channels, so that
// a 1-channel kernel on the mean of an RGB input gives the same map.
func (bk *Bank) spreadChannels(c int) {
	s := bk.s
	scale := float32(s.Bank.bankCin) / float32(c)
	plane := MaxKernel * MaxKernel
	for i := range s.Bank.Filters {
		f := &s.Bank.Filters[i]
		if f.store == nil {
			continue
		}
		st := make([]float32, c*plane)
		for ch := 0; ch < c; ch++ {
			for j := 0; j < plane; j++ {
				st[ch*plane+j] = f.store[j] * scale
			}
		}
		f.store = st
		if f.EditedChannels != 0 {
			f.EditedChannels = 1<<c - 1 // every channel now carries the edit
		}
	}
	s.Bank.bankCin = c
}

// ChannelName labels input channel c: R, G, B on an RGB input, else c0, c1…
func (bk *Bank) ChannelName(c int) string {
	s := bk.s
	if s.C() == picture.RGB && s.cin() == picture.RGB {
		return string("RGB"[c])
	}
	return "c" + strconv.Itoa(c)
}

// FilterChannels says what filter o does per input channel, as its
// numbers are (for the editor's channel tabs and its note).
type FilterChannels struct {
	// Inputs are the input channels the filter reads, in weight order
	// (weight[o, c] reads Inputs[c]).
	Inputs []int
	// Same: every channel holds bit for bit the same k×k kernel.
	Same bool
	// Edited lists the input channels with a weight set by hand.
	Edited []int
	// Note is one line, true of the numbers: "same kernel on R, G, B,
	// divided by 3", "on R only", "each channel drawn independently",
	// "a different kernel on each of R, G, B; edited on G". Empty for a
	// one-channel input, where there is nothing per channel to say.
	Note string
}

// Channels describes filter o per input channel (nothing for a slot that
// does not exist).
func (bk *Bank) Channels(o int) FilterChannels {
	s := bk.s
	if o < 0 || o >= MaxOut {
		return FilterChannels{}
	}
	f, k, n := s.Bank.Filters[o], s.Kernel, s.Bank.cpg()
	fc := FilterChannels{Same: true}
	for c := 0; c < n; c++ {
		ic := s.Bank.InputChannel(o, c)
		fc.Inputs = append(fc.Inputs, ic)
		if f.EditedChannels&(1<<ic) != 0 {
			fc.Edited = append(fc.Edited, ic)
		}
		fc.Same = fc.Same && sameBits(f.W[c*k*k:(c+1)*k*k], f.W[:k*k])
	}
	if s.cin() > 1 {
		fc.Note = s.Bank.channelNote(o, fc)
	}
	return fc
}

func (bk *Bank) channelNote(o int, fc FilterChannels) string {
	s := bk.s
	f, n := s.Bank.Filters[o], len(fc.Inputs)
	names, l := s.Bank.channelNames(fc.Inputs), s.Lang
	var parts []string
	if n < s.cin() {
		parts = append(parts, l.Sprintf(i18n.NoteOnlyOn, names))
	}
	switch {
	case n == 1:
	case f.store == nil && f.Preset == preset.Kaiming:
		parts = append(parts, l.T(i18n.NoteIndependent))
	case fc.Same && s.Bank.isPresetOver(o, n): // checked on the numbers, edited or not
		parts = append(parts, l.Sprintf(i18n.NoteSameDivided, names, n))
	case fc.Same:
		parts = append(parts, l.Sprintf(i18n.NoteSame, names))
	default:
		parts = append(parts, l.Sprintf(i18n.NoteDifferent, names))
	}
	if len(fc.Edited) > 0 {
		parts = append(parts, l.Sprintf(i18n.NoteEdited, s.Bank.channelNames(fc.Edited)))
	}
	return strings.Join(parts, "; ")
}

// isPresetOver checks that channel 0 of filter o is its preset's kernel divided by n.
func (bk *Bank) isPresetOver(o, n int) bool {
	s := bk.s
	kern := preset.Kernel(s.Bank.Filters[o].Preset, s.Kernel)
	for i := range kern {
		kern[i] /= float32(n)
	}
	return kern != nil && sameBits(s.Bank.Filters[o].W[:len(kern)], kern)
}

func (bk *Bank) channelNames(chs []int) string {
	s := bk.s
	names := make([]string, len(chs))
	for i, c := range chs {
		names[i] = s.Bank.ChannelName(c)
	}
	return strings.Join(names, ", ")
}
