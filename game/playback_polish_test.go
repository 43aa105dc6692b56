package game

import (
	"testing"

	"convplayground/game/state"
)

// The frame after a scrub shows the step the slider was dragged to (issue
// 20, item 5: the hook said 473 while the strip showed 100).
func TestScrubDrawsItsStep(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	sl := panelOf[*stepper](g).slider
	y := sl.Y + sl.H/2
	pointerAt(g, sl.X+sl.W*0.1, y, true)
	frame(t, g, img)
	pointerAt(g, sl.X+sl.W*0.6, y, true)
	frame(t, g, img)
	var f state.StepFrame
	g.st.Player.StepFrame(&f)
	want := f.Index
	if got := panelOf[*stepper](g).frame.Index; got != want || want < 400 {
		t.Errorf("after dragging the slider to 60 %%: the strip shows step %d, the player is at %d", got, want)
	}
}
