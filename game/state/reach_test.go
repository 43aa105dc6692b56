package state

import (
	"convplayground/game/teach"
	"testing"
)

// With stride 2 a corner weight touches every other pixel; a pixel of
// the drawing feeds the cells of every map; bad indices are refused.
func TestSharingState(t *testing.T) {
	s := withInput(t, 10, 12, func(t *Settings) { t.Kernel, t.Stride, t.Padding, t.OutChannels = 3, 2, 0, 4 })
	var wr teach.WeightReach
	if err := s.Teach.WeightReach(&wr, 1, 0, 0, 0); err != nil {
		t.Fatal(err)
	}
	// Outputs 4×5; weight (0,0) reads rows 0,2,4,6 and columns 0,2,..,8.
	if wr.Outputs != 20 || wr.Inside != 20 || wr.Count != 4*5 || !wr.Pixels[2*12+4] || wr.Pixels[1*12+4] {
		t.Errorf("stride 2 corner weight: %+v", wr)
	}
	var pr teach.PixelReach
	if err := s.Teach.PixelReach(&pr, 0, 4, 4); err != nil {
		t.Fatal(err)
	}
	// Row 4 is in windows 1 and 2 (rows 2..4, 4..6), as is column 4.
	if pr.MapFrom != 0 || pr.MapTo != 4 || pr.PerMap != 4 || pr.Count != 16 || !pr.Cells[1*5+2] {
		t.Errorf("pixel (4, 4): %+v", pr)
	}
	if s.Teach.WeightReach(&wr, 4, 0, 0, 0) == nil || s.Teach.WeightReach(&wr, 0, 0, 3, 0) == nil || s.Teach.PixelReach(&pr, 1, 0, 0) == nil || s.Teach.PixelReach(&pr, 0, 10, 0) == nil {
		t.Error("out-of-range weight or pixel: no error")
	}
}
