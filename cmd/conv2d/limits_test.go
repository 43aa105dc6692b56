package main

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"convplayground/conv/npy"
)

// float64NPY writes a '<f8' .npy of shape [1,1,1,n], as np.save writes one
// (a 128-byte header: 10 bytes of preamble, the dict padded with spaces, '\n').
func float64NPY(t *testing.T, path string, vals ...float64) {
	t.Helper()
	dict := "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, " + itoa(len(vals)) + "), }"
	dict += strings.Repeat(" ", 128-10-1-len(dict)) + "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(len(dict)), 0)
	b = append(b, dict...)
	for _, v := range vals {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func tensors(t *testing.T) (dir, x, w string) {
	t.Helper()
	dir = t.TempDir()
	x, w = filepath.Join(dir, "x.npy"), filepath.Join(dir, "w.npy")
	if err := npy.Save(x, []int{1, 1, 64, 64}, make([]float32, 64*64)); err != nil {
		t.Fatal(err)
	}
	if err := npy.Save(w, []int{4, 1, 5, 5}, make([]float32, 100)); err != nil {
		t.Fatal(err)
	}
	return dir, x, w
}

// A flag the command does not know: status 2, the message once (with the usage).
func TestUnknownFlagOnce(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"-nosuchflag"}, &stdout, &stderr)
	if n := strings.Count(stderr.String(), "flag provided but not defined: -nosuchflag"); code != 2 || n != 1 {
		t.Errorf("exit %d, message %d times in %q; want 2 and once", code, n, stderr.String())
	}
	if !strings.Contains(stderr.String(), "-max-macs") {
		t.Errorf("no usage after the message: %q", stderr.String())
	}
}

// Work above -max-macs is refused before any is done, naming the flag.
func TestWorkLimit(t *testing.T) {
	dir, x, w := tensors(t)
	o := filepath.Join(dir, "o.npy")
	var stdout, stderr bytes.Buffer
	// 4·60·60 outputs of 25 multiply-adds each: 360,000.
	code := run([]string{"-x", x, "-w", w, "-o", o, "-max-macs", "359999"}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "360,000 multiply-adds") || !strings.Contains(stderr.String(), "-max-macs") {
		t.Errorf("exit %d, stderr %q; want 2, the count and the flag", code, stderr.String())
	}
	if _, err := os.Stat(o); err == nil {
		t.Error("a refused call wrote its output")
	}
	stderr.Reset()
	if code := run([]string{"-x", x, "-w", w, "-o", o, "-max-macs", "360000"}, &stdout, &stderr); code != 0 {
		t.Errorf("at the limit: exit %d, %s", code, stderr.String())
	}
	// The default limit: a 256x256 input with a 1024x1024 'same' kernel is
	// 6.9e10 multiply-adds (hours of work before the limit).
	x256, big := filepath.Join(dir, "x256.npy"), filepath.Join(dir, "big.npy")
	npy.Save(x256, []int{1, 1, 256, 256}, make([]float32, 256*256))
	npy.Save(big, []int{1, 1, 1024, 1024}, make([]float32, 1024*1024))
	stderr.Reset()
	start := time.Now()
	code = run([]string{"-x", x256, "-w", big, "-o", o, "-padding", "same"}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "68,719,476,736 multiply-adds") || time.Since(start) > 10*time.Second {
		t.Errorf("256x256 input, 1024x1024 kernel: exit %d after %v, %q", code, time.Since(start), stderr.String())
	}
}

// Progress lines go to stderr for long calls (here: any call, by lowering
// the threshold), the last one at 100 %; stdout keeps only the shapes line.
func TestProgress(t *testing.T) {
	defer func(d time.Duration) { progressAfter = d }(progressAfter)
	progressAfter = 0
	dir, x, w := tensors(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-x", x, "-w", w, "-o", filepath.Join(dir, "o.npy")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], "conv2d: 100%") {
		t.Errorf("stderr %q, want progress lines ending at 100%%", stderr.String())
	}
	if strings.Count(stdout.String(), "\n") != 1 {
		t.Errorf("stdout %q", stdout.String())
	}
}

// A float64 value beyond float32's range is an error, not a silent +Inf.
func TestFloat64OutOfRange(t *testing.T) {
	dir, _, w := tensors(t)
	o := filepath.Join(dir, "o.npy")
	for _, v := range []float64{1e39, -4e38} {
		x := filepath.Join(dir, "x64.npy")
		float64NPY(t, x, 1, v, 3)
		var stdout, stderr bytes.Buffer
		code := run([]string{"-x", x, "-w", w, "-o", o, "-padding", "2"}, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "outside float32's range") {
			t.Errorf("%g: exit %d, stderr %q", v, code, stderr.String())
		}
	}
	x := filepath.Join(dir, "ok64.npy") // float32's largest value itself is fine
	float64NPY(t, x, 1, math.MaxFloat32, 3)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-x", x, "-w", w, "-o", o, "-padding", "2"}, &stdout, &stderr); code != 0 {
		t.Errorf("MaxFloat32: exit %d, %q", code, stderr.String())
	}
}

// -png with an empty batch: one error, and neither output file is written.
func TestEmptyBatchPNG(t *testing.T) {
	dir, _, w := tensors(t)
	x := filepath.Join(dir, "empty.npy")
	if err := npy.Save(x, []int{0, 1, 8, 8}, nil); err != nil {
		t.Fatal(err)
	}
	o, p := filepath.Join(dir, "o.npy"), filepath.Join(dir, "maps.png")
	var stdout, stderr bytes.Buffer
	code := run([]string{"-x", x, "-w", w, "-o", o, "-png", p}, &stdout, &stderr)
	if code != 2 || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "no feature maps") {
		t.Errorf("exit %d, stderr %q; want 2 and one line", code, stderr.String())
	}
	for _, f := range []string{o, p} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was written", filepath.Base(f))
		}
	}
}
