package link

import (
	"encoding/binary"
	"math"

	"convplayground/i18n"
)

// The playback part of a code (tag tagPlayback):
//
//	u8 flags (1 stepping, 2 a pinned cell), u8 speed (index in the
//	session's speeds), uv map, uv oy, uv ox of the current cell, then
//	with a pinned cell uv map, uv oy, uv ox of it.
//
// A link opens on the same step, paused. The part is left out while
// playback is as a new session has it (Snapshot.Play nil).
const (
	playStepping = 1
	playPinned   = 2
	maxCell      = 1 << 20 // beyond any output a link can make
)

// Playback is the step-through as a link carries it.
type Playback struct {
	Stepping, Pinned bool
	Speed            int    // index in the session's speeds
	Cell, Pin        [3]int // map, oy, ox
}

// appendPart is the part's body, nil without playback.
func (p *Playback) appendPart() []byte {
	if p == nil {
		return nil
	}
	flags := byte(0)
	if p.Stepping {
		flags |= playStepping
	}
	if p.Pinned {
		flags |= playPinned
	}
	b := appendCell([]byte{flags, byte(p.Speed)}, p.Cell)
	if p.Pinned {
		b = appendCell(b, p.Pin)
	}
	return b
}

func appendCell(b []byte, c [3]int) []byte {
	for _, v := range c {
		b = binary.AppendUvarint(b, uint64(v))
	}
	return b
}

// parsePlayback reads and range-checks a playback part.
func parsePlayback(r *reader, rg *Ranges) (*Playback, error) {
	flags, speed := r.u8(), int(r.u8())
	if r.err != nil {
		return nil, nil
	}
	if flags&^(playStepping|playPinned) != 0 || speed >= rg.Speeds {
		return nil, i18n.Errorf(i18n.SharePlaybackFlags, flags, speed)
	}
	p := &Playback{Stepping: flags&playStepping != 0, Pinned: flags&playPinned != 0, Speed: speed}
	var err error
	if p.Cell, err = parseCell(r); err != nil || !p.Pinned {
		return p, err
	}
	p.Pin, err = parseCell(r)
	return p, err
}

func parseCell(r *reader) ([3]int, error) {
	var v [3]int
	for i := range v {
		v[i] = int(min(r.uvarint(), math.MaxInt32))
	}
	if r.err == nil && (v[0] >= Filters || v[1] > maxCell || v[2] > maxCell) {
		return [3]int{}, i18n.Errorf(i18n.SharePlaybackCell, v[0], v[1], v[2])
	}
	return v, nil
}
