package state

import (
	"convplayground/game/teach"
	"math/rand/v2"
	"strings"
	"testing"
)

// withInput is a playground on a random 1×h×w input (a dropped .npy) with
// the given settings, recomputed.
func withInput(t testing.TB, h, w int, set func(*Settings)) *State {
	t.Helper()
	s := New()
	r := rand.New(rand.NewPCG(uint64(h), uint64(w)))
	px := make([]float32, h*w)
	for i := range px {
		px[i] = r.Float32()
	}
	s.Input.setPhotoData("test.npy", px, [3]int{1, h, w})
	st := s.Settings
	set(&st)
	s.apply(st)
	s.Recompute()
	if s.Err != nil {
		t.Fatalf("%+v: %v", st, s.Err)
	}
	return s
}

// Playback visits every cell once, row-major, at one cell per 1/speed
// seconds; each window is conv's, stride apart from the last, and the total
// is the floor formula's, on non-square inputs with stride 1..4 and
// dilation 1..3.
func TestStepOrder(t *testing.T) {
	for stride := 1; stride <= 4; stride++ {
		for dil := 1; dil <= 3; dil++ {
			h, w, k, pad := 19, 26, 3, 1
			s := withInput(t, h, w, func(t *Settings) { t.Stride, t.Dilation, t.Kernel, t.Padding = stride, dil, k, pad })
			hout, wout := (h+2*pad-dil*(k-1)-1)/stride+1, (w+2*pad-dil*(k-1)-1)/stride+1
			s.Player.SetPlayMap(2)
			if !s.Player.Play() {
				t.Fatal("Play refused")
			}
			var f StepFrame
			for i := 0; i < hout*wout; i++ {
				s.Player.StepFrame(&f)
				want := teach.Cell{Map: 2, OY: i / wout, OX: i % wout}
				if f.Cell != want || f.Index != i || f.Total != hout*wout || f.Done != i+1 || !f.Stepping {
					t.Fatalf("s=%d d=%d step %d: %+v, want %v of %d", stride, dil, i, f.Cell, want, hout*wout)
				}
				win, _ := s.Geom.Window(want.OY, want.OX)
				for j, tap := range f.Taps {
					if tap.Tap != win.Taps[j] || tap.PY != want.OY*stride+tap.KY*dil || tap.PX != want.OX*stride+tap.KX*dil {
						t.Fatalf("s=%d d=%d cell %v: tap %+v, conv %+v", stride, dil, want, tap, win.Taps[j])
					}
				}
				if f.Playing != (i < hout*wout-1) {
					t.Fatalf("step %d of %d: playing %v", i, hout*wout, f.Playing)
				}
				s.Player.Tick(1 / float64(DefaultSpeed))
			}
			if s.Player.Playing() || f.Done != f.Total {
				t.Errorf("s=%d d=%d: at the end playing %v, %d of %d done", stride, dil, s.Player.Playing(), f.Done, f.Total)
			}
		}
	}
}

// Tick follows the speed; the end stops; Play from the end starts over;
// step and scrub clamp; StopStepping makes the maps whole.
func TestStepControls(t *testing.T) {
	s := fresh(t) // 28×28 output
	if s.Player.SetSpeed(7) || !s.Player.SetSpeed(30) {
		t.Fatal("SetSpeed accepts only Speeds")
	}
	s.Player.Play()
	if s.Player.Tick(0.02) || !s.Player.Tick(0.02) { // 0.6 then 1.2 cells
		t.Error("Tick(0.02) twice at 30/s: want no step, then one")
	}
	var f StepFrame
	s.Player.StepFrame(&f)
	if f.Index != 1 {
		t.Errorf("index %d after 0.04 s at 30/s", f.Index)
	}
	s.Player.Tick(1)
	if s.Player.StepFrame(&f); f.Index != 31 {
		t.Errorf("index %d after 1 s more", f.Index)
	}
	s.Player.StepBy(-1)
	if s.Player.StepFrame(&f); f.Index != 30 || f.Playing {
		t.Errorf("step back: %+v", f.Cell)
	}
	s.Player.Scrub(10_000)
	if s.Player.StepFrame(&f); f.Index != 28*28-1 || f.Done != f.Total {
		t.Errorf("scrub past the end: index %d done %d", f.Index, f.Done)
	}
	s.Player.Play()
	if s.Player.StepFrame(&f); f.Index != 0 || !f.Playing {
		t.Errorf("Play at the end: index %d, playing %v", f.Index, f.Playing)
	}
	s.Player.JumpToEnd()
	if s.Player.StepFrame(&f); f.Index != f.Total-1 || f.Playing || s.Player.Tick(1) {
		t.Errorf("jump to end: %+v", f)
	}
	stopStepping(s)
	if s.Player.StepFrame(&f); f.Stepping || f.Done != f.Total || len(f.Taps)+len(f.Trail) != 0 {
		t.Errorf("stopped: %+v", f)
	}
	s.Player.StepBy(-1) // from not stepping, back is the last cell
	if s.Player.StepFrame(&f); f.Index != f.Total-1 {
		t.Errorf("step back into stepping: index %d", f.Index)
	}
	if s.Player.TogglePlay(); !s.Player.Playing() || s.Player.TogglePlay() || s.Player.Playing() {
		t.Error("toggle")
	}
}

// Drawing, a weight, a setting pause where playback is; Play resumes from
// the same cell, clamped when the output shrank; a rejected setting stops
// it with PyTorch's message and keeps the position.
func TestStepPauseOnEdit(t *testing.T) {
	s := fresh(t)
	var f StepFrame
	for _, edit := range []struct {
		name string
		do   func()
	}{
		{"stroke", func() { s.Input.Stroke(3, 3, 20, 20, false) }},
		{"weight", func() { s.Bank.SetWeight(0, 0, 1, 1, 0.5) }},
		{"setting", func() { s.Step(SetOut, -1) }},
	} {
		s.Player.Scrub(100)
		s.Player.Play()
		s.Player.Tick(0.5) // 4 cells at 8/s
		edit.do()
		if s.Player.Tick(1); s.Player.Playing() {
			t.Fatalf("%s: still playing", edit.name)
		}
		if s.Player.StepFrame(&f); f.Index != 104 {
			t.Fatalf("%s: moved to %d", edit.name, f.Index)
		}
		s.Player.Play()
		if s.Player.StepFrame(&f); f.Index != 104 || !f.Playing {
			t.Fatalf("%s: resumed at %d, playing %v", edit.name, f.Index, f.Playing)
		}
	}
	s.Player.Scrub(27*28 + 5) // cell (27, 5)
	s.Step(SetStride, +1)
	s.Player.Play() // 14×14 now: (27, 5) clamps to (13, 5)
	if s.Player.StepFrame(&f); f.Cell.OY != 13 || f.Cell.OX != 5 || f.Total != 196 {
		t.Errorf("stride 2: resumed at %+v of %d", f.Cell, f.Total)
	}
	s.Player.Scrub(50)
	s.Step(SetStride, -1)
	s.Step(SetStride, -1) // stride 0: rejected
	if s.Player.Play() || s.Player.Playing() || s.Err == nil || !strings.Contains(s.Err.Error(), "non-positive stride is not supported") {
		t.Errorf("rejected setting: playing %v, err %v", s.Player.Playing(), s.Err)
	}
	if s.Player.StepFrame(&f); f.Index != 50 {
		t.Errorf("rejected setting moved playback to %d", f.Index)
	}
	s.Step(SetStride, +1)
	if !s.Player.Play() {
		t.Error("Play refused after the setting was fixed")
	}
}

// The trail is exactly the pixels read, directly or through a padding
// copy, by the cells up to the current one (brute force over conv's
// windows), for every mode, at every position.
func TestStepTrail(t *testing.T) {
	for _, mode := range Modes {
		s := withInput(t, 9, 13, func(t *Settings) {
			t.Kernel, t.Stride, t.Dilation, t.Padding, t.PaddingMode = 3, 2, 2, 2, mode
		})
		var f StepFrame
		read := make([]bool, 9*13)
		for i := 0; s.Player.Scrub(i) && i < s.Player.playTotal(); i++ {
			s.Player.StepFrame(&f)
			win, _ := s.Geom.Window(f.Cell.OY, f.Cell.OX)
			for _, tap := range win.Taps {
				if tap.SrcY >= 0 {
					read[tap.SrcY*13+tap.SrcX] = true
				}
			}
			for p := range read {
				if f.Trail[p] != read[p] {
					t.Fatalf("%s cell %d: trail at (%d, %d) is %v", mode, i, p/13, p%13, f.Trail[p])
				}
			}
		}
	}
}

// A playback frame allocates nothing once warm: a tick, the frame, the
// explanation of the stepped cell.
func TestStepNoAllocs(t *testing.T) {
	s := fresh(t)
	var f StepFrame
	var e teach.Explanation
	frame := func() {
		if !s.Player.Playing() {
			s.Player.Play()
		}
		s.Player.Tick(1.0 / 8)
		s.Player.StepFrame(&f)
		if c, ok := s.Player.ExplainedCell(); ok {
			s.Teach.ExplainCell(&e, c)
		}
		s.Teach.NeverRead()
	}
	frame()
	if n := testing.AllocsPerRun(200, frame); n != 0 {
		t.Errorf("%v allocations per playback frame", n)
	}
}

// BenchmarkPlaybackFrame is one step of playback as the view does it: a
// tick of one cell, the step frame (window, trail) and the arithmetic.
func BenchmarkPlaybackFrame(b *testing.B) {
	s := New()
	s.Recompute()
	s.Player.Play()
	var f StepFrame
	var e teach.Explanation
	b.ReportAllocs()
	for b.Loop() {
		if !s.Player.Playing() {
			s.Player.Play()
		}
		s.Player.Tick(1.0 / DefaultSpeed)
		s.Player.StepFrame(&f)
		c, _ := s.Player.ExplainedCell()
		if err := s.Teach.ExplainCell(&e, c); err != nil {
			b.Fatal(err)
		}
	}
}
