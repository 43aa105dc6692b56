package state

import (
	"convplayground/game/teach"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// The playback part of a link code (tag tagPlayback, see share.go):
//
//	u8 flags (1 stepping, 2 a pinned cell), u8 speed (index in Speeds),
//	uv map, uv oy, uv ox of the current cell, then with a pinned cell
//	uv map, uv oy, uv ox of it.
//
// A link opens on the same step, paused. The part is left out while
// playback is as a new playground has it.
const (
	linkStepping = 1
	linkPinned   = 2
	maxLinkCell  = 1 << 20 // beyond any output a link can make
)

// linkKey is what a link says of playback.
type linkKey struct {
	cell, pin        teach.Cell
	stepping, pinned bool
	speed            int
}

// LinkVersion counts the changes a link code carries: Version (the edits)
// plus the moves of playback, which are no edit but a link opens on them.
// The link code is made again only when it moved.
func (s *State) LinkVersion() uint64 {
	p := &s.Player
	if k := (linkKey{p.cell, p.pin, p.stepping, p.pinned, p.speed}); k != p.linked {
		p.linked, p.moves = k, p.moves+1
	}
	return s.Version + p.moves
}

// appendLink is the playback part's body, nil when there is nothing to say.
func (p *Playback) appendLink() []byte {
	if !p.stepping && !p.pinned && p.speed == 0 && p.cell == (teach.Cell{}) {
		return nil
	}
	flags := byte(0)
	if p.stepping {
		flags |= linkStepping
	}
	if p.pinned {
		flags |= linkPinned
	}
	speed := slices.Index(Speeds, p.speed)
	if speed < 0 {
		speed = slices.Index(Speeds, DefaultSpeed)
	}
	b := appendCell([]byte{flags, byte(speed)}, p.cell)
	if p.pinned {
		b = appendCell(b, p.pin)
	}
	return b
}

func appendCell(b []byte, c teach.Cell) []byte {
	for _, v := range []int{c.Map, c.OY, c.OX} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	return b
}

// parseLink reads and range-checks a playback part.
func parseLink(r *reader) (*Playback, error) {
	flags, speed := r.u8(), int(r.u8())
	if r.err != nil {
		return nil, nil
	}
	if flags&^(linkStepping|linkPinned) != 0 || speed >= len(Speeds) {
		return nil, fmt.Errorf("playback: unknown flags %d or speed %d", flags, speed)
	}
	p := &Playback{stepping: flags&linkStepping != 0, pinned: flags&linkPinned != 0}
	if Speeds[speed] != DefaultSpeed {
		p.speed = Speeds[speed]
	}
	var err error
	if p.cell, err = parseCell(r); err != nil || !p.pinned {
		return p, err
	}
	p.pin, err = parseCell(r)
	return p, err
}

func parseCell(r *reader) (teach.Cell, error) {
	var v [3]int
	for i := range v {
		v[i] = int(min(r.uvarint(), math.MaxInt32))
	}
	if r.err == nil && (v[0] >= MaxOut || v[1] > maxLinkCell || v[2] > maxLinkCell) {
		return teach.Cell{}, fmt.Errorf("playback: cell (%d, %d, %d) is out of range", v[0], v[1], v[2])
	}
	return teach.Cell{Map: v[0], OY: v[1], OX: v[2]}, nil
}

// applyLink installs a link's playback (nil: the link has none), paused.
func (s *State) applyLink(p *Playback) {
	old := s.Player
	s.Player = Playback{}
	if p != nil {
		s.Player = *p
	}
	s.Player.s, s.Player.playing, s.Player.seen, s.Player.never = s, false, s.Version, old.never
	s.Player.linked, s.Player.moves = old.linked, old.moves // LinkVersion never goes back
}
