package state

import (
	"convplayground/game/preset"
	"math"
	"testing"

	"convplayground/conv"
)

// The common RGB example: Conv2d(3, 6, 5, 1, 2) on [1,3,64,64] → [1,6,64,64].
func TestPhotoShapes(t *testing.T) {
	s := fresh(t)
	s.Input.SetPhoto(true)
	s.Step(SetOut, -1)
	s.Step(SetOut, -1)
	s.Recompute()
	if s.Err != nil {
		t.Fatal(s.Err)
	}
	h := hookOf(t, s)
	if conv.FormatShape(h.Input) != "[1, 3, 64, 64]" || conv.FormatShape(h.Weight) != "[6, 3, 5, 5]" || conv.FormatShape(h.Output) != "[1, 6, 64, 64]" {
		t.Errorf("photo shapes %v %v %v", h.Input, h.Weight, h.Output)
	}
	if c := s.Export.Shapes().Counts; c.Params != 456 || c.Out != 6 || c.In != 3 || c.K != 5 {
		t.Errorf("counts %+v, want 6·3·5·5 + 6 = 456 params", c)
	}
	// The identity preset on three channels is the channels' mean.
	v, _ := s.Teach.OutValue(0, 40, 20)
	want := (s.InputValue(0, 40, 20) + s.InputValue(1, 40, 20) + s.InputValue(2, 40, 20)) / 3
	if math.Abs(float64(v-want)) > 1e-6 {
		t.Errorf("identity on RGB = %v, want the mean %v", v, want)
	}
	// Kaiming bounds follow fan_in = 3·5·5.
	bound := float32(preset.KaimingBound(75))
	for _, w := range s.Filters[7].W {
		if w < -bound || w > bound {
			t.Fatalf("kaiming weight %v outside ±%v for fan_in 75", w, bound)
		}
	}
	// The photo is not drawable, and picking a digit goes back to the drawing.
	canvas := s.Canvas
	s.Input.BeginStroke()
	s.Input.Stroke(1, 1, 20, 20, false)
	if s.Canvas != canvas || s.Notice == "" {
		t.Error("stroke on the photo should be refused with a notice")
	}
	s.Input.PickDigit(1)
	s.Recompute()
	if s.Photo || conv.FormatShape(s.Out.Shape) != "[1, 6, 28, 28]" || len(s.Filters[0].W) != 25 {
		t.Errorf("picking a digit: photo %v, output %v", s.Photo, s.Out.Shape)
	}
}

// Trained 1-channel filters on the RGB photo: PyTorch's channel-mismatch
// message, no maps (the last valid ones were of the digit); "Preset
// filters" fixes it.
func TestLearnedOnPhotoIsRejected(t *testing.T) {
	s := fresh(t)
	if err := s.Bank.LoadFilters(preset.Learned, conv.Zeros(20, 1, 5, 5), conv.Zeros(20)); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	s.Input.SetPhoto(true)
	s.Recompute()
	want := "Given groups=1, weight of size [20, 1, 5, 5], expected input[1, 3, 64, 64] to have 1 channels, but got 3 channels instead"
	if s.Err == nil || s.Err.Error() != want || s.Stale() {
		t.Fatalf("learned filters on the photo: %v", s.Err)
	}
	s.Bank.ResetBank()
	s.Recompute()
	if s.Err != nil || conv.FormatShape(s.Out.Shape) != "[1, 20, 64, 64]" {
		t.Errorf("after preset filters: %v %v", s.Err, s.Out.Shape)
	}
}

// Edited filters survive a switch of input channels, spread over them.
func TestEditedFilterFollowsChannels(t *testing.T) {
	s := fresh(t)
	s.Bank.SetWeight(0, 0, 0, 0, 3)
	s.Input.SetPhoto(true)
	f := s.Filters[0]
	if len(f.W) != 75 || f.W[0] != 1 || f.W[25] != 1 || f.W[50] != 1 {
		t.Errorf("edited filter on 3 channels: %v %v %v (len %d)", f.W[0], f.W[25], f.W[50], len(f.W))
	}
	s.Input.SetPhoto(false)
	if len(s.Filters[0].W) != 25 || s.Filters[0].W[0] != 3 {
		t.Errorf("back to 1 channel: %v", s.Filters[0].W[0])
	}
}
