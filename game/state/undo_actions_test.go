package state

import (
	"image"
	"image/color"
	"slices"
	"testing"

	"convplayground/game/preset"
)

// The actions that replace work are each one undo step that gives the
// work back (issue 20, item 4): a PNG dropped over a drawing, out_channels
// 8 → 1 → 8 over an edited filter, a preset and Learned/Preset filters
// over edited weights.
func TestUndoGivesWorkBack(t *testing.T) {
	edited := func(t *testing.T) *State {
		s := New()
		s.Recompute()
		s.Canvas[300], s.Canvas[301] = 1, 0.5
		s.Bank.SetWeight(5, 0, 1, 1, 0.75)
		return s
	}
	img := image.NewRGBA(image.Rect(0, 0, 20, 20))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(0, 0, color.Black)
	for _, c := range []struct {
		name  string
		steps int
		do    func(t *testing.T, s *State)
	}{
		{"a dropped PNG", 1, func(t *testing.T, s *State) {
			if err := s.Input.LoadImage("x.png", pngBytes(t, img)); err != nil {
				t.Fatal(err)
			}
		}},
		{"out_channels 8 → 1 → 8", 2, func(t *testing.T, s *State) {
			for range 7 {
				s.Step(SetOut, -1)
			}
			for range 7 {
				s.Step(SetOut, +1)
			}
		}},
		{"a preset over the edited filter", 1, func(t *testing.T, s *State) { s.Bank.SetPreset(5, preset.Identity) }},
		{"Learned filters", 1, func(t *testing.T, s *State) {
			if !s.Trained.LoadLearned() {
				t.Skip("no learned filters:", s.Notice)
			}
		}},
		{"Preset filters", 1, func(t *testing.T, s *State) { s.Bank.ResetBank() }},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := edited(t)
			canvas, w := s.Canvas, slices.Clone(s.Filters[5].W)
			c.do(t, s)
			undo, _ := s.History.Steps()
			for range undo {
				if s.Canvas == canvas && slices.Equal(s.Filters[5].W, w) {
					break
				}
				s.History.Undo()
			}
			if s.Canvas != canvas || !slices.Equal(s.Filters[5].W, w) {
				t.Errorf("undo (%d steps) does not give back the drawing and the edited filter 5: w %v, want %v", undo, s.Filters[5].W, w)
			}
		})
	}
}
