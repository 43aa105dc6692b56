package state

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"convplayground/conv"
	"convplayground/conv/npy"
)

// exportCases are layers whose snippets PyTorch runs.
var exportCases = []struct {
	name  string
	setup func(s *State)
}{
	{"RGB example, one channel edited", func(s *State) {
		s.LoadExample(0)
		s.Bank.SetWeight(2, 1, 0, 4, 1.5)
		s.Bank.SetBias(4, 0.1)
	}},
	{"MNIST example", func(s *State) { s.LoadExample(1) }},
	{"the first screen: the default layer on digit 0 (its blank border left out)", func(s *State) { s.Input.PickDigit(0) }},
	{"the default layer on a blank canvas (torch.zeros)", func(s *State) {}},
	{"digit, stride 2, dilation 2, reflect, normalize", func(s *State) {
		s.Input.PickDigit(7)
		s.Step(SetStride, +1)
		s.Step(SetDilation, +1)
		s.Step(SetMode, +1)
		s.Input.SetNormalize(true)
	}},
	{"photo, depthwise, k=4, padding 4, circular", func(s *State) {
		s.Input.SetPhoto(true)
		s.Bank.Depthwise()
		s.Step(SetKernel, -1)
		s.Step(SetPadding, +2)
		s.Step(SetMode, -1)
	}},
	{"ConvTranspose2d, digit, stride 2, output_padding 1, a weight edited", func(s *State) {
		s.Input.PickDigit(3)
		s.Step(SetTransposed, +1)
		s.Step(SetStride, +1)
		s.Step(SetOutputPadding, +1)
		s.Bank.SetWeight(5, 0, 0, 3, -2.5) // w[0, 5, 0, 3] of the transposed weight
	}},
	{"ConvTranspose2d, photo, 6 maps in 3 groups, dilation 2, k=3", func(s *State) {
		s.Input.SetPhoto(true)
		s.Step(SetOut, -2)
		s.Step(SetGroups, +2)
		s.Step(SetKernel, -2)
		s.Step(SetDilation, +1)
		s.Step(SetTransposed, +1)
		s.Step(SetOutputPadding, +1) // below dilation 2
	}},
}

// PyTorch runs every snippet and prints the playground's shapes; its y
// equals the playground's maps within 1e-5·max(1,|y|).
func TestPyTorchCodeRuns(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	states := make([]*State, len(exportCases))
	for i, c := range exportCases {
		s := fresh(t)
		c.setup(s)
		if s.Recompute(); s.Err != nil {
			t.Fatalf("%s: %v", c.name, s.Err)
		}
		code := s.Export.PyTorchCode()
		for _, want := range []string{"import torch\n", "m = " + s.Export.Code() + "\n", "dtype=torch.float32", "y = m(x)\n",
			"print(x.shape, m.weight.shape, m.bias.shape, y.shape)\n"} {
			if !strings.Contains(code, want) {
				t.Errorf("%s: snippet lacks %q", c.name, want)
			}
		}
		cdir := filepath.Join(dir, fmt.Sprintf("case%d", i)) // with its conv_input.npy (Save .npy)
		if err := os.Mkdir(cdir, 0o755); err != nil {
			t.Fatal(err)
		}
		in, err := s.Export.NPY(TensorInput)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(cdir, "layer.py")
		if err := os.WriteFile(p, []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cdir, InputFile), in, 0o644); err != nil {
			t.Fatal(err)
		}
		paths, states[i] = append(paths, p), s
	}
	// One Python for all snippets (torch takes seconds to import): each runs
	// as it is, in its directory, then its y is saved next to it.
	out := python(t, `
import os, sys, numpy as np
for p in sys.argv[1:]:
    g, cwd = {}, os.getcwd()
    os.chdir(os.path.dirname(p))
    try:
        exec(open(p).read(), g)
        assert np.array_equal(g["x"].numpy(), np.load("conv_input.npy")), "x is not the input, bit for bit"
    finally:
        os.chdir(cwd)
    np.save(p + ".y.npy", g["y"].detach().numpy())`, paths...)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(exportCases) {
		t.Fatalf("python printed %q", out)
	}
	for i, s := range states {
		want := fmt.Sprintf("torch.Size(%s) torch.Size(%s) torch.Size(%s) torch.Size(%s)",
			pyShape(s.InputShape()), pyShape(s.Bank.WeightShape()), pyShape([]int{s.OutChannels}), pyShape(s.Out.Shape))
		if lines[i] != want {
			t.Errorf("%s: PyTorch printed %s, want %s", exportCases[i].name, lines[i], want)
		}
		shape, y, err := npy.Load(paths[i] + ".y.npy")
		if err != nil || !equalShape(shape, s.Out.Shape) {
			t.Fatalf("%s: y %v %v", exportCases[i].name, shape, err)
		}
		for j, v := range y {
			if d := math.Abs(float64(v - s.Out.Data[j])); d > 1e-5*max(1, math.Abs(float64(v))) {
				t.Fatalf("%s: y[%d] = %v in PyTorch, %v here", exportCases[i].name, j, v, s.Out.Data[j])
			}
		}
	}
}

// The snippet is a lesson (issue 20, item 9): the weight nested in its
// [out, in, k, k] shape with aligned columns (the default layer's 5x5
// kernels two side by side, each pair under its names), the bias one
// list, a small input inline (only the rows and columns around its ink:
// a blank canvas is torch.zeros) and a large one from the Save .npy file;
// the default layer in ~60 lines (78 before; 71 → 61 on the first screen's
// digit, 50 → 40 on a blank canvas), the RGB example in under 12 KB (118 KB
// before), no line of the three wider than the code box's codeWidth.
func TestPyTorchCodeIsALesson(t *testing.T) {
	s := fresh(t)
	code := s.Export.PyTorchCode()
	if n := strings.Count(code, "\n"); n > 40 || !strings.Contains(code, "x = torch.zeros(1, 1, 28, 28)  # input [1, 1, 28, 28]: all zeros\n") {
		t.Errorf("the default layer's snippet on a blank canvas has %d lines and no torch.zeros input:\n%s", n, code)
	}
	s.Input.PickDigit(0)
	code = s.Export.PyTorchCode()
	if n := strings.Count(code, "\n"); n > 61 {
		t.Errorf("the default layer's snippet on digit 0 has %d lines:\n%s", n, code)
	}
	for _, want := range []string{
		"    # w[0, 0]          w[1, 0]\n    [[[0, 0, 0, 0, 0], [0.00390625,   0.015625,  0.0234375,   0.015625, 0.00390625]],\n",
		"     [[-1,  0,  1,  2,  3], [  0.10869898, -0.048804324,   0.15042041,  0.098345466,   0.07924571]],\n",
		"    m.weight.copy_(w.transpose(1, 2).reshape(8, 1, 5, 5))  # [4, 5, 2, 5] → [4, 2, 5, 5] → [8, 1, 5, 5]\n",
		"b = torch.tensor([0, 0, 0, 0, 0, 0, 0, -0.14672697], dtype=torch.float32)\n",
		"x = torch.zeros(1, 1, 28, 28)  # input [1, 1, 28, 28], zero outside rows 7..26, cols 6..21\nx[..., 7:27, 6:22] = torch.tensor([",
		"\n    [ 84, 185, 159, 151,  60,  36,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0],\n"} {
		if !strings.Contains(code, want) {
			t.Errorf("the default snippet lacks %q:\n%s", want, code)
		}
	}
	narrow(t, "the default layer's", code)
	s.LoadExample(0)
	rgb := s.Export.PyTorchCode()
	if len(rgb) > 12000 || !strings.Contains(rgb, `np.load("conv_input.npy")`) || !strings.Contains(rgb, "Save .npy") {
		t.Errorf("the RGB example's snippet (%d bytes) does not load its input from conv_input.npy (Save .npy):\n%s", len(rgb), rgb)
	}
	narrow(t, "the RGB example's", rgb)
	s.LoadExample(1)
	narrow(t, "the MNIST example's", s.Export.PyTorchCode())
}

// narrow fails when a line of code is wider than codeWidth.
func narrow(t *testing.T, name, code string) {
	t.Helper()
	for _, l := range strings.Split(code, "\n") {
		if n := utf8.RuneCountInString(l); n > codeWidth {
			t.Errorf("%s snippet has a line of %d columns: %s", name, n, l)
		}
	}
}

// PyNested writes a tensor as nested lists in its shape, the numbers of
// each matrix right-aligned in columns; PyList one list.
func TestPyNested(t *testing.T) {
	got := PyNested([]float32{1, -0.5, 0.25, 2, 0, 0, 0, 1.5}, []int{2, 1, 2, 2}, "  ")
	want := `[[[[   1, -0.5],
     [0.25,    2]]],
   [[[  0,   0],
     [  0, 1.5]]]]`
	if got != want {
		t.Errorf("PyNested:\n%s\nwant\n%s", got, want)
	}
	if got := PyList([]float32{0.1, -2, 3}, 0, ""); got != "[0.1, -2, 3]" {
		t.Errorf("PyList = %s", got)
	}
	// A filter's kernels share their columns; a long list breaks into
	// aligned rows.
	if got := PyNested([]float32{1, -0.5, 0.25, 2}, []int{1, 2, 1, 2}, ""); got != "[[[[   1, -0.5]],\n  [[0.25,    2]]]]" {
		t.Errorf("PyNested of a filter:\n%s", got)
	}
	long := make([]float32, 12)
	for i := range long {
		long[i] = float32(i) / 3
	}
	if got := PyList(long, 70, "  "); got != "[\n"+
		"               0, 0.33333334,  0.6666667,          1,  1.3333334,  1.6666666,          2,  2.3333333,\n"+
		"       2.6666667,          3,  3.3333333,  3.6666667,\n  ]" {
		t.Errorf("PyList of a long list:\n%s", got)
	}
}

// Kernels go side by side only when their lines fit and each is as wide
// as its name above it.
func TestKernelsSideBySide(t *testing.T) {
	w := &conv.Tensor{Shape: []int{2, 1, 2, 2}, Data: []float32{10, 20, 30, 40, -1, 0.5, 0, 0}}
	got, ok := pyKernelsSideBySide(w, 2, codeWidth)
	want := "[\n    # w[0, 0]   w[1, 0]\n    [[[10, 20], [ -1, 0.5]],\n     [[30, 40], [  0,   0]]],\n]"
	if !ok || got != want {
		t.Errorf("side by side:\n%s\nwant\n%s", got, want)
	}
	if _, ok := pyKernelsSideBySide(w, 2, 20); ok {
		t.Error("lines of 29 columns fit in 20")
	}
	if got, ok := pyKernelsSideBySide(w, 3, codeWidth); ok {
		t.Errorf("2 kernels in groups of 3:\n%s", got)
	}
	one := &conv.Tensor{Shape: []int{2, 1, 1, 1}, Data: []float32{1, 2}}
	if got, ok := pyKernelsSideBySide(one, 2, codeWidth); ok {
		t.Errorf("1x1 kernels under names wider than them:\n%s", got)
	}
}

func pyShape(s []int) string { return conv.FormatShape(s) } // PyTorch's torch.Size prints the same

func equalShape(a, b []int) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

// The literals come back bit for bit through a float64 parse (as Python
// reads them), also where the shortest float32 digits would not.
func TestPyFloat(t *testing.T) {
	long := 0
	for i := uint32(0); i < 1<<20; i++ {
		v := math.Float32frombits(uint32(uint64(i)*0x7f7fffff>>20) | i&1<<31) // spread over the finite float32
		d, err := strconv.ParseFloat(pyFloat(v), 64)
		if err != nil || math.Float32bits(float32(d)) != math.Float32bits(v) {
			t.Fatalf("%v written %s", v, pyFloat(v))
		}
		if pyFloat(v) != strconv.FormatFloat(float64(v), 'g', -1, 32) {
			long++
		}
	}
	if pyFloat(0.1) != "0.1" || pyFloat(-2.5) != "-2.5" || pyFloat(float32(1)/3) != "0.33333334" {
		t.Errorf("0.1 → %s, -2.5 → %s, 1/3 → %s", pyFloat(0.1), pyFloat(-2.5), pyFloat(float32(1)/3))
	}
	t.Logf("%d of 2^20 values needed float64 digits", long)
}

// The four .npy files load with np.load and hold the layer: F.conv2d of
// the loaded input, weight and bias gives the loaded output.
func TestNPYExport(t *testing.T) {
	s := fresh(t)
	exportCases[0].setup(s)
	s.Step(SetGroups, +2) // groups 3: weight [6, 1, 5, 5]
	dir := t.TempDir()
	for _, name := range []string{TensorInput, TensorWeight, TensorBias, TensorOutput} {
		b, err := s.Export.NPY(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".npy"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if sh, _, err := npy.Read(bytes.NewReader(b)); err != nil || name == TensorWeight && pyShape(sh) != "[6, 1, 5, 5]" {
			t.Errorf("%s: %v %v", name, sh, err)
		}
	}
	out := python(t, `
import sys, numpy as np, torch
import torch.nn.functional as F
d = sys.argv[1]
x, w, b, y = (np.load(d + "/" + n + ".npy") for n in ("input", "weight", "bias", "output"))
assert all(a.dtype == np.float32 for a in (x, w, b, y))
z = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), 1, 2, 1, 3).numpy()
print(x.shape, w.shape, b.shape, y.shape, np.abs(z - y).max() <= 1e-5 * max(1, np.abs(y).max()))`, dir)
	if got := strings.TrimSpace(string(out)); got != "(1, 3, 64, 64) (6, 1, 5, 5) (6,) (1, 6, 64, 64) True" {
		t.Errorf("numpy/torch: %s", got)
	}
	if _, err := s.Export.NPY("gradient"); err == nil {
		t.Error("unknown tensor accepted")
	}
	s.Step(SetGroups, -1)
	if _, err := s.Export.NPY(TensorOutput); err == nil || !strings.Contains(err.Error(), "in_channels must be divisible by groups") {
		t.Errorf("output of a rejected layer: %v", err)
	}
}
