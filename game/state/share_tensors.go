package state

import (
	"convplayground/game/preset"
	"fmt"
)

// The link's tagTensors part (see codePrefix): groups, batch N and which
// channels of each filter were edited by hand.

// allChannels is filter o's weights on every input channel at the current
// kernel size (what a link carries, whatever the groups): an edited or
// learned filter's stored numbers, or the unedited preset's.
func (s *State) allChannels(o int) []float32 {
	f, k := s.Filters[o], s.Kernel
	if f.store == nil {
		return editBase(f.Preset, k, s.bankCin, f.Seed)
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

// tensorsPart is the body of the tagTensors part, or nil when groups and
// N are 1 and no filter is edited (with edits, it says which channels, so
// that a reader never guesses them as for an older link).
func (s *State) tensorsPart() []byte {
	body := []byte{byte(s.Groups), byte(s.Batch)}
	edited := false
	for _, f := range s.Filters {
		body = append(body, f.EditedChannels)
		edited = edited || f.Edited
	}
	if s.Groups == 1 && s.Batch == 1 && !edited {
		return nil
	}
	return body
}

func parseTensors(r *reader, sh *shared) error {
	g, n := int(r.u8()), int(r.u8())
	if r.err != nil {
		return nil
	}
	if hi := max(sh.cin, sh.OutChannels); g < MinGroups || g > hi {
		return fmt.Errorf("groups %d is outside %d..%d", g, MinGroups, hi)
	}
	if n < 1 || n > MaxBatch {
		return fmt.Errorf("batch %d is outside 1..%d", n, MaxBatch)
	}
	sh.Groups, sh.Batch, sh.tensors = g, n, true
	for i := range sh.filters {
		m := r.u8()
		if r.err == nil && int(m) >= 1<<sh.cin {
			return fmt.Errorf("filter %d: edited channels %#b beyond its %d channel(s)", i, m, sh.cin)
		}
		sh.filters[i].EditedChannels = m
	}
	return nil
}

// storeShared gives the decoded edited and learned filters (whose W holds
// every input channel) their stores, then lays all out for the groups.
// Without a tensors part (an older link), the channels whose numbers
// differ from the preset count as edited: all such a link can say (an
// edited learned filter's are unknown: its preset is the network's).
func (s *State) storeShared(derive bool) {
	k := s.Kernel
	for i := range s.Filters {
		f := &s.Filters[i]
		if !f.Edited && f.Preset != preset.Learned {
			continue
		}
		if f.Edited && derive && f.Preset != preset.Learned {
			base := editBase(f.Preset, k, s.bankCin, f.Seed)
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
	s.refreshFilters()
}
