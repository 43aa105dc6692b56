package modelfile

import (
	"archive/zip"
	"bytes"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"convplayground/conv/npy"
)

// The files scripts/modelfiles.py writes, each against the tensors torch
// (or NumPy) says it holds: NAME.want.npz, float32 for float dtypes.
func TestReadFixtures(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"cnn.pt", "cnn"},
		{"nested_model.pt", "nested_model"},
		{"nested_state_dict.pt", "nested_state_dict"},
		{"parameters.pt", "parameters"},
		{"dtypes.pt", "dtypes"},
		{"dtypes.safetensors", "dtypes"},
		{"cnn.npz", "cnn"},
	} {
		got, err := Load(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		want, err := npy.LoadNPZ(filepath.Join("testdata", tc.want+".want.npz"))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d tensors, want %d", tc.file, len(got), len(want))
			continue
		}
		for i, g := range got {
			w := want[i]
			if g.Name != w.Name || !slices.Equal(g.Shape, w.Shape) {
				t.Errorf("%s: tensor %d is %s %v, want %s %v", tc.file, i, g.Name, g.Shape, w.Name, w.Shape)
				continue
			}
			if (g.DType == Int64) != (w.DType == Int64) || !slices.Equal(g.I64, w.I64) || !sameBits(g.F32, w.F32) {
				t.Errorf("%s: %s (%s) differs:\n got %v %v\nwant %v %v", tc.file, g.Name, g.DType, g.F32, g.I64, w.F32, w.I64)
			}
		}
	}
}

// The dtypes come through with their names.
func TestDTypes(t *testing.T) {
	for _, file := range []string{"dtypes.pt", "dtypes.safetensors"} {
		ts, err := Load(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		dt := map[string]string{}
		for _, x := range ts {
			dt[x.Name] = x.DType
		}
		for name, want := range map[string]string{"f32": Float32, "f16": Float16, "bf16": BFloat16, "f64": Float64, "i64": Int64, "scalar_i64": Int64} {
			if dt[name] != want {
				t.Errorf("%s: %s is %q, want %q", file, name, dt[name], want)
			}
		}
	}
}

func sameBits(a, b []float32) bool {
	return slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
}

func TestRefusedFixtures(t *testing.T) {
	for file, want := range map[string]string{
		"refused_module.pt": "whole pickled model (it names __main__.SmallCNN), not a state_dict: save it with torch.save(model.state_dict(), path)",
		"refused_global.pt": "the pickle names __builtin__.print, which a state_dict does not need",
		"refused_legacy.pt": "legacy format",
	} {
		_, err := Load(filepath.Join("testdata", file))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error with %q", file, err, want)
		}
	}
}

// An empty zip is np.savez of no arrays (cmd/net -save of a network
// without parameters writes one): a state_dict with no entries.
func TestReadEmptyNPZ(t *testing.T) {
	var b bytes.Buffer
	if err := zip.NewWriter(&b).Close(); err != nil {
		t.Fatal(err)
	}
	ts, err := Read(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil || len(ts) != 0 {
		t.Errorf("an empty .npz: %v, %v", ts, err)
	}
}
