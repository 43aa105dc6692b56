package state

import (
	"convplayground/game/teach"
	"strings"
	"testing"
)

// A link opens on the same step, paused, with the speed and the pinned
// cell; playback as a new playground has it adds nothing to the code.
func TestLinkPlayback(t *testing.T) {
	s := fresh(t)
	plain := s.Share.Encode()
	s.Player.SetPlayMap(3)
	s.Player.Scrub(5*28 + 7)
	s.Player.SetSpeed(30)
	s.Player.Play()
	s.Player.Pin(teach.Cell{Map: 6, OY: 27, OX: 1}) // pauses, the window on the pinned cell
	code := s.Share.Encode()
	if code == plain {
		t.Fatal("playback is not in the code")
	}
	d := fresh(t)
	if err := d.Share.Decode(code); err != nil {
		t.Fatal(err)
	}
	d.Recompute()
	var f StepFrame
	d.Player.StepFrame(&f)
	if !f.Stepping || f.Playing || f.Cell != (teach.Cell{Map: 6, OY: 27, OX: 1}) || f.Speed != 30 {
		t.Errorf("link opens on %+v (stepping %v playing %v speed %d)", f.Cell, f.Stepping, f.Playing, f.Speed)
	}
	if c, ok := d.Player.Pinned(); !ok || c != (teach.Cell{Map: 6, OY: 27, OX: 1}) {
		t.Errorf("pinned %v %v", c, ok)
	}
	if d.Share.Encode() != s.Share.Encode() {
		t.Error("the loaded link encodes differently")
	}
	// An old link (no trailer) resets playback.
	if err := d.Share.Decode(plain); err != nil {
		t.Fatal(err)
	}
	if d.Player.StepFrame(&f); f.Stepping || f.Speed != DefaultSpeed {
		t.Errorf("an old link keeps playback: %+v", f)
	}
	if _, ok := d.Player.Pinned(); ok || d.Share.Encode() != plain {
		t.Error("an old link keeps the pin or encodes differently")
	}
}

// Malformed playback parts are refused with a message, nothing changed.
func TestLinkPlaybackRefused(t *testing.T) {
	s := fresh(t)
	good := record(t, s)
	part := func(tag byte, body ...byte) string {
		r := append(append([]byte(nil), good...), tag, byte(len(body)))
		return pack(append(r, body...))
	}
	for _, c := range []struct{ name, code, want string }{
		{"unknown tag", part(7, 1, 2), "does not know (tag 7)"},
		{"twice", pack(append(append(append([]byte(nil), good...), 1, 5, 1, 1, 0, 0, 0), 1, 5, 1, 1, 0, 0, 0)), "comes twice"},
		{"flags", part(1, 4, 0, 0, 0, 0), "unknown flags 4"},
		{"speed", part(1, 1, 3, 0, 0, 0), "speed 3"},
		{"map", part(1, 1, 0, 20, 0, 0), "cell (20, 0, 0) is out of range"},
		{"pin missing", part(1, 3, 0, 0, 0, 0), "damaged"},
		{"body longer than the code", pack(append(append([]byte(nil), good...), 1, 9, 1)), "cut short"},
		{"extra bytes in the part", part(1, 1, 0, 0, 0, 0, 0), "1 unexpected bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := s.Share.Encode()
			err := s.Share.Decode(c.code)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Decode = %v, want %q", err, c.want)
			}
			if s.Share.Encode() != before {
				t.Error("a refused code changed the state")
			}
		})
	}
	if err := s.Share.Decode(part(1, 1, 2, 0, 3, 4)); err != nil {
		t.Fatalf("a good part: %v", err)
	}
	var f StepFrame
	s.Recompute()
	if s.Player.StepFrame(&f); f.Cell != (teach.Cell{Map: 0, OY: 3, OX: 4}) || f.Speed != 30 || !f.Stepping {
		t.Errorf("good part: %+v speed %d", f.Cell, f.Speed)
	}
}
