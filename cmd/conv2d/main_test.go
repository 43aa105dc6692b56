package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/conv/npy"
	"convplayground/internal/golden"
)

// goldenDir holds package conv's golden fixtures (package golden).
const goldenDir = "../../conv/testdata/golden"

// goldenCase is the golden case called name.
func goldenCase(t *testing.T, name string) golden.Case { return caseIn(t, goldenDir, name) }

// caseIn is the case called name of the fixtures in dir.
func caseIn(t *testing.T, dir, name string) golden.Case {
	cases, err := golden.Cases(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no golden case %q", name)
	return golden.Case{}
}

// extract writes the case's arrays as .npy files into dir; returns their paths.
func extract(t *testing.T, gc golden.Case, dir string) map[string]string {
	return extractFrom(t, goldenDir, gc, dir)
}

// extractFrom is extract for a case of the fixtures in fixtures.
func extractFrom(t *testing.T, fixtures string, gc golden.Case, dir string) map[string]string {
	arrays, err := gc.Arrays(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{}
	for name, a := range arrays {
		p := filepath.Join(dir, name+".npy")
		if err := npy.Save(p, a.Shape, a.Data); err != nil {
			t.Fatal(err)
		}
		paths[name] = p
	}
	return paths
}

// flags are the command-line flags of a golden case's settings.
func flags(gc golden.Case) []string {
	p := fmt.Sprintf("%d,%d", gc.Padding[0], gc.Padding[1])
	if gc.PaddingString != "" {
		p = gc.PaddingString
	}
	return []string{"-stride", fmt.Sprintf("%d,%d", gc.Stride[0], gc.Stride[1]), "-padding", p,
		"-dilation", fmt.Sprintf("%d,%d", gc.Dilation[0], gc.Dilation[1]),
		"-groups", fmt.Sprint(gc.Groups), "-padding-mode", gc.PaddingMode}
}

func shapeLine(in, w, b, out []int) string {
	bias := "none"
	if b != nil {
		bias = conv.FormatShape(b)
	}
	return fmt.Sprintf("input %s  weight %s  bias %s  output %s\n", conv.FormatShape(in), conv.FormatShape(w), bias, conv.FormatShape(out))
}

func checkClose(t *testing.T, got, want []float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d", len(got), len(want))
	}
	for i := range want {
		if d := math.Abs(float64(got[i] - want[i])); d > 1e-4*max(1, math.Abs(float64(want[i]))) {
			t.Fatalf("[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}

// The built binary, run on golden fixtures, prints the shapes and writes
// PyTorch's numbers; a rejected setting exits 1 with PyTorch's message.
func TestEndToEnd(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no subprocesses under js/wasm")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "conv2d")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, name := range []string{"zeros explicit asymmetric", "reflect same even kernel", "circular dilated strided", "unbatched", "seed RGB 6 filters k5 s1 p2"} {
		gc := goldenCase(t, name)
		files := extract(t, gc, t.TempDir())
		outPath := filepath.Join(dir, "out.npy")
		args := append([]string{"-x", files["x"], "-w", files["weight"], "-o", outPath, "-png", filepath.Join(dir, "maps.png")}, flags(gc)...)
		var bShape []int
		if files["bias"] != "" {
			args = append(args, "-b", files["bias"])
			bShape = []int{gc.Output[len(gc.Output)-3]}
		}
		cmd := exec.Command(bin, args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, stderr.String())
		}
		wshape, _, err := npy.Load(files["weight"])
		if err != nil {
			t.Fatal(err)
		}
		if want := shapeLine(gc.Input, wshape, bShape, gc.Output); stdout.String() != want {
			t.Errorf("%s: printed %q, want %q", name, stdout.String(), want)
		}
		shape, got, err := npy.Load(outPath)
		if err != nil {
			t.Fatal(err)
		}
		_, want, _ := npy.Load(files["out"])
		if !slices.Equal(shape, gc.Output) {
			t.Fatalf("%s: output shape %v, torch %v", name, shape, gc.Output)
		}
		checkClose(t, got[:len(want)], want)
		if f, err := os.Open(filepath.Join(dir, "maps.png")); err != nil {
			t.Error(err)
		} else if _, err := png.Decode(f); err != nil {
			t.Errorf("%s: maps.png: %v", name, err)
		}
	}

	// A setting PyTorch rejects: its message on stderr, status 1, no output.
	gc := goldenCase(t, "reflect width") // reflect padding 4 on a width of 4
	w := filepath.Join(dir, "w.npy")
	if err := npy.Save(w, []int{6, 3, 5, 5}, make([]float32, 6*3*5*5)); err != nil {
		t.Fatal(err)
	}
	x := filepath.Join(dir, "x.npy")
	if err := npy.Save(x, gc.Input, make([]float32, conv.Numel(gc.Input))); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "rejected.npy")
	cmd := exec.Command(bin, "-x", x, "-w", w, "-padding", "2,4", "-padding-mode", "reflect", "-o", out)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("rejected setting: %v, want exit status 1", err)
	}
	if stderr.String() != gc.Error+"\n" || stdout.Len() != 0 {
		t.Errorf("rejected setting: stderr %q stdout %q, want torch's %q", stderr.String(), stdout.String(), gc.Error)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("rejected setting wrote an output")
	}
}

// An image as -x: grey → [1,1,H,W], colour → [1,3,H,W], values in [0,1].
func TestImageInput(t *testing.T) {
	dir := t.TempDir()
	grey := image.NewGray(image.Rect(0, 0, 7, 5))
	rgb := image.NewNRGBA(image.Rect(0, 0, 7, 5))
	for i := range grey.Pix {
		grey.Pix[i] = uint8(i * 7)
	}
	for i := range rgb.Pix {
		rgb.Pix[i] = uint8(i * 3)
		if i%4 == 3 {
			rgb.Pix[i] = 255
		}
	}
	for _, tc := range []struct {
		img image.Image
		ch  int
		at  func(c, y, x int) float32
	}{
		{grey, 1, func(c, y, x int) float32 { return float32(grey.GrayAt(x, y).Y) / 255 }},
		{rgb, 3, func(c, y, x int) float32 { return float32(rgb.Pix[(y*7+x)*4+c]) / 255 }},
	} {
		in := filepath.Join(dir, "in.png")
		f, _ := os.Create(in)
		if err := png.Encode(f, tc.img); err != nil {
			t.Fatal(err)
		}
		f.Close()
		w := filepath.Join(dir, "w.npy")
		npy.Save(w, []int{1, tc.ch, 1, 1}, slices.Repeat([]float32{1}, tc.ch)) // sum of channels
		out := filepath.Join(dir, "out.npy")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-x", in, "-w", w, "-o", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if want := shapeLine([]int{1, tc.ch, 5, 7}, []int{1, tc.ch, 1, 1}, nil, []int{1, 1, 5, 7}); stdout.String() != want {
			t.Errorf("printed %q, want %q", stdout.String(), want)
		}
		_, got, err := npy.Load(out)
		if err != nil {
			t.Fatal(err)
		}
		for y := 0; y < 5; y++ {
			for x := 0; x < 7; x++ {
				var s float32
				for c := 0; c < tc.ch; c++ {
					s += tc.at(c, y, x)
				}
				if d := got[y*7+x] - s; d > 1e-6 || d < -1e-6 {
					t.Fatalf("channels %d (%d,%d): %v, want %v", tc.ch, y, x, got[y*7+x], s)
				}
			}
		}
	}
}

// A grey JPEG is one channel, a colour one three.
func TestJPEGInput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		img image.Image
		ch  int
	}{{image.NewGray(image.Rect(0, 0, 9, 4)), 1}, {image.NewRGBA(image.Rect(0, 0, 9, 4)), 3}} {
		in := filepath.Join(dir, "in.jpg")
		f, _ := os.Create(in)
		if err := jpeg.Encode(f, tc.img, nil); err != nil {
			t.Fatal(err)
		}
		f.Close()
		w := filepath.Join(dir, "w.npy")
		npy.Save(w, []int{2, tc.ch, 3, 3}, make([]float32, 2*tc.ch*9))
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-x", in, "-w", w, "-o", filepath.Join(dir, "o.npy"), "-padding", "same"}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if want := shapeLine([]int{1, tc.ch, 4, 9}, []int{2, tc.ch, 3, 3}, nil, []int{1, 2, 4, 9}); stdout.String() != want {
			t.Errorf("printed %q, want %q", stdout.String(), want)
		}
	}
}

// Bad command lines and files: a message and status 2, never a panic.
func TestBadArguments(t *testing.T) {
	dir := t.TempDir()
	w := filepath.Join(dir, "w.npy")
	npy.Save(w, []int{2, 1, 3, 3}, make([]float32, 18))
	w3 := filepath.Join(dir, "w3.npy")
	npy.Save(w3, []int{2, 3, 3}, make([]float32, 18))
	x := filepath.Join(dir, "x.npy")
	npy.Save(x, []int{1, 1, 8, 8}, make([]float32, 64))
	junk := filepath.Join(dir, "junk.png")
	os.WriteFile(junk, []byte("not an image"), 0o644)
	huge := filepath.Join(dir, "huge.png")
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	hb := b.Bytes()
	hb[16], hb[17], hb[18], hb[19] = 0, 0, 0x30, 0 // width 12288 in the IHDR
	binary.BigEndian.PutUint32(hb[29:], crc32.ChecksumIEEE(hb[12:29]))
	os.WriteFile(huge, hb, 0o644)
	o := filepath.Join(dir, "o.npy")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-x", x, "-w", w}, 2, "required"},
		{[]string{"-x", x, "-w", w, "-o", o, "-stride", "1,2,3"}, 2, "-stride"},
		{[]string{"-x", x, "-w", w, "-o", o, "-padding", "full"}, 2, "-padding"},
		{[]string{"-x", x, "-w", w3, "-o", o}, 2, "4-D"},
		{[]string{"-x", junk, "-w", w, "-o", o}, 2, "neither"},
		{[]string{"-x", huge, "-w", w, "-o", o}, 2, "too large"},
		{[]string{"-x", filepath.Join(dir, "missing.npy"), "-w", w, "-o", o}, 2, "missing.npy"},
		{[]string{"-x", x, "-w", w, "-o", o, "-b", w}, 1, "expected bias to be 1-dimensional with 2 elements, but got bias of size [2, 1, 3, 3]"},
		{[]string{"-x", x, "-w", w, "-o", o, "-stride", "0"}, 1, "non-positive stride is not supported"},
		{[]string{"-x", x, "-w", w, "-o", o, "-groups", "2"}, 1, "Given groups=2, weight of size [2, 1, 3, 3], expected input[1, 1, 8, 8] to have 2 channels, but got 1 channels instead"},
		{[]string{"-x", x, "-w", w, "-o", o, "-padding", "same", "-stride", "2"}, 1, "padding='same' is not supported for strided convolutions"},
		{[]string{"-x", x, "-w", w, "-o", o, "-padding-mode", "wrap"}, 1, "padding_mode must be one of"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), tc.code, tc.msg)
		}
	}
}
