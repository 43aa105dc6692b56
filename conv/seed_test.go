package conv

import (
	"slices"
	"testing"
)

// The two settings every learner meets first (README: the convolution core).
func TestSeedShapes(t *testing.T) {
	for _, tc := range []struct {
		c                     Conv2d
		in, weight, bias, out []int
		params, macs          int64
		formula               string
	}{
		{New(1, 20, 5, 1, 2), []int{16, 1, 28, 28}, []int{20, 1, 5, 5}, []int{20}, []int{16, 20, 28, 28}, 520, 16 * 20 * 28 * 28 * 25, "(28 − 5 + 2·2)/1 + 1 = 28"},
		{New(3, 6, 5, 1, 2), []int{1, 3, 64, 64}, []int{6, 3, 5, 5}, []int{6}, []int{1, 6, 64, 64}, 456, 6 * 64 * 64 * 75, "(64 − 5 + 2·2)/1 + 1 = 64"},
	} {
		g, err := tc.c.Geometry(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if g.MACs != tc.macs || g.Formula(0) != tc.formula || g.Formula(1) != tc.formula {
			t.Errorf("%v: MACs %d, formula %q %q", tc.in, g.MACs, g.Formula(0), g.Formula(1))
		}
		if !slices.Equal(g.Weight, tc.weight) || !slices.Equal(g.Bias, tc.bias) || !slices.Equal(g.Output, tc.out) || g.Params != tc.params {
			t.Errorf("%v: got weight %v bias %v out %v params %d", tc.in, g.Weight, g.Bias, g.Output, g.Params)
		}
		x := Zeros(tc.in...)
		w := Zeros(tc.weight...)
		b := Zeros(tc.bias...)
		b.Data[1] = 0.5
		y, err := Forward(tc.c, x, w, b)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(y.Shape, tc.out) || y.At(0, 1, 3, 3) != 0.5 {
			t.Errorf("forward: shape %v value %v", y.Shape, y.At(0, 1, 3, 3))
		}
	}
}
