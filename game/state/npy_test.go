package state

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"testing"

	"convplayground/conv/npy"
)

// npyFile is np.save's bytes for a float32 array (package npy's writer,
// which its own tests check against NumPy).
func npyFile(t *testing.T, shape []int, data []float32) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := npy.Write(&b, shape, data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rawNPY builds a version 1.0 file by hand: any header dict, any payload.
func rawNPY(dict string, payload []byte) []byte {
	h := dict + strings.Repeat(" ", 63-(10+len(dict))%64) + "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(len(h)), byte(len(h)>>8))
	return append(append(b, h...), payload...)
}

func ramp(n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(i%97) / 96
	}
	return v
}

func TestLoadNPY(t *testing.T) {
	f64 := make([]byte, 8*28*28)
	for i := 0; i < 28*28; i++ {
		binary.LittleEndian.PutUint64(f64[8*i:], math.Float64bits(float64(i%97)/96))
	}
	for _, c := range []struct {
		name  string
		data  []byte
		input []int
		exact bool // the values arrive unchanged
	}{
		{"[1,1,28,28]", npyFile(t, []int{1, 1, 28, 28}, ramp(784)), []int{1, 1, 28, 28}, true},
		{"[28,28]", npyFile(t, []int{28, 28}, ramp(784)), []int{1, 1, 28, 28}, true},
		{"[1,28,28]", npyFile(t, []int{1, 28, 28}, ramp(784)), []int{1, 1, 28, 28}, true},
		{"[28,28] float64", rawNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (28, 28), }", f64), []int{1, 1, 28, 28}, true},
		{"[1,3,64,64]", npyFile(t, []int{1, 3, 64, 64}, ramp(3*64*64)), []int{1, 3, 64, 64}, true},
		{"[3,64,64]", npyFile(t, []int{3, 64, 64}, ramp(3*64*64)), []int{1, 3, 64, 64}, true},
		{"[56,56] resized", npyFile(t, []int{56, 56}, ramp(56*56)), []int{1, 1, 28, 28}, false},
		{"[3,32,48] resized", npyFile(t, []int{3, 32, 48}, ramp(3*32*48)), []int{1, 3, 64, 64}, false},
		{"[1,1,256,256]", npyFile(t, []int{1, 1, 256, 256}, ramp(256*256)), []int{1, 1, 28, 28}, false},
		{"[1,1]", npyFile(t, []int{1, 1}, []float32{0.5}), []int{1, 1, 28, 28}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := fresh(t)
			s.PickDigit(1)
			if err := s.LoadNPY("x.npy", c.data); err != nil {
				t.Fatalf("LoadNPY: %v", err)
			}
			s.Recompute()
			if Shape(s.InputShape()) != Shape(c.input) || s.Err != nil {
				t.Fatalf("input %v (err %v), want %v", s.InputShape(), s.Err, c.input)
			}
			if c.exact {
				want := ramp(c.input[1] * c.input[2] * c.input[3])
				if !equal(s.x.Data, want) {
					t.Errorf("the input tensor is not the file's values")
				}
			}
			if c.input[1] == 1 && s.Digit != -1 || (s.CanvasName == "") == (s.PhotoName == "") {
				t.Errorf("digit %d, canvas name %q, photo name %q", s.Digit, s.CanvasName, s.PhotoName)
			}
		})
	}
}

// TestResampleMeans: area averaging keeps the mean and a constant.
func TestResampleMeans(t *testing.T) {
	for _, c := range []struct{ h, w, n int }{{56, 56, 28}, {30, 50, 28}, {7, 7, 28}, {256, 200, 64}} {
		src := ramp(c.h * c.w)
		for i := range src {
			src[i] = 0.25
		}
		for _, v := range resample(src, c.h, c.w, c.n) {
			if math.Abs(float64(v)-0.25) > 1e-6 {
				t.Fatalf("%v: a constant 0.25 became %v", c, v)
			}
		}
	}
	// 2×2 blocks of [0 1; 2 3] average to 1.5.
	src := make([]float32, 4*4)
	for y := 0; y < 4; y++ {
		for x := 0; x < 4; x++ {
			src[y*4+x] = float32(y%2*2 + x%2)
		}
	}
	if got := resample(src, 4, 4, 2); fmt.Sprint(got) != "[1.5 1.5 1.5 1.5]" {
		t.Errorf("2x2 block means: %v", got)
	}
}

func TestLoadNPYRefused(t *testing.T) {
	good := npyFile(t, []int{1, 1, 28, 28}, ramp(784))
	nan := ramp(784)
	nan[5] = float32(math.NaN())
	inf := ramp(784)
	inf[7] = float32(math.Inf(-1))
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a .npy"},
		{"a PNG", []byte("\x89PNG\r\n\x1a\n...."), "not a .npy"},
		{"truncated data", good[:len(good)-10], "not a .npy"},
		{"truncated header", good[:40], "not a .npy"},
		{"big-endian", rawNPY("{'descr': '>f4', 'fortran_order': False, 'shape': (28, 28), }", make([]byte, 4*784)), "not a .npy"},
		{"int32", rawNPY("{'descr': '<i4', 'fortran_order': False, 'shape': (28, 28), }", make([]byte, 4*784)), "not a .npy"},
		{"fortran order", rawNPY("{'descr': '<f4', 'fortran_order': True, 'shape': (28, 28), }", make([]byte, 4*784)), "not a .npy"},
		{"huge claimed shape", rawNPY("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", nil), "not a .npy"},
		{"batch of 2", npyFile(t, []int{2, 1, 28, 28}, ramp(2*784)), "shape [2 1 28 28] is not an input"},
		{"2 channels", npyFile(t, []int{1, 2, 28, 28}, ramp(2*784)), "shape [1 2 28 28]"},
		{"4 channels", npyFile(t, []int{4, 28, 28}, ramp(4*784)), "shape [4 28 28]"},
		{"too wide", npyFile(t, []int{28, 257}, ramp(28*257)), "H, W 1..256"},
		{"empty plane", npyFile(t, []int{1, 0, 28}, nil), "shape [1 0 28]"},
		{"1-D", npyFile(t, []int{784}, ramp(784)), "shape [784]"},
		{"5-D", npyFile(t, []int{1, 1, 1, 28, 28}, ramp(784)), "shape [1 1 1 28 28]"},
		{"NaN", npyFile(t, []int{28, 28}, nan), "NaN or infinity"},
		{"infinity", npyFile(t, []int{28, 28}, inf), "NaN or infinity"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := fresh(t)
			s.PickDigit(2)
			before, ver := s.Encode(), s.Version
			err := s.LoadNPY("bad.npy", c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bad.npy: ") {
				t.Fatalf("LoadNPY = %v, want an error naming the file with %q", err, c.want)
			}
			if s.Notice != err.Error() {
				t.Errorf("notice %q, want the error", s.Notice)
			}
			if s.Encode() != before || s.Version != ver {
				t.Errorf("a refused file changed the state")
			}
		})
	}
}
