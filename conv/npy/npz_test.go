package npy

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// npzArrays are the arrays scripts/modelfiles.py saves in the numpy_savez*.npz,
// in NumPy's order (the positional arr_0 last).
func npzArrays() []Array {
	b := make([]float32, 5)
	for i := range b {
		b[i] = float32(i)*1.5 - 2
	}
	return []Array{
		{Name: "w", Shape: []int{2, 3, 4}, DType: Float32, F32: arange().Data},
		{Name: "b", Shape: []int{5}, DType: Float64, F32: b},
		{Name: "num_batches_tracked", Shape: []int{}, DType: Int64, I64: []int64{7}},
		{Name: "idx", Shape: []int{2}, DType: Int64, I64: []int64{-3, 1 << 40}},
		{Name: "empty", Shape: []int{0, 3}, DType: Float32, F32: []float32{}},
		{Name: "arr_0", Shape: []int{}, DType: Float32, F32: []float32{2.5}},
	}
}

func sameArrays(t *testing.T, what string, got, want []Array) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d arrays, want %d", what, len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if g.Name != w.Name || g.DType != w.DType || !slices.Equal(g.Shape, w.Shape) ||
			!slices.Equal(g.F32, w.F32) || !slices.Equal(g.I64, w.I64) ||
			(g.F32 == nil) != (w.F32 == nil) || (g.I64 == nil) != (w.I64 == nil) {
			t.Errorf("%s: [%d] = %+v, want %+v", what, i, g, w)
		}
	}
}

func TestReadNPZ(t *testing.T) {
	for _, f := range []string{"numpy_savez.npz", "numpy_savez_compressed.npz"} {
		got, err := LoadNPZ(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		sameArrays(t, f, got, npzArrays())
	}
}

// np.save of an int32 array (np.arange(6, dtype=np.int32)) reads as int64.
func TestReadInt32(t *testing.T) {
	f, err := os.Open("testdata/numpy_i4.npy")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := ReadHeader(f)
	if err != nil || h.DType != Int32 {
		t.Fatalf("header %+v, %v", h, err)
	}
	x, err := ReadInt64(f, h)
	if err != nil || !slices.Equal(x, []int64{0, 1, 2, 3, 4, 5}) {
		t.Errorf("got %v, %v", x, err)
	}
}

func TestReadInt64(t *testing.T) {
	b, err := os.ReadFile("testdata/numpy_i8.npy")
	if err != nil {
		t.Fatal(err)
	}
	r := bytes.NewReader(b)
	h, err := ReadHeader(r)
	if err != nil || h.DType != Int64 || h.Len != int64(len(b)-16) {
		t.Fatalf("header %+v, %v", h, err)
	}
	x, err := ReadInt64(r, h)
	if err != nil || !slices.Equal(x, []int64{-3, 1 << 40}) {
		t.Errorf("got %v, %v", x, err)
	}
	var w bytes.Buffer
	if err := WriteInt64(&w, []int{2}, x); err != nil || !bytes.Equal(w.Bytes(), b) {
		t.Errorf("WriteInt64 differs from np.save: %v", err)
	}
	if _, _, err := Read(bytes.NewReader(b)); err == nil || !strings.Contains(err.Error(), "int64 array where float32 or float64") {
		t.Errorf("Read of an int64 array: %v", err)
	}
}

// A short file claiming a large shape costs only what it holds: refused at
// once when the reader says its length, read until it ends otherwise.
func TestReadDataShortReader(t *testing.T) {
	data := append(encodeHeader("<f4", []int{1 << 24}), make([]byte, 1000)...) // claims 64 MiB
	for name, r := range map[string]io.Reader{
		"with Len":    bytes.NewReader(data),
		"without Len": struct{ io.Reader }{bytes.NewReader(data)},
	} {
		h, err := ReadHeader(r)
		if err != nil {
			t.Fatal(err)
		}
		var err2 error
		if n := allocated(func() { _, err2 = ReadData(r, h) }); n > 1<<20 {
			t.Errorf("%s: allocated %d bytes", name, n)
		}
		if want := "truncated data (1000 of 67108864 bytes)"; err2 == nil || !strings.Contains(err2.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err2, want)
		}
	}
}

// allocated is the number of bytes f allocates.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

func TestNPZRefused(t *testing.T) {
	good, err := os.ReadFile("testdata/numpy_savez.npz")
	if err != nil {
		t.Fatal(err)
	}
	member := func(name string, method uint16, data []byte) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		w, _ := z.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		w.Write(data)
		z.Close()
		return b.Bytes()
	}
	var f4 bytes.Buffer
	Write(&f4, []int{3}, []float32{1, 2, 3})
	// setField rewrites a field of the last central directory entry (what
	// Go's zip reader trusts): 20 the compressed size, 24 the uncompressed.
	setField := func(zb []byte, at int, v uint32) []byte {
		zb = slices.Clone(zb)
		i := bytes.LastIndex(zb, []byte("PK\x01\x02"))
		binary.LittleEndian.PutUint32(zb[i+at:], v)
		return zb
	}
	setSize := func(zb []byte, size uint32) []byte { return setField(zb, 24, size) }
	stored := member("x.npy", zip.Store, f4.Bytes())
	deflated := member("x.npy", zip.Deflate, f4.Bytes())
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"not a zip":        {[]byte("hello"), "not a readable zip"},
		"truncated":        {good[:len(good)-30], "not a readable zip"},
		"not npy":          {member("x.txt", zip.Store, []byte("hi")), `member "x.txt" is not a .npy file`},
		"bad npy":          {member("x.npy", zip.Store, []byte("hello, world")), "bad magic"},
		"stored lies":      {setSize(stored, 1<<20), "stored member declares 1048576 bytes but holds"},
		"bomb":             {setSize(deflated, 1<<30), "zip bomb"},
		"size long":        {setSize(deflated, uint32(f4.Len()+4)), "declared size or data is wrong (unexpected EOF)"},
		"size short":       {setSize(deflated, uint32(f4.Len()-4)), "declared size or data is wrong (zip: not a valid zip file)"},
		"checksum":         {bytes.Replace(stored, []byte{0, 0, 0x40, 0x40}, []byte{0, 0, 0x40, 0x41}, 1), "declared size or data is wrong (zip: checksum error)"},
		"overlapping":      {setField(good, 20, uint32(len(good))), "the members declare more compressed bytes than the file's"},
		"header not size":  {member("x.npy", zip.Store, f4.Bytes()[:f4.Len()-4]), "declares 136 bytes, its .npy header says 140"},
		"bad dtype member": {member("x.npy", zip.Store, []byte(magic+"\x01\x00\x40\x00{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }      \n")), "unsupported dtype"},
	} {
		_, err := ReadNPZ(bytes.NewReader(tc.data), int64(len(tc.data)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", name, err, tc.want)
		}
	}
}

// A compressed member whose sizes lie (within deflate's ratio) costs what
// its bytes inflate to, not what it declares.
func TestNPZLyingDeflate(t *testing.T) {
	const n = 1 << 20 // declared: 4 MiB of float32
	var npy bytes.Buffer
	npy.Write(encodeHeader("<f4", []int{n}))
	noise := make([]byte, 5000) // incompressible, so the ratio stays under deflate's
	rand.NewChaCha8([32]byte{1}).Read(noise)
	npy.Write(noise)
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.CreateHeader(&zip.FileHeader{Name: "x.npy", Method: zip.Deflate})
	w.Write(npy.Bytes())
	z.Close()
	zb := b.Bytes()
	i := bytes.LastIndex(zb, []byte("PK\x01\x02"))
	binary.LittleEndian.PutUint32(zb[i+24:], uint32(len(encodeHeader("<f4", []int{n})))+4*n)
	var err error
	if got := allocated(func() { _, err = ReadNPZ(bytes.NewReader(zb), int64(len(zb))) }); got > 1<<20 {
		t.Errorf("allocated %d bytes for a %d-byte file", got, len(zb))
	}
	if err == nil || !strings.Contains(err.Error(), "declared size or data is wrong") {
		t.Errorf("got %v", err)
	}
}

func TestWriteNPZRoundTrip(t *testing.T) {
	want := npzArrays()
	for i := range want { // written as float32
		if want[i].DType == Float64 {
			want[i].DType = Float32
		}
	}
	var b bytes.Buffer
	if err := WriteNPZ(&b, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadNPZ(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	sameArrays(t, "round trip", got, want)
	if err := WriteNPZ(&b, append(want, want[0])); err == nil || !strings.Contains(err.Error(), `key "w" twice`) {
		t.Errorf("duplicate key: %v", err)
	}
}

// NumPy itself loads what WriteNPZ writes (when /usr/bin/python3 has NumPy).
func TestNumPyLoadsOurNPZ(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no subprocesses under js/wasm")
	}
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import numpy").Run() != nil {
		t.Skip("no /usr/bin/python3 with numpy")
	}
	path := filepath.Join(t.TempDir(), "x.npz")
	if err := SaveNPZ(path, npzArrays()); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", `
import sys, numpy as np
z = np.load(sys.argv[1])
assert z.files == ["w", "b", "num_batches_tracked", "idx", "empty", "arr_0"], z.files
assert z["w"].dtype == np.float32 and np.array_equal(z["w"], np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8 - 1)
assert z["b"].dtype == np.float32 and np.array_equal(z["b"], np.arange(5) * 1.5 - 2)
assert z["num_batches_tracked"].dtype == np.int64 and z["num_batches_tracked"].shape == () and z["num_batches_tracked"] == 7
assert np.array_equal(z["idx"], [-3, 1 << 40]) and z["empty"].shape == (0, 3) and z["arr_0"] == 2.5
print("ok")`, path).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("numpy could not load our file: %v\n%s", err, out)
	}
}

// Reading goes straight into the result: Load allocates the data once, a
// reader without a length at most twice (the doubling), never the 5x of a
// byte buffer copied into floats.
func TestReadAllocations(t *testing.T) {
	const n = 4 << 20 // 16 MiB of float32
	path := filepath.Join(t.TempDir(), "big.npy")
	if err := Save(path, []int{n}, make([]float32, n)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		read func() ([]float32, error)
		max  uint64
	}{
		"Load":              {func() ([]float32, error) { _, d, err := Load(path); return d, err }, 4*n + 1<<20},
		"Read bytes.Reader": {func() ([]float32, error) { _, d, err := Read(bytes.NewReader(b)); return d, err }, 4*n + 1<<20},
		"Read a stream":     {func() ([]float32, error) { _, d, err := Read(struct{ io.Reader }{bytes.NewReader(b)}); return d, err }, 2*4*n + 1<<20},
	} {
		var d []float32
		var err error
		got := allocated(func() { d, err = tc.read() })
		if err != nil || len(d) != n {
			t.Fatalf("%s: %d values, %v", name, len(d), err)
		}
		if got > tc.max {
			t.Errorf("%s: allocated %d bytes for %d bytes of data (limit %d)", name, got, 4*n, tc.max)
		}
		t.Logf("%s: allocated %.2fx the data", name, float64(got)/(4*n))
	}
}
