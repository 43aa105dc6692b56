package modelfile

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkTensors fails when a tensor read does not hold what its shape says.
func checkTensors(t *testing.T, ts []Tensor) {
	for _, x := range ts {
		n, err := checkShape(x.Name, x.Shape)
		if err != nil || n != len(x.F32)+len(x.I64) || (x.F32 != nil) == (x.I64 != nil) {
			t.Fatalf("%s: shape %v with %d float32 and %d int64 values", x.Name, x.Shape, len(x.F32), len(x.I64))
		}
	}
}

// FuzzRead: any bytes give tensors or an error, never a panic. Seeds: every
// fixture whole and cut short.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)*2/3])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := Read(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			checkTensors(t, ts)
		}
	})
}

// FuzzReadTorch fuzzes the pickle of a torch.save zip (a fuzzed zip would
// mostly fail its checksums): the storages are dtypes.pt's, the seeds the
// fixtures' pickles.
func FuzzReadTorch(f *testing.F) {
	storages := map[string][]byte{}
	for _, file := range []string{"dtypes.pt", "cnn.pt", "nested_model.pt", "parameters.pt", "refused_module.pt", "refused_global.pt"} {
		for name, data := range zipMembers(f, filepath.Join("testdata", file)) {
			switch {
			case strings.HasSuffix(name, "/data.pkl"):
				f.Add(data)
			case file == "dtypes.pt" && strings.Contains(name, "/data/"):
				storages[name[strings.LastIndexByte(name, '/')+1:]] = data
			}
		}
	}
	f.Fuzz(func(t *testing.T, pkl []byte) {
		data := torchZip(pkl, storages)
		ts, err := Read(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			checkTensors(t, ts)
		}
	})
}

// FuzzReadSafetensors fuzzes a whole .safetensors file (no checksums there).
func FuzzReadSafetensors(f *testing.F) {
	b, err := os.ReadFile("testdata/dtypes.safetensors")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(safetensorsFile(map[string]any{"w": map[string]any{"dtype": "BF16", "shape": []int{2, 2}, "data_offsets": []int{0, 8}}}, make([]byte, 8)))
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := ReadSafetensors(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			checkTensors(t, ts)
		}
	})
}

func zipMembers(f *testing.F, path string) map[string][]byte {
	z, err := zip.OpenReader(path)
	if err != nil {
		f.Fatal(err)
	}
	defer z.Close()
	out := map[string][]byte{}
	for _, m := range z.File {
		rc, err := m.Open()
		if err != nil {
			f.Fatal(err)
		}
		out[m.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			f.Fatal(err)
		}
	}
	return out
}
