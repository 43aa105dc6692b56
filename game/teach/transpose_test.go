package teach

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"convplayground/conv"
	"convplayground/internal/golden"
)

// transposeDir holds package conv's ConvTranspose2d fixtures (torch 1.13).
const transposeDir = "../../conv/testdata/transpose"

// checkCell computes every cell of maps 0 and last of batch sample n and
// checks both views' sums against the value y holds, and that the
// zero-insertion window's non-zero taps are exactly the scatter's paints.
func checkCell(t *testing.T, name string, g conv.TransposeGeometry, x, w, b, y *conv.Tensor, n int) {
	t.Helper()
	var e TransposeCell
	for _, m := range []int{0, g.Output[1] - 1} {
		for oy := 0; oy < g.Output[2]; oy++ {
			for ox := 0; ox < g.Output[3]; ox++ {
				if err := e.Compute(g, x, w, b, y, Cell{m, oy, ox}, n); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if !near(e.Sum, e.Value) || !near(e.StuffedSum(), e.Value) {
					t.Fatalf("%s cell (%d, %d, %d): scatter %v, zero insertion %v, core %v", name, m, oy, ox, e.Sum, e.StuffedSum(), e.Value)
				}
				if got, want := stuffedPaints(&e, g), paintKeys(&e); !slices.Equal(got, want) {
					t.Fatalf("%s cell (%d, %d, %d): the stuffed window reads %v, the paints are %v", name, m, oy, ox, got, want)
				}
			}
		}
	}
}

// paintKeys are the paints as (channel, IY, IX, KY, KX), sorted.
func paintKeys(e *TransposeCell) [][5]int {
	var k [][5]int
	for _, p := range e.Paints {
		k = append(k, [5]int{p.Channel, p.IY, p.IX, p.KY, p.KX})
	}
	slices.SortFunc(k, func(a, b [5]int) int { return slices.Compare(a[:], b[:]) })
	return k
}

// stuffedPaints are the non-zero taps of the stuffed windows in the same
// terms: the window tap (KY, KX) is kernel tap (K−1−KY, K−1−KX).
func stuffedPaints(e *TransposeCell, g conv.TransposeGeometry) [][5]int {
	var k [][5]int
	for i, win := range e.Stuffed {
		for _, t := range win {
			if !t.Zero() {
				k = append(k, [5]int{e.Channels[i], t.IY, t.IX, g.Weight[2] - 1 - t.KY, g.Weight[3] - 1 - t.KX})
			}
		}
	}
	slices.SortFunc(k, func(a, b [5]int) int { return slices.Compare(a[:], b[:]) })
	return k
}

// The playground's settings (square kernels, the drawing and the RGB
// input's channels, groups, crops of the stuffed input by padding, output
// padding below stride or dilation): both views' sums of every cell equal
// conv.TransposeForward's value.
func TestTransposeCellTable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct{ cin, cout, k, s, p, op, d, g, h, n int }{
		{1, 8, 5, 1, 2, 0, 1, 1, 9, 1},
		{1, 4, 5, 2, 2, 1, 1, 1, 7, 1},
		{1, 2, 3, 3, 0, 2, 1, 1, 5, 2},
		{1, 2, 2, 4, 0, 0, 1, 1, 4, 1}, // a kernel shorter than the stride: bias-only cells
		{3, 6, 3, 2, 1, 1, 2, 3, 6, 1},
		{3, 3, 7, 1, 4, 0, 1, 1, 5, 1}, // padding beyond d·(k−1): the stuffed input is cropped
		{2, 4, 4, 2, 3, 2, 3, 2, 5, 3}, // output_padding ≥ stride, below dilation
	} {
		tc := conv.NewTranspose(c.cin, c.cout, c.k, c.s, c.p)
		tc.OutputPadding, tc.Dilation, tc.Groups = [2]int{c.op, c.op}, [2]int{c.d, c.d}, c.g
		g, err := tc.Geometry([]int{c.n, c.cin, c.h, c.h + 1})
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		x, w, b := randomTensor(r, g.Input...), randomTensor(r, g.Weight...), randomTensor(r, c.cout)
		y, err := conv.TransposeForward(tc, x, w, b)
		if err != nil {
			t.Fatal(err)
		}
		checkCell(t, fmt.Sprintf("%+v", c), g, x, w, b, y, c.n-1)
	}
}

// Every valid fixture of torch: both views' sums equal torch's output.
func TestTransposeCellGolden(t *testing.T) {
	cases, err := golden.Cases(transposeDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, gc := range cases {
		if gc.Error != "" || gc.Seed || len(gc.Input) != 4 {
			continue
		}
		tc := conv.ConvTranspose2d{InChannels: gc.InChannels, OutChannels: gc.OutChannels, Kernel: gc.Kernel,
			Stride: gc.Stride, Padding: gc.Padding, OutputPadding: gc.OutputPadding, Dilation: gc.Dilation,
			Groups: gc.Groups, Bias: gc.Bias, PaddingMode: conv.PaddingMode(gc.PaddingMode)}
		g, err := tc.Geometry(gc.Input)
		if err != nil {
			t.Fatalf("case %d: %v", gc.ID, err)
		}
		arrays, err := gc.Arrays(transposeDir)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]*conv.Tensor{}
		for name, a := range arrays {
			m[name] = conv.FromData(a.Data, a.Shape...)
		}
		if conv.Numel(g.Output) == 0 || !finite(m["x"]) || !finite(m["weight"]) {
			continue
		}
		checkCell(t, gc.Name, g, m["x"], m["weight"], m["bias"], m["out"], 0)
		n++
	}
	if n < 20 {
		t.Errorf("only %d torch settings checked", n)
	}
	t.Logf("%d torch settings", n)
}

func finite(t *conv.Tensor) bool {
	if t == nil {
		return true
	}
	for _, v := range t.Data {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return false
		}
	}
	return true
}
