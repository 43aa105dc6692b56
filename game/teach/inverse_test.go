package teach

import (
	"fmt"
	"testing"

	"convplayground/conv"
)

// convOut is the Conv2d inverse's output height for an input height h.
func convOut(t *testing.T, c conv.Conv2d, h int) int {
	g, err := c.Geometry([]int{1, c.InChannels, h, 9})
	if err != nil {
		return -1 // too small for the kernel: no size
	}
	return g.Output[2]
}

// The shape inverse on a table of settings: the Conv2d with the same
// kernel, stride, padding and dilation maps the transposed output back to
// the input exactly while output_padding is below the stride; the sizes it
// maps to the input's are Sizes, a stride's worth, of which the transposed
// layer makes the one output_padding picks.
func TestShapeInverseTable(t *testing.T) {
	for _, c := range []struct{ k, s, p, op, d, h int }{
		{5, 1, 2, 0, 1, 28}, {5, 2, 2, 0, 1, 28}, {5, 2, 2, 1, 1, 28}, {4, 2, 1, 0, 1, 14},
		{3, 3, 0, 2, 1, 7}, {3, 4, 1, 3, 1, 6}, {7, 1, 3, 0, 1, 9}, {3, 2, 2, 1, 3, 5},
		{3, 1, 0, 1, 2, 8}, // output_padding 1 ≥ stride 1 (below dilation 2): one row too many
		{2, 3, 0, 2, 3, 4},
	} {
		name := fmt.Sprintf("%+v", c)
		tc := conv.NewTranspose(2, 3, c.k, c.s, c.p)
		tc.OutputPadding, tc.Dilation = [2]int{c.op, c.op}, [2]int{c.d, c.d}
		g, err := tc.Geometry([]int{1, 2, c.h, c.h})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		inv := InverseOf(g)
		if inv.Err != nil {
			t.Fatalf("%s: %v", name, inv.Err)
		}
		if inv.Exact != (c.op < c.s) {
			t.Errorf("%s: exact %v (inverse gives %d from %d)", name, inv.Exact, inv.Geom.Output[2], g.Output[2])
		}
		lo, hi := inv.Sizes[0][0], inv.Sizes[0][1]
		if g.Output[2] != lo+c.op || hi-lo != c.s-1 {
			t.Errorf("%s: sizes %d..%d for output %d", name, lo, hi, g.Output[2])
		}
		for h := lo - 1; h <= hi+1; h++ {
			if back := convOut(t, inv.Conv, h); (back == c.h) != (h >= lo && h <= hi) {
				t.Errorf("%s: the inverse maps %d to %d (sizes %d..%d, input %d)", name, h, back, lo, hi, c.h)
			}
		}
	}
}

// Geometry.Transposed undoes a Conv2d's shape on a table of settings:
// output_padding gives back what the floor division dropped.
func TestTransposedUndoesConv(t *testing.T) {
	for _, c := range []struct{ k, s, p, d, h int }{
		{5, 1, 2, 1, 28}, {5, 2, 2, 1, 28}, {5, 2, 2, 1, 27}, {3, 3, 1, 1, 10}, {4, 4, 0, 1, 31}, {3, 2, 0, 2, 12},
	} {
		cv := conv.New(1, 8, c.k, c.s, c.p)
		cv.Dilation = [2]int{c.d, c.d}
		g, err := cv.Geometry([]int{1, 1, c.h, c.h})
		if err != nil {
			t.Fatal(err)
		}
		tc, ok := g.Transposed()
		if !ok {
			t.Fatalf("%+v: no transposed layer", c)
		}
		tg, err := tc.Geometry(g.Output)
		if err != nil || tg.Output[2] != c.h || tg.Output[1] != 1 {
			t.Errorf("%+v: %v back to %v (%v)", c, g.Output, tg.Output, err)
		}
	}
}
