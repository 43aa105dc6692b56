package game

import (
	"slices"

	"convplayground/game/preset"
	"convplayground/game/state"
	"convplayground/lesson"
	"convplayground/nn/arch"
)

// applyLesson sets the playground as a lesson step asks (package lesson's
// State): the example or the input and filters, the layer's settings,
// the batch, the network and its selected layer, the maps column's tab.
// Each change is an ordinary action (undo takes it back).
func (g *Game) applyLesson(st lesson.State) {
	s := g.st
	if s.Layers.NumLayers() > 1 && st.Network == "" { // back to one Conv2d layer
		s.Layers.LoadNetPreset(netPreset(arch.OneConv))
	}
	switch {
	case st.Network == "lenet":
		s.Layers.LoadNetPreset(netPreset(arch.LeNet))
	case st.Example != lesson.NoExample:
		s.LoadExample(st.Example)
	default:
		if s.Input.Photo != (st.Input == "photo") {
			s.Input.SetPhoto(st.Input == "photo")
		}
		if st.Filters == "learned" {
			s.Trained.LoadLearned()
		} else if s.Bank.Filters[0].Preset == preset.Learned {
			s.Bank.ResetBank()
		}
	}
	stepTo(s, state.SetOut, st.OutChannels)
	stepTo(s, state.SetKernel, st.Kernel)
	stepTo(s, state.SetStride, st.Stride)
	stepTo(s, state.SetPadding, st.Padding)
	stepTo(s, state.SetBatch, st.Batch)
	if st.Layer != "" {
		s.Layers.SelectLayer(lesson.LeNetLayer(st.Layer))
	} else if s.Layer != 0 {
		s.Layers.SelectLayer(0)
	}
	if i := slices.Index(tabNames[:], st.Tab); i >= 0 {
		g.tab = mapTab(i)
	}
	g.dirty = true
}

// stepTo steps setting set until its value is v (as the − and + buttons
// would; at most its range).
func stepTo(s *state.State, set state.Setting, v int) {
	info := set.Info()
	for range 64 {
		cur := info.Value(s.Settings)
		if set == state.SetPadding {
			cur = s.Padding
			if s.PadString != "" {
				cur = 100 // 'same' or 'valid', after the numbers: step down
			}
		}
		if cur == v || !s.Step(set, sign(v-cur)) {
			return
		}
	}
}

func sign(d int) int {
	if d < 0 {
		return -1
	}
	return 1
}

// netPreset is the index in arch.Presets of the network text.
func netPreset(text string) int {
	return slices.IndexFunc(arch.Presets(), func(p arch.Preset) bool { return p.Text == text })
}
