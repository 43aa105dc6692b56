package npy

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead: any bytes give an array or an error, never a panic; what reads
// back writes and reads again to the same array.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.npy")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte(magic + "\x01\x00\x10\x00{'shape': (1,)}"))
	f.Add([]byte(magic + "\x03\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		shape, x, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := Write(&b, shape, x); err != nil {
			t.Fatal(err)
		}
		_, y, err := Read(&b)
		if err != nil || len(y) != len(x) {
			t.Fatalf("round trip: %v", err)
		}
		for i := range x {
			if x[i] != y[i] && x[i] == x[i] { // NaN != NaN
				t.Fatalf("round trip changed [%d]: %v → %v", i, x[i], y[i])
			}
		}
	})
}

// FuzzReadNPZ: any bytes give arrays or an error, never a panic, and the
// arrays hold what their shapes say.
func FuzzReadNPZ(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.npz")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)-40])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arrays, err := ReadNPZ(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		for _, a := range arrays {
			if n := numel(a.Shape); n != len(a.F32)+len(a.I64) {
				t.Fatalf("%s: %d values for shape %v", a.Name, len(a.F32)+len(a.I64), a.Shape)
			}
		}
	})
}
