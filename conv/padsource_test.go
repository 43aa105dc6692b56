package conv

import (
	"slices"
	"testing"
)

// PadSource reads what F.pad copies. The rows are PyTorch 1.13's, from
//
//	x = torch.arange(n, dtype=torch.float32).reshape(1, 1, 1, n)
//	F.pad(x, (p, p, 0, 0), mode=mode).flatten()
func TestPadSourceTorch(t *testing.T) {
	for _, c := range []struct {
		mode PaddingMode
		n, p int
		want []int // −1: nothing read (zeros)
	}{
		{ReflectMode, 4, 3, []int{3, 2, 1, 0, 1, 2, 3, 2, 1, 0}},
		{ReplicateMode, 4, 5, []int{0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3}},
		{CircularMode, 4, 4, []int{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}},
		{ReplicateMode, 1, 2, []int{0, 0, 0, 0, 0}},
		{CircularMode, 1, 1, []int{0, 0, 0}},
		{ZerosMode, 3, 2, []int{-1, -1, 0, 1, 2, -1, -1}},
		{"", 2, 1, []int{-1, 0, 1, -1}},
	} {
		var got []int
		for i := -c.p; i < c.n+c.p; i++ {
			j, ok := PadSource(i, c.n, c.mode)
			if !ok {
				j = -1
			}
			got = append(got, j)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s n=%d p=%d: %v, torch %v", c.mode, c.n, c.p, got, c.want)
		}
	}
}

// An empty axis reads nothing, and a reflection past the far edge is
// refused rather than returned out of range.
func TestPadSourceEdges(t *testing.T) {
	for _, m := range PaddingModes {
		for _, i := range []int{-2, -1, 0, 1} {
			if j, ok := PadSource(i, 0, m); ok {
				t.Errorf("%s: PadSource(%d, 0) = %d, true", m, i, j)
			}
		}
	}
	for _, i := range []int{-4, 7, 100, -100} {
		if j, ok := PadSource(i, 4, ReflectMode); ok {
			t.Errorf("reflect: PadSource(%d, 4) = %d, true", i, j)
		}
	}
}
