package main

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/conv/npy"
	"convplayground/internal/golden"
)

// transposeDir holds package conv's ConvTranspose2d fixtures (scripts/golden_transpose.py).
const transposeDir = "../../conv/testdata/transpose"

// transposeFlagsOf are the command-line flags of a transposed golden case.
func transposeFlagsOf(gc golden.Case) []string {
	p := func(v [2]int) string { return fmt.Sprintf("%d,%d", v[0], v[1]) }
	return []string{"-transpose", "-stride", p(gc.Stride), "-padding", p(gc.Padding), "-output-padding", p(gc.OutputPadding),
		"-dilation", p(gc.Dilation), "-groups", fmt.Sprint(gc.Groups), "-padding-mode", gc.PaddingMode}
}

// conv2d -transpose on every valid fixture prints the shapes and writes
// PyTorch's numbers; -png draws the upsampled map.
func TestTransposeGolden(t *testing.T) {
	cases, err := golden.Cases(transposeDir)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, gc := range cases {
		if gc.Error != "" {
			continue
		}
		dir := t.TempDir()
		files := extractFrom(t, transposeDir, gc, dir)
		out := filepath.Join(dir, "out.npy")
		args := append([]string{"-x", files["x"], "-w", files["weight"], "-o", out}, transposeFlagsOf(gc)...)
		var bShape []int
		if files["bias"] != "" {
			args = append(args, "-b", files["bias"])
			bShape = []int{gc.OutChannels}
		}
		if ran == 0 {
			args = append(args, "-png", filepath.Join(dir, "maps.png"))
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Errorf("case %d (%s): exit %d: %s", gc.ID, gc.Name, code, stderr.String())
			continue
		}
		wshape := []int{gc.InChannels, gc.OutChannels / gc.Groups, gc.Kernel[0], gc.Kernel[1]}
		if want := shapeLine(gc.Input, wshape, bShape, gc.Output); stdout.String() != want {
			t.Errorf("case %d (%s): printed %q, want %q", gc.ID, gc.Name, stdout.String(), want)
		}
		shape, got, err := npy.Load(out)
		if err != nil {
			t.Fatal(err)
		}
		_, want, _ := npy.Load(files["out"])
		if !slices.Equal(shape, gc.Output) {
			t.Fatalf("case %d (%s): output shape %v, torch %v", gc.ID, gc.Name, shape, gc.Output)
		}
		checkClose(t, got, want)
		if ran == 0 {
			if f, err := os.Open(filepath.Join(dir, "maps.png")); err != nil {
				t.Error(err)
			} else if _, err := png.Decode(f); err != nil {
				t.Errorf("case %d: maps.png: %v", gc.ID, err)
			}
		}
		ran++
	}
	if ran < 100 {
		t.Errorf("%d valid cases ran, want at least 100", ran)
	}
}

// Every rejected fixture whose weight a file can hold (no negative size;
// out_channels = the weight's second size × groups) exits with status 1 and
// PyTorch's message, and writes nothing.
func TestTransposeGoldenRejected(t *testing.T) {
	cases, err := golden.Cases(transposeDir)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ran := 0
	for _, gc := range cases {
		if gc.Error == "" || gc.Groups <= 0 || gc.OutChannels%gc.Groups != 0 ||
			min(gc.InChannels, gc.OutChannels, gc.Kernel[0], gc.Kernel[1]) < 0 {
			continue
		}
		x, w, b, out := filepath.Join(dir, "x.npy"), filepath.Join(dir, "w.npy"), filepath.Join(dir, "b.npy"), filepath.Join(dir, "out.npy")
		wshape := []int{gc.InChannels, gc.OutChannels / gc.Groups, gc.Kernel[0], gc.Kernel[1]}
		for _, f := range []struct {
			path  string
			shape []int
		}{{x, gc.Input}, {w, wshape}, {b, []int{gc.OutChannels}}} {
			if err := npy.Save(f.path, f.shape, make([]float32, conv.Numel(f.shape))); err != nil {
				t.Fatal(err)
			}
		}
		args := append([]string{"-x", x, "-w", w, "-o", out}, transposeFlagsOf(gc)...)
		if gc.Bias {
			args = append(args, "-b", b)
		}
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if code != 1 || stderr.String() != gc.Error+"\n" || stdout.Len() != 0 {
			t.Errorf("case %d (%s): exit %d, stderr %q; want 1 and torch's %q", gc.ID, gc.Name, code, stderr.String(), gc.Error)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("case %d (%s): a rejected setting wrote an output", gc.ID, gc.Name)
		}
		ran++
	}
	if ran < 100 {
		t.Errorf("%d rejected cases ran, want at least 100", ran)
	}
}

// The transposed flags' own mistakes: a message and status 2; a bias of
// the wrong size: PyTorch's message for a transposed convolution.
func TestTransposeBadArguments(t *testing.T) {
	dir := t.TempDir()
	w := filepath.Join(dir, "w.npy")
	npy.Save(w, []int{2, 3, 4, 4}, make([]float32, 96))
	x := filepath.Join(dir, "x.npy")
	npy.Save(x, []int{1, 2, 5, 5}, make([]float32, 50))
	b := filepath.Join(dir, "b.npy")
	npy.Save(b, []int{2}, make([]float32, 2))
	w3 := filepath.Join(dir, "w3.npy")
	npy.Save(w3, []int{2, 3, 4}, make([]float32, 24))
	o := filepath.Join(dir, "o.npy")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-x", x, "-w", w, "-o", o, "-output-padding", "1"}, 2, "-output-padding is a setting of -transpose"},
		{[]string{"-x", x, "-w", w, "-o", o, "-transpose", "-output-padding", "1,2,3"}, 2, "-output-padding"},
		{[]string{"-x", x, "-w", w, "-o", o, "-transpose", "-padding", "same"}, 2, "-padding same is not a setting of -transpose"},
		{[]string{"-x", x, "-w", w3, "-o", o, "-transpose"}, 2, "[in, out/groups, kh, kw]"},
		{[]string{"-x", x, "-w", w, "-o", o, "-transpose", "-b", b}, 1,
			"Given transposed=1, weight of size [2, 3, 4, 4], expected bias to be 1-dimensional with 3 elements, but got bias of size [2] instead"},
		{[]string{"-x", x, "-w", w, "-o", o, "-transpose", "-stride", "2", "-output-padding", "2"}, 1,
			"output padding must be smaller than either stride or dilation, but got output_padding_height: 2 output_padding_width: 2 stride_height: 2 stride_width: 2 dilation_height: 1 dilation_width: 1"},
		{[]string{"-x", x, "-w", w, "-o", o, "-transpose", "-max-macs", "100"}, 2, "-max-macs 2400"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), tc.code, tc.msg)
		}
	}
}
