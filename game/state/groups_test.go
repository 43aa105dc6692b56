package state

import (
	"convplayground/game/preset"
	"fmt"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
)

// The groups stepper's values and PyTorch's verdict on each, from
// nn.Conv2d itself, for the inputs and out_channels a learner meets.
func TestGroupChoicesMatchPyTorch(t *testing.T) {
	var have []string
	var script strings.Builder
	script.WriteString("from torch import nn\n")
	for _, c := range []struct {
		photo bool
		out   int
	}{{true, 6}, {true, 8}, {false, 8}} {
		s := fresh(t)
		s.Input.SetPhoto(c.photo)
		for s.OutChannels != c.out {
			s.Step(SetOut, c.out-s.OutChannels)
		}
		got := groupChoices(s)
		if hi := max(s.C(), c.out); got[0].Groups != MinGroups || got[len(got)-1].Groups != hi {
			t.Errorf("stepper range %d..%d, want %d..%d", got[0].Groups, got[len(got)-1].Groups, MinGroups, hi)
		}
		for _, g := range got {
			have = append(have, strings.TrimSpace(fmt.Sprintf("%d %d %d %s", s.C(), c.out, g.Groups, g.Err)))
		}
		fmt.Fprintf(&script, `
for g in range(%d, %d):
    try:
        nn.Conv2d(%d, %d, 1, groups=g)
        print(%[3]d, %[4]d, g)
    except ValueError as e:
        print(%[3]d, %[4]d, g, e)
`, MinGroups, got[len(got)-1].Groups+1, s.C(), c.out)
	}
	want := strings.Split(strings.TrimSpace(string(python(t, script.String()))), "\n")
	for i := range want {
		want[i] = strings.TrimSpace(want[i])
	}
	if !slices.Equal(have, want) {
		t.Errorf("choices (in, out, groups, message)\n%q\nPyTorch\n%q", have, want)
	}
}

// Stepping groups on the photo with 6 filters: rejected values show
// PyTorch's message with the maps kept; groups 3 computes [6,1,5,5].
func TestGroupsStep(t *testing.T) {
	s := photoState(t)
	for s.OutChannels != 6 {
		s.Step(SetOut, -1)
	}
	for _, c := range []struct {
		d      int
		groups int
		err    string
	}{
		{+1, 2, "in_channels must be divisible by groups"},
		{+1, 3, ""},
		{+1, 4, "in_channels must be divisible by groups"},
		{-1, 3, ""},
		{-1, 2, "in_channels must be divisible by groups"},
		{-1, 1, ""},
		{-1, 0, "groups must be a positive integer"},
	} {
		s.Step(SetGroups, c.d)
		s.Recompute()
		if s.Groups != c.groups || fmt.Sprint(s.Err) != fmt.Sprint(errOrNil(c.err)) {
			t.Fatalf("groups %d: err %v, want %q", s.Groups, s.Err, c.err)
		}
		if c.err != "" && (!s.Stale() || s.Bank.GroupLinks() != nil) {
			t.Errorf("groups %d rejected: maps not kept, or links drawn", s.Groups)
		}
	}
	for s.Step(SetGroups, -1) {
	}
	if s.Groups != MinGroups {
		t.Errorf("groups stepped below %d", MinGroups)
	}
	for s.Groups != 3 {
		s.Step(SetGroups, +1)
	}
	checkForward(t, s)
	if conv.FormatShape(s.Out.Shape) != "[1, 6, 64, 64]" || conv.FormatShape(s.Bank.WeightShape()) != "[6, 1, 5, 5]" {
		t.Errorf("groups 3: out %v weight %v", s.Out.Shape, s.Bank.WeightShape())
	}
	links := s.Bank.GroupLinks()
	if fmt.Sprint(links) != "[{[0] [0 1]} {[1] [2 3]} {[2] [4 5]}]" {
		t.Errorf("links %v", links)
	}
	if n := s.Bank.Channels(2).Note; n != "on G only" {
		t.Errorf("filter 2 at groups 3: %q", n)
	}
	if !strings.Contains(s.Export.Code(), ", groups=3") {
		t.Errorf("code %q lacks groups", s.Export.Code())
	}
	if sh := s.Export.Shapes(); !slices.Equal(sh.Weight, []int{6, 1, 5, 5}) || sh.Counts.In != 1 || sh.Counts.Params != 156 || sh.Counts.MACs != 614400 {
		t.Errorf("shapes panel: weight %v, counts %+v", sh.Weight, sh.Counts)
	}
	explainAll(t, s)
}

func errOrNil(msg string) error {
	if msg == "" {
		return nil
	}
	return fmt.Errorf("%s", msg)
}

// explainAll checks Explain (the hand sum over a window) against the maps.
func explainAll(t *testing.T, s *State) {
	t.Helper()
	for ch := 0; ch < s.OutChannels; ch++ {
		for _, p := range [][2]int{{0, 0}, {31, 17}, {63, 63}} {
			sum, b, ok := explainSum(s, ch, p[0], p[1])
			y, _ := s.Teach.OutValue(ch, p[0], p[1])
			if d := float64(sum + b - y); !ok || d > 1e-5 || d < -1e-5 {
				t.Fatalf("explain (%d, %d, %d): %v + %v vs %v (ok %v)", ch, p[0], p[1], sum, b, y, ok)
			}
		}
	}
}

// Depthwise in one action: groups = in_channels, out_channels raised to a
// multiple of it; each filter reads one channel.
func TestDepthwise(t *testing.T) {
	if s := fresh(t); s.Bank.Depthwise() || s.Notice == "" {
		t.Error("depthwise on the 1-channel canvas")
	}
	s := photoState(t)
	if !s.Bank.Depthwise() {
		t.Fatal(s.Notice)
	}
	s.Recompute()
	if s.Err != nil || s.Groups != 3 || s.OutChannels != 9 || conv.FormatShape(s.Bank.WeightShape()) != "[9, 1, 5, 5]" {
		t.Fatalf("depthwise: err %v groups %d out %d", s.Err, s.Groups, s.OutChannels)
	}
	for o, want := range []string{"on R only", "on R only", "on R only", "on G only", "on G only", "on G only", "on B only"} {
		if got := s.Bank.Channels(o).Note; got != want {
			t.Errorf("filter %d: %q, want %q", o, got, want)
		}
	}
	// Kaiming at groups 3: fan_in = 1·5·5, so ±0.2 (not the ±1/√75 of groups 1).
	var biggest float32
	for _, o := range []int{7, 14, 15, 16, 17} {
		if s.Filters[o].Preset != preset.Kaiming {
			t.Fatalf("filter %d is %s", o, s.Filters[o].Preset)
		}
		for _, v := range append(slices.Clone(s.Filters[o].W), s.Filters[o].B) {
			if v < -0.2 || v > 0.2 {
				t.Fatalf("filter %d: %v outside ±0.2", o, v)
			}
			biggest = max(biggest, v, -v)
		}
	}
	if biggest < 0.15 {
		t.Errorf("largest kaiming value %v: drawn with the groups-1 bound", biggest)
	}
	checkForward(t, s)
	if s.Bank.Depthwise() {
		t.Error("depthwise twice changed something")
	}
}
