package state

import (
	"math"
	"testing"
)

// The channel breakdown sums to the layer's own map (conv.Forward) within
// the tolerance, for settings that exercise every path of the core.
func TestBreakdownSumsToForward(t *testing.T) {
	s := photoState(t)
	for s.OutChannels != 6 { // so that groups 3 is accepted
		s.Step(SetOut, -1)
	}
	s.Bank.SetWeight(1, 2, 1, 1, -0.75) // one channel of the gaussian edited
	for _, st := range [][]any{
		nil,
		{SetMode, +1},                  // reflect
		{SetDilation, +1, SetMode, +1}, // replicate, dilation 2
		{SetPadding, +2, SetMode, +1},  // 'same', circular
		{SetPadding, -3, SetStride, +1, SetKernel, -1}, // stride 2, k=4
		{SetGroups, +2}, // groups 3
	} {
		for i := 0; i < len(st); i += 2 {
			s.Step(st[i].(Setting), st[i+1].(int))
		}
		for o := 0; o < s.OutChannels; o++ {
			bd, err := s.Teach.Breakdown(o)
			if err != nil {
				t.Fatalf("%v: %v", s.Settings, err)
			}
			if !bd.OK || len(bd.Parts) != s.Bank.cpg() || len(bd.Out) != bd.H*bd.W {
				t.Fatalf("%v filter %d: max error %g, %d parts", s.Settings, o, bd.MaxErr, len(bd.Parts))
			}
			for i, v := range bd.Out {
				if d := math.Abs(float64(bd.Sum[i] - v)); d > 1e-5*max(1, math.Abs(float64(v))) {
					t.Fatalf("%v filter %d cell %d: sum %v, map %v", s.Settings, o, i, bd.Sum[i], v)
				}
			}
		}
	}
	if _, err := s.Teach.Breakdown(s.OutChannels); err == nil {
		t.Error("breakdown of a filter beyond out_channels")
	}
	s.Step(SetGroups, -1) // groups 2: rejected
	if _, err := s.Teach.Breakdown(0); err == nil || err.Error() != "in_channels must be divisible by groups" {
		t.Errorf("rejected layer: %v", err)
	}
}

// Identity on the RGB photo: each part is its channel times 1/3.
func TestBreakdownIdentityParts(t *testing.T) {
	s := photoState(t)
	bd, err := s.Teach.Breakdown(0)
	if err != nil {
		t.Fatal(err)
	}
	for c, part := range bd.Parts {
		if s.Bank.Weight(0, c, 2, 2) != float32(1)/3 {
			t.Fatalf("identity's centre on channel %d is %v, not 1/3", c, s.Bank.Weight(0, c, 2, 2))
		}
		for _, p := range [][2]int{{0, 0}, {10, 40}, {63, 5}} {
			want := s.InputValue(c, p[0], p[1]) * s.Bank.Weight(0, c, 2, 2)
			if got := part[p[0]*bd.W+p[1]]; got != want {
				t.Fatalf("part %d at %v = %v, want x/3 = %v", c, p, got, want)
			}
		}
	}
}

// The breakdown is kept until the next change, and follows it.
func TestBreakdownFollowsEdits(t *testing.T) {
	s := photoState(t)
	a, _ := s.Teach.Breakdown(1)
	if b, _ := s.Teach.Breakdown(1); &b.Sum[0] != &a.Sum[0] {
		t.Error("asked twice without a change: computed twice")
	}
	s.Bank.SetWeight(1, 2, 2, 2, 9) // the B kernel's centre
	b, _ := s.Teach.Breakdown(1)
	if !b.OK || equal(a.Parts[2], b.Parts[2]) || !equal(a.Parts[0], b.Parts[0]) {
		t.Error("an edit of B did not change (only) the B part")
	}
}
