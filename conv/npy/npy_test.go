package npy

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/go_*.npy")

type array struct {
	Shape []int
	Data  []float32
}

// arange is the array scripts/golden.py saves as numpy_*.npy:
// np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8 - 1.
func arange() array {
	t := array{[]int{2, 3, 4}, make([]float32, 24)}
	for i := range t.Data {
		t.Data[i] = float32(i)/8 - 1
	}
	return t
}

func load(name string) (array, error) {
	s, d, err := Load(name)
	return array{s, d}, err
}

// goFiles are the files our writer produces; scripts/golden.py checks that
// NumPy loads them with these values.
func goFiles() map[string]array {
	return map[string]array{
		"go_f4.npy":     arange(),
		"go_scalar.npy": {[]int{}, []float32{2.5}},
		"go_empty.npy":  {[]int{0, 3}, []float32{}},
	}
}

func encode(t *testing.T, x array) []byte {
	var b bytes.Buffer
	if err := Write(&b, x.Shape, x.Data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadNumPyFiles(t *testing.T) {
	a := arange()
	for _, tc := range []struct {
		file  string
		shape []int
		scale float32
	}{
		{"numpy_f4.npy", []int{2, 3, 4}, 1},
		{"numpy_f4_v2.npy", []int{2, 3, 4}, 1},
		{"numpy_f4_v3.npy", []int{2, 3, 4}, 1},
		{"numpy_f8.npy", []int{2, 3, 4}, 3},
		{"numpy_scalar.npy", []int{}, 0},
		{"numpy_empty.npy", []int{0, 3}, 0},
	} {
		x, err := load(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if !slices.Equal(x.Shape, tc.shape) {
			t.Errorf("%s: shape %v, want %v", tc.file, x.Shape, tc.shape)
		}
		switch {
		case tc.file == "numpy_scalar.npy":
			if len(x.Data) != 1 || x.Data[0] != 2.5 {
				t.Errorf("%s: %v", tc.file, x.Data)
			}
		case len(tc.shape) == 3:
			for i, v := range x.Data {
				if v != a.Data[i]*tc.scale {
					t.Fatalf("%s: [%d] = %v, want %v", tc.file, i, v, a.Data[i]*tc.scale)
				}
			}
		}
	}
}

func TestRefused(t *testing.T) {
	for file, want := range map[string]string{
		"numpy_fortran.npy":    "Fortran",
		"numpy_i4.npy":         "int32 array where float32 or float64 is wanted",
		"numpy_big_endian.npy": "unsupported dtype \">f4\"",
	} {
		_, _, err := Load(filepath.Join("testdata", file))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error with %q", file, err, want)
		}
	}
	good, err := os.ReadFile("testdata/numpy_f4.npy")
	if err != nil {
		t.Fatal(err)
	}
	hdr := func(dict string) []byte {
		b := []byte(magic + "\x01\x00")
		b = append(b, byte(len(dict)), byte(len(dict)>>8))
		return append(b, dict...)
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"empty":           {nil, "too short"},
		"bad magic":       {[]byte("\x93NUMPZ\x01\x00\x00\x00"), "bad magic"},
		"version 4":       {[]byte(magic + "\x04\x00\x00\x00"), "version 4.0"},
		"short header":    {good[:50], "truncated header"},
		"short data":      {good[:len(good)-1], "truncated data"},
		"huge shape":      {hdr("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }\n"), "too large"},
		"huge dim":        {hdr("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }\n"), "shape"},
		"negative dim":    {hdr("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }\n"), "shape"},
		"int not tuple":   {hdr("{'descr': '<f4', 'fortran_order': False, 'shape': (3), }\n"), "shape"},
		"missing key":     {hdr("{'descr': '<f4', 'shape': (3,), }\n"), "want descr"},
		"unknown key":     {hdr("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'x': 1}\n"), "unknown key"},
		"not a dict":      {hdr("[1, 2]\n"), "want a dict"},
		"unclosed":        {hdr("{'descr': '<f4', 'fortran_order': False, 'shape': (3,\n"), "shape"},
		"huge header len": {[]byte(magic + "\x02\x00\xff\xff\xff\x7f"), "too large"},
		"complex":         {hdr("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }\n"), "dtype"},
	} {
		_, _, err := Read(bytes.NewReader(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", name, err, tc.want)
		}
	}
}

// Our writer produces exactly NumPy's bytes.
func TestWriteMatchesNumPy(t *testing.T) {
	want, err := os.ReadFile("testdata/numpy_f4.npy")
	if err != nil {
		t.Fatal(err)
	}
	if got := encode(t, arange()); !bytes.Equal(got, want) {
		t.Errorf("Write differs from np.save:\n%q\n%q", got[:128], want[:128])
	}
	for _, f := range []string{"numpy_scalar.npy", "numpy_empty.npy"} {
		want, _ := os.ReadFile(filepath.Join("testdata", f))
		s, d, err := Read(bytes.NewReader(want))
		if err != nil {
			t.Fatal(err)
		}
		if got := encode(t, array{s, d}); !bytes.Equal(got, want) {
			t.Errorf("%s: Write differs from np.save", f)
		}
	}
}

// The committed go_*.npy (which scripts/golden.py loads with NumPy) are what
// Write produces today; -update rewrites them.
func TestGoFiles(t *testing.T) {
	for name, x := range goFiles() {
		got := encode(t, x)
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: Write's output changed; run go test ./conv/npy -update and make golden", name)
		}
		s, d, err := Read(bytes.NewReader(got))
		if err != nil || !slices.Equal(s, x.Shape) || !slices.Equal(d, x.Data) {
			t.Errorf("%s: round trip gave %v %v, %v", name, s, d, err)
		}
	}
}

// NumPy itself loads what we write (when /usr/bin/python3 has NumPy).
func TestNumPyLoadsOurFiles(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no subprocesses under js/wasm")
	}
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import numpy").Run() != nil {
		t.Skip("no /usr/bin/python3 with numpy")
	}
	x := make([]float32, 210) // a shape whose header differs from the committed files
	for i := range x {
		x[i] = float32(i)*0.37 - 20
	}
	path := filepath.Join(t.TempDir(), "x.npy")
	if err := Save(path, []int{3, 1, 70}, x); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", `
import sys, numpy as np
a = np.load(sys.argv[1])
want = (np.arange(210, dtype=np.float32) * np.float32(0.37) - np.float32(20)).reshape(3, 1, 70)
assert a.dtype == np.float32 and a.shape == (3, 1, 70), (a.dtype, a.shape)
assert np.array_equal(a, want), np.abs(a - want).max()
print("ok")`, path).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("numpy could not load our file: %v\n%s", err, out)
	}
}
