package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"convplayground/conv/npy"
)

// headerOnly writes a float32 .npy whose header claims shape (of up to
// four dimensions) and which holds no data: reading the data is an error,
// so a check that answers must have answered from the header alone.
func headerOnly(t *testing.T, path string, shape ...int) {
	t.Helper()
	var dims []string
	for _, d := range shape {
		dims = append(dims, itoa(d))
	}
	if len(dims) == 1 {
		dims[0] += "," // Python's 1-tuple
	}
	dict := "{'descr': '<f4', 'fortran_order': False, 'shape': (" + strings.Join(dims, ", ") + "), }"
	dict += strings.Repeat(" ", 128-10-1-len(dict)) + "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(len(dict)), 0)
	if err := os.WriteFile(path, append(b, dict...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The setting, the bias and the work are checked from the files' headers,
// before their data is read (a 1 GiB input was read whole first).
func TestShapesBeforeData(t *testing.T) {
	dir, x, w := tensors(t) // x [1,1,64,64], w [4,1,5,5], both whole
	small, huge, wBig, bBad := filepath.Join(dir, "small.npy"), filepath.Join(dir, "huge.npy"), filepath.Join(dir, "wbig.npy"), filepath.Join(dir, "b.npy")
	headerOnly(t, small, 1, 1, 4, 4)
	headerOnly(t, huge, 1, 1, 16384, 16384)
	headerOnly(t, wBig, 2, 1, 65, 65)
	headerOnly(t, bBad, 3)
	w1 := filepath.Join(dir, "w1.npy") // one filter: the huge input's output stays under conv.MaxElements
	if err := npy.Save(w1, []int{1, 1, 5, 5}, make([]float32, 25)); err != nil {
		t.Fatal(err)
	}
	o := filepath.Join(dir, "o.npy")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-x", small, "-w", w}, 1, "Kernel size: (5 x 5). Kernel size can't be greater than actual input size"},
		{[]string{"-x", x, "-w", wBig}, 1, "Kernel size: (65 x 65). Kernel size can't be greater than actual input size"},
		{[]string{"-x", huge, "-w", w, "-stride", "0"}, 1, "non-positive stride is not supported"},
		{[]string{"-x", huge, "-w", w1, "-max-macs", "1e9"}, 2, "above the limit of 1e+09"},
		{[]string{"-x", huge, "-w", w1, "-b", bBad}, 1, "expected bias to be 1-dimensional with 1 elements, but got bias of size [3]"},
		{[]string{"-x", small, "-w", w, "-padding", "2"}, 2, "truncated data"}, // a valid setting: now the data is read
	} {
		var stdout, stderr bytes.Buffer
		code := run(append(c.args, "-o", o), &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}

// -max-macs NaN, ±Inf or below 0 is a bad command line (NaN and +Inf
// meant "no limit").
func TestMaxMACsInvalid(t *testing.T) {
	dir, x, w := tensors(t)
	o := filepath.Join(dir, "o.npy")
	for _, v := range []string{"NaN", "nan", "Inf", "+Inf", "-Inf", "-1", "-0.5"} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"-x", x, "-w", w, "-o", o, "-max-macs", v}, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "-max-macs") {
			t.Errorf("-max-macs %s: exit %d, stderr %q; want 2 naming the flag", v, code, stderr.String())
		}
		if _, err := os.Stat(o); err == nil {
			t.Fatalf("-max-macs %s: the output was written", v)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-x", x, "-w", w, "-o", o, "-max-macs", "1e300"}, &stdout, &stderr); code != 0 {
		t.Errorf("-max-macs 1e300: exit %d, %q", code, stderr.String())
	}
}

// A -png that cannot be written leaves no -o behind (and an earlier -o
// as it was); nothing is left under a temporary name.
func TestPNGFailureWritesNothing(t *testing.T) {
	dir, x, w := tensors(t)
	o := filepath.Join(dir, "o.npy")
	for _, earlier := range []bool{false, true} {
		if earlier {
			os.WriteFile(o, []byte("earlier"), 0o644)
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"-x", x, "-w", w, "-o", o, "-png", filepath.Join(dir, "missing", "maps.png")}, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "maps.png") || strings.Contains(stderr.String(), ".tmp") {
			t.Errorf("exit %d, stderr %q; want 2 naming maps.png", code, stderr.String())
		}
		got, err := os.ReadFile(o)
		if earlier && string(got) != "earlier" || !earlier && err == nil {
			t.Errorf("earlier -o %v: the -o file is now %.20q (%v)", earlier, got, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	// Both written when both can be, with the usual permissions.
	p := filepath.Join(dir, "maps.png")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-x", x, "-w", w, "-o", o, "-png", p}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{o, p} {
		if info, err := os.Stat(f); err != nil || info.Mode().Perm()&0o044 != 0o044 {
			t.Errorf("%s: %v %v", f, info.Mode(), err)
		}
	}
	if shape, _, err := npy.Load(o); err != nil || len(shape) != 4 {
		t.Errorf("the output: %v %v", shape, err)
	}
}
