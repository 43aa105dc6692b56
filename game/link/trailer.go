package link

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"

	"convplayground/i18n"
)

// Tags of the trailer's parts.
const (
	tagPlayback = 1
	tagTensors  = 2
)

// appendTrailer appends the optional parts that have something to say.
func appendTrailer(b []byte, s *Snapshot) []byte {
	for _, p := range []struct {
		tag  byte
		body []byte
	}{{tagPlayback, s.Play.appendPart()}, {tagTensors, s.tensorsPart()}, {tagLayer, s.layerPart()},
		{tagMore, s.morePart()}, {tagLeftOut, s.leftOutPart()}, {tagTrain, s.trainPart()}} {
		if p.body != nil {
			b = append(b, p.tag)
			b = binary.AppendUvarint(b, uint64(len(p.body)))
			b = append(b, p.body...)
		}
	}
	return b
}

// parseTrailer reads the parts after the filters, each once; a part must
// be read to its end.
func parseTrailer(r *reader, s *Snapshot, rg *Ranges) error {
	var seen [256]bool
	for len(r.b) > 0 {
		tag, n := r.u8(), r.uvarint()
		if r.err == nil && n > uint64(len(r.b)) {
			r.err = errShort
		}
		body := &reader{b: r.bytes(int(n))}
		if r.err != nil {
			return nil
		}
		if seen[tag] {
			return i18n.Errorf(i18n.SharePartTwice, tag)
		}
		seen[tag] = true
		var err error
		switch tag {
		case tagPlayback:
			s.Play, err = parsePlayback(body, rg)
		case tagTensors:
			if err = parseTensors(body, s, rg); err != nil {
				err = i18n.Errorf(i18n.ShareTensorsPart, err)
			}
		case tagLayer:
			if err = parseLayer(body, s, rg); err != nil {
				err = i18n.Errorf(i18n.ShareLayerPart, err)
			}
		case tagMore:
			if err = parseMore(body, s); err != nil {
				err = i18n.Errorf(i18n.ShareMorePart, err)
			}
		case tagLeftOut:
			err = parseLeftOut(body, s)
		case tagTrain:
			if err = parseTrain(body, s, rg); err != nil {
				err = i18n.Errorf(i18n.ShareTrainPart, err)
			}
		default:
			return i18n.Errorf(i18n.ShareNewer, tag)
		}
		if err == nil && body.err == nil && len(body.b) > 0 {
			err = i18n.Errorf(i18n.SharePartBytes, tag, len(body.b))
		}
		if err != nil || body.err != nil {
			return cmp.Or(err, body.err)
		}
	}
	return nil
}

// tensorsPart is the body of the tensors part, or nil when groups and N
// are 1 and no filter is edited (with edits, it says which channels, so
// that a reader never guesses them as for an older link).
func (s *Snapshot) tensorsPart() []byte {
	body := []byte{byte(s.Groups), byte(s.Batch)}
	edited := false
	for _, f := range s.Filter[:RecordFilters] { // the other slots' are in the more-filters part
		body = append(body, f.EditedChannels)
		edited = edited || f.Edited
	}
	if s.Groups == 1 && s.Batch == 1 && !edited {
		return nil
	}
	return body
}

func parseTensors(r *reader, s *Snapshot, rg *Ranges) error {
	g, n := int(r.u8()), int(r.u8())
	if r.err != nil {
		return nil
	}
	if hi := max(s.Cin, s.OutChannels); g < rg.MinGroups || g > hi {
		return i18n.Errorf(i18n.ShareOutside, "groups", g, rg.MinGroups, hi)
	}
	if n < 1 || n > rg.MaxBatch {
		return i18n.Errorf(i18n.ShareOutside, "batch", n, 1, rg.MaxBatch)
	}
	s.Groups, s.Batch, s.Tensors = g, n, true
	for i := range RecordFilters {
		m := r.u8()
		if r.err == nil && int(m) >= 1<<s.Cin {
			return i18n.Errorf(i18n.ShareEditedChannels, i, fmt.Sprintf("%#b", m), s.Cin)
		}
		s.Filter[i].EditedChannels = m
	}
	return nil
}

// reader takes fields off the record; past the end it records an error
// and returns zeros, so parsing code checks r.err once per group.
type reader struct {
	b   []byte
	err error
}

var errShort = i18n.Errorf(i18n.ShareCutShort)

func (r *reader) bytes(n int) []byte {
	if r.err != nil || len(r.b) < n {
		r.err = errShort
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) u8() byte {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) f32() float32 {
	if b := r.bytes(4); b != nil {
		return math.Float32frombits(binary.LittleEndian.Uint32(b))
	}
	return 0
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = i18n.Errorf(i18n.ShareBadNumber)
		return 0
	}
	r.b = r.b[n:]
	return v
}
