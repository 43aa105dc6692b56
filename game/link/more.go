package link

import (
	"fmt"
	"unicode/utf8"

	"convplayground/game/preset"
	"convplayground/i18n"
)

// Tags of the parts that came with 64 filters.
const (
	tagMore    = 4
	tagLeftOut = 5
)

// maxLeftOut bounds the left-out part's text (a file and a tensor name).
const maxLeftOut = 512

// ExtraSeed is the seed of slot i's kaiming init in a new bank, for the
// slots after the record's (i ≥ RecordFilters): fixed, and far from the
// seeds a session draws one by one from 1.
func ExtraSeed(i int) uint64 { return 1<<40 + uint64(i) }

// ExtraFilter is slot i (i ≥ RecordFilters) as a new bank has it, and as
// a link without the more-filters part reads it.
func ExtraFilter(i int) FilterRec { return FilterRec{Preset: preset.Kaiming, Seed: ExtraSeed(i)} }

// morePart is the body of the more-filters part: every slot after the
// record's, each as the record writes a filter, then its u8
// EditedChannels; nil when all of them are ExtraFilter's.
func (s *Snapshot) morePart() []byte {
	same := true
	for i := RecordFilters; i < Filters; i++ {
		same = same && isExtra(s.Filter[i], i)
	}
	if same {
		return nil
	}
	var body []byte
	for _, f := range s.Filter[RecordFilters:] {
		body = append(appendFilter(body, f, s.Kernel, s.Cin), f.EditedChannels)
	}
	return body
}

// isExtra says whether f is slot i as ExtraFilter has it.
func isExtra(f FilterRec, i int) bool {
	x := ExtraFilter(i)
	return !f.Edited && f.EditedChannels == 0 && f.Preset == x.Preset && f.Seed == x.Seed
}

func parseMore(r *reader, s *Snapshot) error {
	for i := RecordFilters; i < Filters; i++ {
		if err := parseFilter(r, s, i); err != nil || r.err != nil {
			return err
		}
		m := r.u8()
		if r.err == nil && int(m) >= 1<<s.Cin {
			return i18n.Errorf(i18n.ShareEditedChannels, i, fmt.Sprintf("%#b", m), s.Cin)
		}
		s.Filter[i].EditedChannels = m
	}
	return nil
}

// leftOutPart is the left-out part's body: u8 1 for a network (else 0),
// then LeftOut's text; nil for none.
func (s *Snapshot) leftOutPart() []byte {
	if s.LeftOut == "" {
		return nil
	}
	kind := byte(0)
	if s.LeftOutNet {
		kind = 1
	}
	return append([]byte{kind}, s.LeftOut...)
}

func parseLeftOut(r *reader, s *Snapshot) error {
	kind := r.u8()
	b := r.bytes(len(r.b))
	if r.err != nil || kind > 1 || len(b) == 0 || len(b) > maxLeftOut || !utf8.Valid(b) {
		return i18n.Errorf(i18n.ShareLeftOutPart, maxLeftOut)
	}
	s.LeftOut, s.LeftOutNet = string(b), kind == 1
	return nil
}
