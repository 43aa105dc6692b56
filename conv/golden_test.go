package conv

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"convplayground/conv/npy"
)

// The golden fixtures: conv/testdata/golden, written by scripts/golden.py
// with PyTorch 1.13 (make golden). index.json lists every case; a valid case
// names an .npz holding x, weight, bias (with bias), out, and for non-seed
// cases gy (a random upstream gradient) with gx, gw, gb, the gradients of
// (out*gy).sum(). A rejected case carries torch's message in Error.
type goldenCase struct {
	ID            int    `json:"id"`
	Name          string `json:"name"`
	Input         []int  `json:"input"`
	Output        []int  `json:"output"` // torch's output shape (3-D for an unbatched input)
	File          string `json:"file"`
	Seed          bool   `json:"seed"` // out holds only a prefix of the output
	Error         string `json:"error"`
	ErrorType     string `json:"error_type"`
	InChannels    int    `json:"in_channels"`
	OutChannels   int    `json:"out_channels"`
	Kernel        [2]int `json:"kernel"`
	Stride        [2]int `json:"stride"`
	Padding       [2]int `json:"padding"`
	PaddingString string `json:"padding_string"`
	Dilation      [2]int `json:"dilation"`
	Groups        int    `json:"groups"`
	Bias          bool   `json:"bias"`
	PaddingMode   string `json:"padding_mode"`
}

func (gc goldenCase) String() string { return fmt.Sprintf("case %03d (%s)", gc.ID, gc.Name) }

func (gc goldenCase) conv() Conv2d {
	return Conv2d{
		InChannels: gc.InChannels, OutChannels: gc.OutChannels,
		Kernel: gc.Kernel, Stride: gc.Stride, Padding: gc.Padding, PaddingString: gc.PaddingString,
		Dilation: gc.Dilation, Groups: gc.Groups, Bias: gc.Bias, PaddingMode: gc.PaddingMode,
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
		var b []byte
		if b, goldenErr = os.ReadFile("testdata/golden/index.json"); goldenErr != nil {
			return
		}
		var idx struct{ Cases []goldenCase }
		goldenErr = json.Unmarshal(b, &idx)
		goldenCases = idx.Cases
	})
	if goldenErr != nil {
		t.Fatal(goldenErr)
	}
	return goldenCases
}

// tensors reads a valid case's arrays, by name (x, weight, bias, out, gy, gx, gw, gb).
func (gc goldenCase) tensors(t testing.TB) map[string]*Tensor {
	z, err := zip.OpenReader(filepath.Join("testdata", "golden", gc.File))
	if err != nil {
		t.Fatalf("%v: %v", gc, err)
	}
	defer z.Close()
	m := map[string]*Tensor{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatalf("%v: %v", gc, err)
		}
		shape, data, err := npy.Read(r)
		r.Close()
		if err != nil {
			t.Fatalf("%v: %s: %v", gc, f.Name, err)
		}
		m[strings.TrimSuffix(f.Name, ".npy")] = FromData(data, shape...)
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

// goldenClose checks got against want within 1e-4·max(1, |want|) per element.
func goldenClose(t testing.TB, what string, got, want []float32) {
	t.Helper()
	if len(got) < len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i, w := range want {
		if d := math.Abs(float64(got[i] - w)); d > 1e-4*max(1, math.Abs(float64(w))) || got[i] != got[i] {
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
		out := g.Output
		if g.Unbatched != (len(gc.Input) == 3) {
			t.Errorf("%v: Unbatched = %v", gc, g.Unbatched)
		}
		if g.Unbatched {
			out = out[1:]
		}
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
