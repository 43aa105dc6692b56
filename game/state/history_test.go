package state

import (
	"convplayground/game/preset"
	"fmt"
	"testing"
)

// Every kind of action is one undo step, undone and redone to the same
// playground: a setting, a weight drag (one step however many moves), the
// bias, a preset, the learned set, Depthwise, the batch, groups, an example,
// the input.
func TestHistoryEveryAction(t *testing.T) {
	s := fresh(t)
	type act struct {
		do   func()
		undo string // the Undo label after it
	}
	for i, a := range []act{
		{func() { s.Step(SetStride, +1) }, "Undo: stride 2 → 1"},
		{func() {
			s.History.Gesture(true)
			for _, v := range []float64{0.1, 0.2, 0.3} {
				s.Bank.SetWeight(0, 0, 2, 2, v)
			}
			s.History.Gesture(false)
		}, "Undo: w[0, 0, 2, 2] 0.3 → 1"},
		{func() { s.Bank.SetBias(1, 0.5) }, "Undo: b[1] 0.5 → 0"},
		{func() { s.Bank.SetPreset(2, preset.BoxBlur) }, "Undo: filter 2 box blur → sobel x"},
		{func() { s.Input.SetNormalize(true) }, "Undo: input scaling [-1, 1] → [0, 1]"},
		{func() { s.Step(SetBatch, +1) }, "Undo: batch 2 → 1"},
		{func() { s.Trained.LoadLearned() }, "Undo: Learned filters"},
		{func() { s.Bank.ResetBank() }, "Undo: Preset filters"},
		{func() { s.Input.SetPhoto(true) }, "Undo: input photo → drawing"},
		{func() { s.Bank.Depthwise() }, "Undo: Depthwise"},
		{func() { s.Step(SetGroups, -1) }, "Undo: groups 2 → 3"},
		{func() { s.LoadExample(1) }, "Undo: " + Examples[1].Name},
		{func() { s.Input.PickDigit(7) }, "Undo: MNIST digit #7"},
		{func() { s.Input.BeginStroke(); s.Input.Stroke(3, 3, 20, 20, false) }, "Undo: stroke"},
		{func() { s.Input.Clear() }, "Undo: clear"},
	} {
		before, n := whole(s), len(s.History.undo)
		a.do()
		after := whole(s)
		if got := s.History.UndoLabel(); got != a.undo || len(s.History.undo) != n+1 || after == before {
			t.Fatalf("action %d: %d steps (was %d), label %q, want %q", i, len(s.History.undo), n, got, a.undo)
		}
		if !s.History.Undo() || whole(s) != before {
			t.Fatalf("action %d (%s): undo did not restore\n%s\nwant\n%s", i, a.undo, whole(s), before)
		}
		if !s.History.Redo() || whole(s) != after {
			t.Fatalf("action %d (%s): redo did not restore\n%s\nwant\n%s", i, a.undo, whole(s), after)
		}
	}
}

// Undo and Redo walk the history both ways; a new action forgets the
// redo list; both lists are bounded; with nothing to do, a notice.
func TestHistoryUndoRedo(t *testing.T) {
	s := fresh(t)
	if s.History.Redo() || s.Notice != "nothing to redo" || s.History.RedoLabel() != "" {
		t.Errorf("redo of nothing: notice %q", s.Notice)
	}
	s.Step(SetStride, +1)
	s.Step(SetKernel, -1)
	s.History.Undo()
	s.History.Undo()
	if s.Stride != 1 || s.Kernel != 5 || s.History.RedoLabel() != "Redo: stride 1 → 2" {
		t.Fatalf("after two undos: stride %d kernel %d, redo %q", s.Stride, s.Kernel, s.History.RedoLabel())
	}
	s.History.Redo()
	if s.Stride != 2 || s.Kernel != 5 || s.History.RedoLabel() != "Redo: kernel_size 5 → 4" || s.History.UndoLabel() != "Undo: stride 2 → 1" {
		t.Fatalf("after a redo: stride %d kernel %d, undo %q redo %q", s.Stride, s.Kernel, s.History.UndoLabel(), s.History.RedoLabel())
	}
	s.Step(SetDilation, +1)
	if u, r := s.History.Steps(); u != 2 || r != 0 {
		t.Errorf("a new action: %d undo and %d redo steps, want 2 and 0", u, r)
	}
	for i := range 3 * maxUndo {
		s.Step(SetOut, 1-2*(i%2))
	}
	for s.History.Undo() {
	}
	if u, r := s.History.Steps(); u != 0 || r != maxUndo {
		t.Errorf("history of %d actions undone: %d undo and %d redo steps, want 0 and %d", 3*maxUndo, u, r, maxUndo)
	}
	// Two drags of one weight are two steps; keys between them are steps too.
	s = fresh(t)
	for range 2 {
		s.History.Gesture(true)
		s.Bank.SetWeight(0, 0, 0, 0, 1)
		s.Bank.SetWeight(0, 0, 0, 0, 2)
		s.History.Gesture(false)
	}
	s.Bank.SetWeight(0, 0, 0, 0, 3)
	s.Bank.SetWeight(0, 0, 0, 0, 4)
	if u, _ := s.History.Steps(); u != 4 {
		t.Errorf("two drags and two typed values: %d steps, want 4", u)
	}
}

// The camera's frames are one step: the first one.
func TestHistoryCamera(t *testing.T) {
	s := fresh(t)
	frame := make([]byte, 4*8*6)
	for i := range 3 {
		frame[0] = byte(i)
		if err := s.Input.SetCameraFrame(frame, 8, 6); err != nil {
			t.Fatal(err)
		}
	}
	if u, _ := s.History.Steps(); u != 1 || s.History.UndoLabel() != "Undo: camera" {
		t.Fatalf("three frames: %d steps (%q), want one", u, s.History.UndoLabel())
	}
	if !s.History.Undo() || s.Photo || fmt.Sprint(s.InputShape()) != "[1 1 28 28]" {
		t.Errorf("undo of the camera: photo %v, input %v", s.Photo, s.InputShape())
	}
}
