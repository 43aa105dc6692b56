package state

import (
	"convplayground/game/preset"
	"fmt"
	"slices"
	"testing"
)

// Each example sets exactly the lesson's shapes and formula.
func TestExamples(t *testing.T) {
	for _, c := range []struct {
		i                           int
		name                        string
		input, weight, bias, output []int
		formula                     string
	}{
		{0, "RGB 3x64x64 → 6 filters, k=5, p=2", []int{1, 3, 64, 64}, []int{6, 3, 5, 5}, []int{6}, []int{1, 6, 64, 64}, "(64 − 5 + 2·2)/1 + 1 = 64"},
		{1, "MNIST batch [16,1,28,28] → Conv2d(1,20,5,1,2)", []int{16, 1, 28, 28}, []int{20, 1, 5, 5}, []int{20}, []int{16, 20, 28, 28}, "(28 − 5 + 2·2)/1 + 1 = 28"},
	} {
		s := fresh(t)
		s.Step(SetKernel, -1) // something for the example to undo
		s.Step(SetStride, +1)
		if Examples[c.i].Name != c.name || !s.LoadExample(c.i) {
			t.Fatalf("example %d: %q (%s)", c.i, Examples[c.i].Name, s.Notice)
		}
		l := layerOf(s)
		got := fmt.Sprint(l.Input, l.Weight, l.Bias, l.Output, l.Err)
		if want := fmt.Sprint(c.input, c.weight, c.bias, c.output, nil); got != want {
			t.Errorf("%s: %s, want %s", c.name, got, want)
		}
		if l.Formula != [2]string{c.formula, c.formula} {
			t.Errorf("%s: formula %q, want %q", c.name, l.Formula, c.formula)
		}
		s.Recompute()
		if s.Err != nil || !slices.Equal(s.Out.Shape[1:], c.output[1:]) {
			t.Errorf("%s: computed %v, %v", c.name, s.Err, s.Out.Shape)
		}
		checkForward(t, s)
	}
	s := fresh(t)
	if s.LoadExample(2) || s.Notice == "" {
		t.Error("example 2 loaded silently")
	}
}

// The six RGB filters are PyTorch's default init: three different kernels
// each, and six different filters.
func TestRGBExampleFilters(t *testing.T) {
	s := fresh(t)
	s.LoadExample(0)
	for o := 0; o < 6; o++ {
		ch := s.Bank.Channels(o)
		if s.Filters[o].Preset != preset.Kaiming || ch.Same || ch.Note != "each channel drawn independently" {
			t.Errorf("filter %d: %s, %+v", o, s.Filters[o].Preset, ch)
		}
		if o > 0 && equal(s.Filters[o].W, s.Filters[o-1].W) {
			t.Errorf("filters %d and %d are the same", o-1, o)
		}
	}
}

// whole is everything an example may change, to compare states.
func whole(s *State) string {
	fs := s.Filters
	for i := range fs {
		fs[i].store = slices.Clone(fs[i].store)
	}
	return fmt.Sprintf("%+v %v %d %q %v %v %q %d %d %+v", s.Settings, s.Canvas, s.Digit, s.CanvasName,
		s.Photo, s.photoDims, s.PhotoName, s.bankCin, s.Seed, fs)
}

// Undo after an example puts back the whole playground, also after
// several examples and with canvas steps in between.
func TestExampleUndo(t *testing.T) {
	s := fresh(t)
	s.Input.PickDigit(4)
	s.Step(SetKernel, -2)
	s.Step(SetPadding, +1)
	s.Bank.SetWeight(2, 0, 1, 1, 0.5)
	s.Bank.SetBias(3, -0.25)
	s.Input.SetPhoto(true)
	s.Step(SetGroups, +2) // groups 3
	before := whole(s)
	s.Recompute()
	errBefore := fmt.Sprint(s.Err) // groups 3 with 8 filters: rejected
	s.LoadExample(1)
	mid := whole(s)
	s.Input.Stroke(3, 3, 20, 20, false) // no BeginStroke: not an undo step
	s.Input.BeginStroke()
	s.Input.Stroke(3, 20, 20, 3, false)
	s.LoadExample(0)
	if !s.History.Undo() || whole(s) == mid {
		t.Fatal("undo of the RGB example")
	}
	s.History.Undo() // the stroke
	s.History.Undo() // the MNIST example
	if got := whole(s); got != before {
		t.Errorf("after undoing the examples:\n%s\nwant\n%s", got, before)
	}
	s.Recompute()
	if fmt.Sprint(s.Err) != errBefore || errBefore != "out_channels must be divisible by groups" {
		t.Errorf("restored layer: %v, before %s", s.Err, errBefore)
	}
	// Each action before the examples is a step of its own: the groups,
	// the photo, the bias, the weight, the padding, the kernel, the digit
	// pick; then nothing.
	for i, want := range []string{"Undo: groups 3 → 1", "Undo: input photo → drawing", "Undo: b[3] -0.25 → 0",
		"Undo: w[2, 0, 1, 1] 0.5 → 0", "Undo: padding 3 → 2", "Undo: kernel_size 3 → 5", "Undo: MNIST digit #4"} {
		if got := s.History.UndoLabel(); got != want || !s.History.Undo() {
			t.Fatalf("undo %d: %q, want %q", i, got, want)
		}
	}
	if s.History.UndoLabel() != "" || s.History.Undo() || s.Canvas != (Canvas{}) {
		t.Error("undo beyond the digit pick")
	}
}
