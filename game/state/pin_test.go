package state

import (
	"testing"

	"convplayground/game/teach"
)

// Explain and playback agree (issue 20, item 6): pinning pauses playback
// and puts the window on the pinned cell; moving the window unpins, so
// the arithmetic and the window are always the same cell.
func TestPinAndPlaybackAgree(t *testing.T) {
	s := New()
	s.Input.PickDigit(0)
	s.Recompute()
	pb := &s.Player
	pb.Play()
	pb.Tick(1)
	c := teach.Cell{Map: 0, OY: 20, OX: 5}
	if !pb.Pin(c) {
		t.Fatal("pin refused")
	}
	var f StepFrame
	pb.StepFrame(&f)
	if pb.Playing() || f.Cell != c {
		t.Errorf("pinned while playing: playing %v, window at %+v; want paused at %+v", pb.Playing(), f.Cell, c)
	}
	if e, _ := pb.ExplainedCell(); e != c {
		t.Errorf("explained %+v, want the pinned %+v", e, c)
	}
	for name, move := range map[string]func() bool{
		"play":  pb.Play,
		"step":  func() bool { return pb.StepBy(1) },
		"scrub": func() bool { return pb.Scrub(3) },
		"end":   pb.JumpToEnd,
	} {
		pb.Pin(c)
		move()
		pb.StepFrame(&f)
		if e, ok := pb.ExplainedCell(); !ok || e != f.Cell {
			t.Errorf("%s after a pin: explained %+v, window %+v", name, e, f.Cell)
		}
	}
}
