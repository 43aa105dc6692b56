package state

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"convplayground/conv"
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
		name   string
		data   []byte
		input  []int // the input tensor: the file's own shape, as NCHW
		canvas bool  // it became the (drawable) canvas
	}{
		{"[1,1,28,28]", npyFile(t, []int{1, 1, 28, 28}, ramp(784)), []int{1, 1, 28, 28}, true},
		{"[28,28]", npyFile(t, []int{28, 28}, ramp(784)), []int{1, 1, 28, 28}, true},
		{"[1,28,28]", npyFile(t, []int{1, 28, 28}, ramp(784)), []int{1, 1, 28, 28}, true},
		{"[28,28] float64", rawNPY("{'descr': '<f8', 'fortran_order': False, 'shape': (28, 28), }", f64), []int{1, 1, 28, 28}, true},
		{"[1,3,64,64]", npyFile(t, []int{1, 3, 64, 64}, ramp(3*64*64)), []int{1, 3, 64, 64}, false},
		{"[3,32,48]", npyFile(t, []int{3, 32, 48}, ramp(3*32*48)), []int{1, 3, 32, 48}, false},
		{"[56,20]", npyFile(t, []int{56, 20}, ramp(56*20)), []int{1, 1, 56, 20}, false},
		{"[1,1,256,256]", npyFile(t, []int{1, 1, 256, 256}, ramp(256*256)), []int{1, 1, 256, 256}, false},
		{"[1,3,5,5]", npyFile(t, []int{1, 3, 5, 5}, ramp(75)), []int{1, 3, 5, 5}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := fresh(t)
			s.Input.PickDigit(1)
			if err := s.Input.LoadNPY("x.npy", c.data); err != nil {
				t.Fatalf("LoadNPY: %v", err)
			}
			s.Recompute()
			n, ch, h, w := s.OutChannels, c.input[1], c.input[2], c.input[3]
			if conv.FormatShape(s.InputShape()) != conv.FormatShape(c.input) || s.Err != nil || conv.FormatShape(s.Out.Shape) != conv.FormatShape([]int{1, n, h, w}) {
				t.Fatalf("input %v output %v (err %v), want %v and [1 %d %d %d] (k 5, padding 2)", s.InputShape(), s.Out.Shape, s.Err, c.input, n, h, w)
			}
			if s.w.Shape[1] != ch {
				t.Errorf("weight %v: the filters do not follow the input's %d channels", s.w.Shape, ch)
			}
			if !equal(s.x.Data, ramp(ch*h*w)) {
				t.Errorf("the input tensor is not the file's values")
			}
			if c.canvas != (s.CanvasName == "x.npy") || c.canvas == (s.PhotoName == "x.npy") || c.canvas == s.Photo {
				t.Errorf("canvas name %q, photo name %q, photo %v", s.CanvasName, s.PhotoName, s.Photo)
			}
			if c.canvas && s.Digit != -1 {
				t.Errorf("digit %d after loading a file on the canvas", s.Digit)
			}
			// The window of an output cell reads the file's pixels.
			if sum, b, ok := explainSum(s, 0, h-1, w-1); !ok || math.Abs(float64(sum+b-s.Out.At(0, 0, h-1, w-1))) > 1e-4 {
				t.Errorf("Explain at the corner: %v + %v (ok %v), output %v", sum, b, ok, s.Out.At(0, 0, h-1, w-1))
			}
			// Drawing and back: the tensor is kept.
			s.Input.SetPhoto(false)
			s.Input.SetPhoto(!c.canvas)
			s.Recompute()
			if conv.FormatShape(s.InputShape()) != conv.FormatShape(c.input) {
				t.Errorf("after Drawing and back: input %v", s.InputShape())
			}
		})
	}
}

// TestShareWithFile: a link does not carry a dropped file; it carries the
// generated photo instead of an RGB one, the drawing instead of a 1-channel one.
func TestShareWithFile(t *testing.T) {
	for _, c := range []struct {
		shape []int
		input []int
	}{{[]int{3, 32, 32}, []int{1, 3, 64, 64}}, {[]int{1, 1, 40, 30}, []int{1, 1, 28, 28}}} {
		s := fresh(t)
		s.Input.PickDigit(4)
		n := 1
		for _, d := range c.shape {
			n *= d
		}
		if err := s.Input.LoadNPY("x.npy", npyFile(t, c.shape, ramp(n))); err != nil {
			t.Fatal(err)
		}
		b := fresh(t)
		if err := b.Share.Decode(s.Share.Encode()); err != nil {
			t.Fatalf("%v: %v", c.shape, err)
		}
		b.Recompute()
		if conv.FormatShape(b.InputShape()) != conv.FormatShape(c.input) || b.Err != nil {
			t.Errorf("link of a %v file: input %v (err %v), want %v", c.shape, b.InputShape(), b.Err, c.input)
		}
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
		{"batch of 17", npyFile(t, []int{17, 1, 28, 28}, ramp(17*784)), "a batch of 17 samples is more than this playground holds: at most 16"},
		{"empty batch", npyFile(t, []int{0, 1, 28, 28}, nil), "shape [0 1 28 28]"},
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
			s.Input.PickDigit(2)
			before, ver := s.Share.Encode(), s.Version
			err := s.Input.LoadNPY("bad.npy", c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bad.npy: ") {
				t.Fatalf("LoadNPY = %v, want an error naming the file with %q", err, c.want)
			}
			if s.Notice != err.Error() {
				t.Errorf("notice %q, want the error", s.Notice)
			}
			if s.Share.Encode() != before || s.Version != ver {
				t.Errorf("a refused file changed the state")
			}
		})
	}
}
