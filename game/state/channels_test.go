package state

import (
	"math"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
)

// photoState is the RGB photo with the default preset bank.
func photoState(t *testing.T) *State {
	t.Helper()
	s := fresh(t)
	s.Input.SetPhoto(true)
	s.Recompute()
	if s.Err != nil {
		t.Fatal(s.Err)
	}
	return s
}

// An edit on the RGB input changes one channel's kernel only, and the
// layer computes with it (checked against the conv core).
func TestPerChannelEdit(t *testing.T) {
	s := photoState(t)
	before := slices.Clone(s.Filters[1].W)
	if !s.Bank.SetWeight(1, 1, 2, 3, 5) {
		t.Fatal(s.Notice)
	}
	for i, v := range s.Filters[1].W {
		want := before[i]
		if i == 25+2*5+3 {
			want = 5
		}
		if v != want {
			t.Fatalf("weight %d = %v, want %v (only [1, 1, 2, 3] edited)", i, v, want)
		}
	}
	if s.Bank.Weight(1, 1, 2, 3) != 5 || s.Bank.Weight(1, 0, 2, 3) == 5 {
		t.Error("Weight does not read the edited channel")
	}
	if s.Bank.SetWeight(1, 3, 0, 0, 1) || !strings.Contains(s.Notice, "[1, 3, 0, 0]") {
		t.Errorf("channel 3 of an RGB weight accepted (notice %q)", s.Notice)
	}
	checkForward(t, s)
}

// checkForward recomputes s and compares its maps with conv.Forward on the
// same tensors, built here from the public accessors.
func checkForward(t *testing.T, s *State) {
	t.Helper()
	s.Recompute()
	if s.Err != nil {
		t.Fatal(s.Err)
	}
	x := conv.Zeros(s.InputShape()...)
	for n := 0; n < s.Input.N(); n++ {
		for c := 0; c < s.C(); c++ {
			for y := 0; y < s.H(); y++ {
				for xx := 0; xx < s.W(); xx++ {
					x.Set(s.Input.SampleValue(n, c, y, xx), n, c, y, xx)
				}
			}
		}
	}
	ws := s.Bank.WeightShape()
	w, b := conv.Zeros(ws...), conv.Zeros(ws[0])
	for o := 0; o < ws[0]; o++ {
		for c := 0; c < ws[1]; c++ {
			for ky := 0; ky < ws[2]; ky++ {
				for kx := 0; kx < ws[3]; kx++ {
					w.Set(s.Bank.Weight(o, c, ky, kx), o, c, ky, kx)
				}
			}
		}
		b.Data[o] = s.Filters[o].B
	}
	y, err := conv.Forward(s.Conv2d(), x, w, b)
	if err != nil {
		t.Fatal(err)
	}
	if !equal(y.Data, s.Out.Data) {
		t.Error("the playground's maps differ from conv.Forward on its tensors")
	}
}

func TestChannelNotes(t *testing.T) {
	s := photoState(t)
	for _, c := range []struct {
		o    int
		want string
	}{
		{1, "same kernel on R, G, B, divided by 3"}, // gaussian
		{7, "each channel drawn independently"},     // kaiming
	} {
		if got := s.Bank.Channels(c.o); got.Note != c.want || !slices.Equal(got.Inputs, []int{0, 1, 2}) {
			t.Errorf("filter %d: %+v, want note %q", c.o, got, c.want)
		}
	}
	// Kaiming: every channel its own draw, within ±1/√(3·5·5).
	k := s.Filters[7]
	if s.Bank.Channels(7).Same || equal(k.W[:25], k.W[25:50]) {
		t.Error("kaiming channels are copies")
	}
	bound := float32(1 / math.Sqrt(75))
	for _, v := range append(slices.Clone(k.W), k.B) {
		if v < -bound || v > bound {
			t.Fatalf("kaiming value %v outside ±%v (fan_in 75)", v, bound)
		}
	}
	s.Bank.SetBias(1, 0.5) // the kernels are still the preset's
	if got := s.Bank.Channels(1).Note; got != "same kernel on R, G, B, divided by 3" {
		t.Errorf("bias edited: %q", got)
	}
	s.Bank.SetWeight(1, 1, 0, 0, 0.5)
	if got := s.Bank.Channels(1); got.Note != "a different kernel on each of R, G, B; edited on G" || !slices.Equal(got.Edited, []int{1}) {
		t.Errorf("after editing G: %+v", got)
	}
	// An edited 1-channel filter spread over RGB: the same numbers on each,
	// no longer "the preset divided by 3".
	d := fresh(t)
	d.Bank.SetWeight(0, 0, 0, 0, 3)
	d.Input.SetPhoto(true)
	if got := d.Bank.Channels(0).Note; got != "same kernel on R, G, B; edited on R, G, B" {
		t.Errorf("spread edit: %q", got)
	}
	if fresh(t).Bank.Channels(0).Note != "" {
		t.Error("a one-channel input has a channel note")
	}
}

// Kernel 5→3→5 (and 5→7→5) restores learned and edited filters bit for
// bit; the smaller kernel is the centre, the bigger one zero-padded.
func TestKernelSizeKeepsFilters(t *testing.T) {
	s := fresh(t)
	if !s.Trained.LoadLearned() {
		t.Skip(s.Notice)
	}
	s.Bank.SetWeight(3, 0, 0, 4, -1.25) // a corner: outside the 3×3 centre
	s.Bank.SetBias(5, 0.75)
	want := make([][]float32, MaxOut)
	for i := range want {
		want[i] = slices.Clone(s.Filters[i].W)
	}
	s.Step(SetKernel, -1)
	s.Step(SetKernel, -1)
	for ky := 0; ky < 3; ky++ {
		for kx := 0; kx < 3; kx++ {
			if s.Bank.Weight(0, 0, ky, kx) != want[0][(ky+1)*5+kx+1] {
				t.Fatalf("k=3 (%d,%d) is not the centre of the learned 5×5", ky, kx)
			}
		}
	}
	checkForward(t, s)
	s.Step(SetKernel, +1)
	s.Step(SetKernel, +1)
	s.Step(SetKernel, +1)
	s.Step(SetKernel, +1)
	if s.Bank.Weight(3, 0, 0, 0) != 0 || s.Bank.Weight(3, 0, 1, 5) != -1.25 {
		t.Errorf("k=7: ring not zero or edit not shifted: %v", s.Filters[3].W)
	}
	s.Step(SetKernel, -1)
	s.Step(SetKernel, -1)
	for i := range want {
		if !slices.EqualFunc(s.Filters[i].W, want[i], func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) }) {
			t.Errorf("filter %d not restored bit for bit after 5→3→7→5", i)
		}
	}
	if s.Filters[5].B != 0.75 {
		t.Error("edited bias lost")
	}
}
