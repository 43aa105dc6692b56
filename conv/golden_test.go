package conv

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"convplayground/conv/npy"
	"convplayground/internal/golden"
)

// goldenCase is a case of the golden fixtures (package golden says what
// they hold), with the conv settings it names.
type goldenCase struct{ golden.Case }

func (gc goldenCase) String() string { return fmt.Sprintf("case %03d (%s)", gc.ID, gc.Name) }

func (gc goldenCase) conv() Conv2d {
	return Conv2d{
		InChannels: gc.InChannels, OutChannels: gc.OutChannels,
		Kernel: gc.Kernel, Stride: gc.Stride, Padding: gc.Padding, PaddingString: gc.PaddingString,
		Dilation: gc.Dilation, Groups: gc.Groups, Bias: gc.Bias, PaddingMode: PaddingMode(gc.PaddingMode),
	}
}

var (
	goldenOnce  sync.Once
	goldenCases []goldenCase
	goldenErr   error
)

// loadGolden returns every golden case (read once per test binary).
func loadGolden(t testing.TB) []goldenCase {
	goldenOnce.Do(func() {
		var cs []golden.Case
		cs, goldenErr = golden.Cases(filepath.Join("testdata", "golden"))
		for _, c := range cs {
			goldenCases = append(goldenCases, goldenCase{c})
		}
	})
	if goldenErr != nil {
		t.Fatal(goldenErr)
	}
	return goldenCases
}

// tensors reads a valid case's arrays, by name (x, weight, bias, out, gy, gx, gw, gb).
func (gc goldenCase) tensors(t testing.TB) map[string]*Tensor {
	return caseTensors(t, filepath.Join("testdata", "golden"), gc.Case)
}

// caseTensors reads the arrays of a valid case of the fixtures in dir.
func caseTensors(t testing.TB, dir string, gc golden.Case) map[string]*Tensor {
	arrays, err := gc.Arrays(dir)
	if err != nil {
		t.Fatalf("case %03d (%s): %v", gc.ID, gc.Name, err)
	}
	m := map[string]*Tensor{}
	for name, a := range arrays {
		m[name] = FromData(a.Data, a.Shape...)
	}
	return m
}

// batched views an unbatched [C,H,W] tensor as [1,C,H,W].
func batched(x *Tensor) *Tensor {
	if len(x.Shape) == 3 {
		return FromData(x.Data, append([]int{1}, x.Shape...)...)
	}
	return x
}

// noPanic runs f, turning a panic into an error, so that one failing case
// does not hide the others.
func noPanic(f func() (*Tensor, error)) (y *Tensor, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// goldenClose checks got against want within 1e-4·max(1, |want|) per
// element; an infinity must be the same infinity, a NaN a NaN.
func goldenClose(t testing.TB, what string, got, want []float32) {
	t.Helper()
	if len(got) < len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i, w := range want {
		if w != w && got[i] != got[i] {
			continue
		}
		if d := math.Abs(float64(got[i] - w)); d > 1e-4*max(1, math.Abs(float64(w))) || got[i] != got[i] || w != w {
			t.Fatalf("%s: [%d] = %v, want %v (|err| %.3g)", what, i, got[i], w, d)
		}
	}
}

func TestGoldenCount(t *testing.T) {
	var valid, rejected, seeds int
	for _, gc := range loadGolden(t) {
		switch {
		case gc.Error != "":
			rejected++
		case gc.Seed:
			seeds++
		default:
			valid++
		}
	}
	t.Logf("golden: %d valid, %d rejected, %d seeds", valid, rejected, seeds)
	if valid < 100 || rejected < 50 || seeds != 2 {
		t.Errorf("want at least 100 valid and 50 rejected cases and the 2 seeds; got %d, %d, %d", valid, rejected, seeds)
	}
	if npy.MaxElements != MaxElements {
		t.Errorf("npy.MaxElements %d != MaxElements %d", npy.MaxElements, MaxElements)
	}
}

func TestGoldenRejected(t *testing.T) {
	for _, gc := range loadGolden(t) {
		if gc.Error == "" {
			continue
		}
		c := gc.conv()
		_, err := c.Geometry(gc.Input)
		if err == nil || err.Error() != gc.Error {
			t.Errorf("%v: %+v input %v\n got: %v\nwant: %s", gc, c, gc.Input, err, gc.Error)
			continue
		}
		// Forward refuses it the same way, whatever tensors it is given.
		if Numel(gc.Input) >= 0 {
			w := Zeros(1, 1, 1, 1)
			if _, err := noPanic(func() (*Tensor, error) { return Forward(c, Zeros(gc.Input...), w, nil) }); err == nil || err.Error() != gc.Error {
				t.Errorf("%v: Forward: %v", gc, err)
			}
		}
		if gc.ErrorType == "ValueError" || strings.HasPrefix(gc.Error, "Trying to create tensor") && !strings.Contains(gc.Name, "crop") {
			if err := c.Validate(); err == nil || err.Error() != gc.Error {
				t.Errorf("%v: Validate (the constructor) should fail with %q, got %v", gc, gc.Error, err)
			}
		}
	}
}

// torchOutput is the output shape PyTorch gives for an input (an unbatched
// input's unbatched), from a geometry's 4-D output, whose Unbatched must
// say whether the input is 3-D.
func torchOutput(t *testing.T, name string, out []int, unbatched bool, input []int) []int {
	if unbatched != (len(input) == 3) {
		t.Errorf("%s: Unbatched = %v", name, unbatched)
	}
	if unbatched {
		return out[1:]
	}
	return out
}

func TestGoldenForward(t *testing.T) {
	for _, gc := range loadGolden(t) {
		if gc.Error != "" {
			continue
		}
		c := gc.conv()
		g, err := c.Geometry(gc.Input)
		if err != nil {
			t.Errorf("%v: %v", gc, err)
			continue
		}
		out := torchOutput(t, gc.String(), g.Output, g.Unbatched, gc.Input)
		if !slices.Equal(out, gc.Output) {
			t.Errorf("%v: output shape %v, torch %v", gc, out, gc.Output)
			continue
		}
		m := gc.tensors(t)
		x, w, b := batched(m["x"]), m["weight"], m["bias"]
		if !slices.Equal(w.Shape, g.Weight) || (b == nil) != (g.Bias == nil) || b != nil && !slices.Equal(b.Shape, g.Bias) {
			t.Errorf("%v: weight %v bias %v, torch %v %v", gc, g.Weight, g.Bias, w.Shape, shapeOf(b))
			continue
		}
		if g.Params != int64(len(w.Data)+len(shapeOf(b))*c.OutChannels) {
			t.Errorf("%v: Params %d", gc, g.Params)
		}
		y, err := noPanic(func() (*Tensor, error) { return Forward(c, x, w, b) })
		if err != nil {
			t.Errorf("%v: Forward: %v", gc, err)
			continue
		}
		goldenClose(t, gc.String()+" Forward", y.Data, m["out"].Data)
		// A reused plan gives the same numbers, whatever dst held before.
		p, err := NewPlan(c, x.Shape)
		if err != nil {
			t.Fatalf("%v: NewPlan: %v", gc, err)
		}
		dst := Zeros(g.Output...)
		for i := 0; i < 2; i++ {
			for j := range dst.Data {
				dst.Data[j] = float32(math.NaN())
			}
			if _, err := noPanic(func() (*Tensor, error) { return dst, p.Forward(dst, x, w, b) }); err != nil {
				t.Fatalf("%v: Plan.Forward: %v", gc, err)
			}
			goldenClose(t, fmt.Sprintf("%v Plan.Forward #%d", gc, i+1), dst.Data, m["out"].Data)
		}
	}
}

// The reference loop (used by the fuzz tests) agrees with PyTorch too.
func TestGoldenReference(t *testing.T) {
	for _, gc := range loadGolden(t) {
		if gc.Error != "" || gc.Seed {
			continue
		}
		m := gc.tensors(t)
		y := referenceForward(gc.conv(), batched(m["x"]), m["weight"], m["bias"])
		goldenClose(t, gc.String()+" reference", y.Data, m["out"].Data)
	}
}

// shapeOf is t's shape, nil for no tensor.
func shapeOf(t *Tensor) []int {
	if t == nil {
		return nil
	}
	return t.Shape
}
