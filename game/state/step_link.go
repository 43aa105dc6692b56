package state

import (
	"convplayground/game/link"
	"convplayground/game/teach"
	"slices"
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
func (sh *Share) LinkVersion() uint64 {
	s := sh.s
	p := &s.Player
	if k := (linkKey{p.cell, p.pin, p.stepping, p.pinned, p.speed}); k != p.linked {
		p.linked, p.moves = k, p.moves+1
	}
	return s.Version + p.moves
}

// link is playback as a link carries it, nil while it is as a new
// session has it.
func (pb *Playback) link() *link.Playback {
	if !pb.stepping && !pb.pinned && pb.speed == 0 && pb.cell == (teach.Cell{}) {
		return nil
	}
	speed := slices.Index(Speeds, pb.speed)
	if speed < 0 {
		speed = slices.Index(Speeds, DefaultSpeed)
	}
	cell := func(c teach.Cell) [3]int { return [3]int{c.Map, c.OY, c.OX} }
	return &link.Playback{Stepping: pb.stepping, Pinned: pb.pinned, Speed: speed, Cell: cell(pb.cell), Pin: cell(pb.pin)}
}

// applyLink installs a link's playback (nil: the link has none), paused.
func (sh *Share) applyLink(p *link.Playback) {
	s := sh.s
	old := s.Player
	s.Player = Playback{}
	if p != nil {
		cell := func(v [3]int) teach.Cell { return teach.Cell{Map: v[0], OY: v[1], OX: v[2]} }
		s.Player = Playback{stepping: p.Stepping, pinned: p.Pinned, cell: cell(p.Cell), pin: cell(p.Pin)}
		if Speeds[p.Speed] != DefaultSpeed {
			s.Player.speed = Speeds[p.Speed]
		}
	}
	s.Player.s, s.Player.playing, s.Player.seen, s.Player.never = s, false, s.Version, old.never
	s.Player.linked, s.Player.moves = old.linked, old.moves // LinkVersion never goes back
}
