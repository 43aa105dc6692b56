package conv

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"convplayground/internal/golden"
)

// The ConvTranspose2d fixtures (scripts/golden_transpose.py, torch 1.13):
// the format of package golden, with output_padding and a weight of shape
// [Cin, Cout/groups, kh, kw].
var transposeDir = filepath.Join("testdata", "transpose")

var loadTransposeCases = sync.OnceValues(func() ([]golden.Case, error) { return golden.Cases(transposeDir) })

func transposeCases(t testing.TB) []golden.Case {
	cs, err := loadTransposeCases()
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func transposeName(gc golden.Case) string {
	return fmt.Sprintf("transpose case %03d (%s)", gc.ID, gc.Name)
}

func transposeOf(gc golden.Case) ConvTranspose2d {
	return ConvTranspose2d{
		InChannels: gc.InChannels, OutChannels: gc.OutChannels,
		Kernel: gc.Kernel, Stride: gc.Stride, Padding: gc.Padding, OutputPadding: gc.OutputPadding,
		Dilation: gc.Dilation, Groups: gc.Groups, Bias: gc.Bias, PaddingMode: PaddingMode(gc.PaddingMode),
	}
}

// maxErr records the largest difference from torch seen by a test, relative
// to max(1, |torch's value|), for its log.
type maxErr float64

func (m *maxErr) check(t testing.TB, what string, got, want []float32) {
	t.Helper()
	goldenClose(t, what, got, want)
	for i, w := range want {
		if d := math.Abs(float64(got[i] - w)); !math.IsNaN(d) { // the same infinities, or NaNs: equal
			*m = max(*m, maxErr(d/max(1, math.Abs(float64(w)))))
		}
	}
}

func TestTransposeGoldenCount(t *testing.T) {
	var valid, rejected int
	for _, gc := range transposeCases(t) {
		if gc.Error != "" {
			rejected++
		} else {
			valid++
		}
	}
	t.Logf("transpose golden: %d valid, %d rejected", valid, rejected)
	if valid < 100 || rejected < 150 {
		t.Errorf("want at least 100 valid and 150 rejected cases; got %d, %d", valid, rejected)
	}
}

func TestTransposeGoldenRejected(t *testing.T) {
	for _, gc := range transposeCases(t) {
		if gc.Error == "" {
			continue
		}
		c := transposeOf(gc)
		_, err := c.Geometry(gc.Input)
		if err == nil || err.Error() != gc.Error {
			t.Errorf("%s: %+v input %v\n got: %v\nwant: %s", transposeName(gc), c, gc.Input, err, gc.Error)
			continue
		}
		if Numel(gc.Input) >= 0 {
			w := Zeros(1, 1, 1, 1)
			if _, err := noPanic(func() (*Tensor, error) { return TransposeForward(c, Zeros(gc.Input...), w, nil) }); err == nil || err.Error() != gc.Error {
				t.Errorf("%s: TransposeForward: %v", transposeName(gc), err)
			}
		}
		ctor := gc.ErrorType == "ValueError" || strings.HasPrefix(gc.Error, "Trying to create tensor")
		if err := c.Validate(); ctor != (err != nil) || ctor && err.Error() != gc.Error {
			t.Errorf("%s: Validate (the constructor) = %v; torch's constructor refuses it: %v", transposeName(gc), err, ctor)
		}
	}
}

func TestTransposeGoldenForward(t *testing.T) {
	var worst maxErr
	for _, gc := range transposeCases(t) {
		if gc.Error != "" {
			continue
		}
		name, c := transposeName(gc), transposeOf(gc)
		g, err := c.Geometry(gc.Input)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		out := torchOutput(t, name, g.Output, g.Unbatched, gc.Input)
		m := caseTensors(t, transposeDir, gc)
		x, w, b := batched(m["x"]), m["weight"], m["bias"]
		if !slices.Equal(out, gc.Output) || !slices.Equal(w.Shape, g.Weight) || !slices.Equal(shapeOf(b), g.Bias) {
			t.Errorf("%s: output %v weight %v bias %v; torch %v %v %v", name, out, g.Weight, g.Bias, gc.Output, w.Shape, shapeOf(b))
			continue
		}
		if g.Params != int64(len(w.Data)+len(shapeOf(b))*c.OutChannels) {
			t.Errorf("%s: Params %d", name, g.Params)
		}
		y, err := noPanic(func() (*Tensor, error) { return TransposeForward(c, x, w, b) })
		if err != nil {
			t.Errorf("%s: TransposeForward: %v", name, err)
			continue
		}
		worst.check(t, name+" forward", y.Data, m["out"].Data)
		// A reused plan gives the same bits, whatever dst held before and
		// however many goroutines work on it.
		p, err := NewTransposePlan(c, x.Shape)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, workers := range []int{1, 0} {
			p.Workers = workers
			dst := Zeros(g.Output...)
			for j := range dst.Data {
				dst.Data[j] = float32(math.NaN())
			}
			if err := p.Forward(dst, x, w, b); err != nil {
				t.Fatalf("%s: Plan.Forward #%d: %v", name, i+1, err)
			}
			sameBitsT(t, fmt.Sprintf("%s Plan.Forward #%d", name, i+1), dst.Data, y.Data)
		}
	}
	t.Logf("largest forward difference from torch: %.3g (relative to max(1, |torch|))", float64(worst))
}

// sameBitsT fails unless got and want are equal bit for bit.
func sameBitsT(t testing.TB, what string, got, want []float32) {
	t.Helper()
	for i := range want {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("%s: [%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}

func TestTransposeGoldenBackward(t *testing.T) {
	var worst maxErr
	for _, gc := range transposeCases(t) {
		if gc.Error != "" {
			continue
		}
		name, c := transposeName(gc), transposeOf(gc)
		m := caseTensors(t, transposeDir, gc)
		x, w, gy := batched(m["x"]), m["weight"], batched(m["gy"])
		gx, gw, gb, err := TransposeBackward(c, x, w, gy)
		if err != nil {
			t.Errorf("%s: TransposeBackward: %v", name, err)
			continue
		}
		worst.check(t, name+" gx", gx.Data, m["gx"].Data)
		worst.check(t, name+" gw", gw.Data, m["gw"].Data)
		if (gb == nil) != (m["gb"] == nil) {
			t.Fatalf("%s: bias gradient %v, torch's %v", name, shapeOf(gb), shapeOf(m["gb"]))
		}
		if gb != nil {
			worst.check(t, name+" gb", gb.Data, m["gb"].Data)
		}
	}
	t.Logf("largest gradient difference from torch: %.3g (relative to max(1, |torch|))", float64(worst))
}
