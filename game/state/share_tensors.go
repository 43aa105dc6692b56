package state

import (
	"encoding/binary"
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

// appendTensors writes the tagTensors part when anything in it differs
// from what a link without it means.
func (s *State) appendTensors(b []byte) []byte {
	body := []byte{byte(s.Groups), byte(s.Batch)}
	marked := false
	for _, f := range s.Filters {
		body = append(body, f.EditedChannels)
		marked = marked || f.EditedChannels != 0
	}
	if s.Groups == 1 && s.Batch == 1 && !marked {
		return b
	}
	b = append(b, tagTensors)
	b = binary.AppendUvarint(b, uint64(len(body)))
	return append(b, body...)
}

// parsePart reads one tagged part after the filters.
func parsePart(r *reader, sh *shared) error {
	tag, n := r.u8(), r.uvarint()
	if r.err == nil && n > uint64(len(r.b)) {
		return errShort
	}
	body := &reader{b: r.bytes(int(n))}
	if r.err != nil {
		return nil
	}
	switch tag {
	case tagTensors:
		if err := parseTensors(body, sh); err != nil || body.err != nil {
			return fmt.Errorf("the tensors part: %w", firstErr(err, body.err))
		}
	default:
		return fmt.Errorf("the code has a part this version does not know (tag %d): made by a newer playground?", tag)
	}
	if len(body.b) > 0 {
		return fmt.Errorf("%d unexpected bytes in part %d", len(body.b), tag)
	}
	return nil
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
	sh.Groups, sh.Batch = g, n
	for i := range sh.filters {
		m := r.u8()
		if r.err == nil && int(m) >= 1<<sh.cin {
			return fmt.Errorf("filter %d: edited channels %#b beyond its %d channel(s)", i, m, sh.cin)
		}
		sh.filters[i].EditedChannels = m
	}
	return nil
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// storeShared gives the decoded edited and learned filters (whose W holds
// every input channel) their stores, then lays all out for the groups.
func (s *State) storeShared() {
	k := s.Kernel
	for i := range s.Filters {
		f := &s.Filters[i]
		if !f.Edited && f.Preset != Learned {
			continue
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
