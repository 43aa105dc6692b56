package state

import (
	"convplayground/game/link"
	"convplayground/game/preset"
)

// What a link carries of the filters' numbers (package link).

// allChannels is filter o's weights on every input channel at the current
// kernel size (what a link carries, whatever the groups): an edited or
// learned filter's stored numbers, or the unedited preset's.
func (sh *Share) allChannels(o int) []float32 {
	s := sh.s
	f, k := s.Filters[o], s.Kernel
	if f.store == nil {
		return link.Base(f.Preset, k, s.bankCin, f.Seed)
	}
	w := make([]float32, s.bankCin*k*k)
	for c := 0; c < s.bankCin; c++ {
		for y := 0; y < k; y++ {
			for x := 0; x < k; x++ {
				w[(c*k+y)*k+x] = f.store[storeAt(c, k, y, x)]
			}
		}
	}
	return w
}

// storeShared gives the decoded edited and learned filters (whose W holds
// every input channel) their stores, then lays all out for the groups.
// Without a tensors part (an older link), the channels whose numbers
// differ from the preset count as edited: all such a link can say (an
// edited learned filter's are unknown: its preset is the network's).
func (sh *Share) storeShared(derive bool) {
	s := sh.s
	k := s.Kernel
	for i := range s.Filters {
		f := &s.Filters[i]
		if !f.Edited && f.Preset != preset.Learned {
			continue
		}
		if f.Edited && derive && f.Preset != preset.Learned {
			base := link.Base(f.Preset, k, s.bankCin, f.Seed)
			for c := 0; c < s.bankCin; c++ {
				if !sameBits(f.W[c*k*k:(c+1)*k*k], base[c*k*k:(c+1)*k*k]) {
					f.EditedChannels |= 1 << c
				}
			}
		}
		f.store = make([]float32, s.bankCin*MaxKernel*MaxKernel)
		for c := 0; c < s.bankCin; c++ {
			for y := 0; y < k; y++ {
				for x := 0; x < k; x++ {
					f.store[storeAt(c, k, y, x)] = f.W[(c*k+y)*k+x]
				}
			}
		}
	}
	s.Bank.refreshFilters()
}
