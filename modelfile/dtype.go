package modelfile

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"convplayground/conv/npy"
)

// dtype is how one element is stored: its size in bytes and, for a float
// type, its conversion to float32 (nil for int64).
type dtype struct {
	name string
	size int
	f32  func(b []byte) float32
}

var (
	dtFloat32  = dtype{Float32, 4, func(b []byte) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b)) }}
	dtFloat64  = dtype{Float64, 8, func(b []byte) float32 { return float32(math.Float64frombits(binary.LittleEndian.Uint64(b))) }}
	dtFloat16  = dtype{Float16, 2, func(b []byte) float32 { return halfToFloat32(binary.LittleEndian.Uint16(b)) }}
	dtBFloat16 = dtype{BFloat16, 2, func(b []byte) float32 { return math.Float32frombits(uint32(binary.LittleEndian.Uint16(b)) << 16) }}
	dtInt64    = dtype{Int64, 8, nil}
)

// halfToFloat32 converts IEEE 754 binary16 bits to float32 (exactly: every
// half is a float32).
func halfToFloat32(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	frac := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f: // inf, NaN
		return math.Float32frombits(sign | 0xff<<23 | frac<<13)
	case exp != 0: // normal
		return math.Float32frombits(sign | (exp+127-15)<<23 | frac<<13)
	case frac == 0:
		return math.Float32frombits(sign)
	}
	// subnormal: frac·2^-24, exact in float32
	v := float32(frac) / (1 << 24)
	if sign != 0 {
		v = -v
	}
	return v
}

// newTensor allocates a tensor's data; the caller has checked numel against
// the budget.
func newTensor(name string, shape []int, dt dtype, numel int) Tensor {
	t := Tensor{Name: name, Shape: shape, DType: dt.name}
	if dt.f32 == nil {
		t.I64 = make([]int64, numel)
	} else {
		t.F32 = make([]float32, numel)
	}
	return t
}

// decode sets elements first.. of t from the raw bytes b.
func (dt dtype) decode(t *Tensor, first int, b []byte) {
	if dt.f32 == nil {
		for i := range len(b) / 8 {
			t.I64[first+i] = int64(binary.LittleEndian.Uint64(b[8*i:]))
		}
		return
	}
	for i := range len(b) / dt.size {
		t.F32[first+i] = dt.f32(b[i*dt.size:])
	}
}

// chunk is the bytes read at a time.
const chunk = 64 << 10

// readContiguous fills t (allocated) with its elements, stored one after the
// other in r.
func readContiguous(t *Tensor, dt dtype, r io.Reader) error {
	n := len(t.F32) + len(t.I64)
	buf := make([]byte, min(n*dt.size, chunk))
	for done := 0; done < n; {
		m := min(n-done, chunk/dt.size)
		if _, err := io.ReadFull(r, buf[:m*dt.size]); err != nil {
			return fmt.Errorf("%s: reading its data: %v", t.Name, err)
		}
		dt.decode(t, done, buf[:m*dt.size])
		done += m
	}
	return nil
}

// gather fills t (allocated) from raw, the bytes of its storage from its
// first element on, by its strides (in elements).
func gather(t *Tensor, dt dtype, raw []byte, stride []int) {
	idx := make([]int, len(t.Shape))
	n := len(t.F32) + len(t.I64)
	for i, off := 0, 0; i < n; i++ {
		dt.decode(t, i, raw[off*dt.size:(off+1)*dt.size])
		for d := len(idx) - 1; d >= 0; d-- { // the next index, row-major
			idx[d]++
			off += stride[d]
			if idx[d] < t.Shape[d] {
				break
			}
			off -= stride[d] * idx[d]
			idx[d] = 0
		}
	}
}

// checkShape checks a shape read from a file and returns its element count.
func checkShape(name string, shape []int) (int, error) {
	n := 1
	for _, d := range shape {
		if d < 0 || (d != 0 && n > npy.MaxElements/d) {
			return 0, fmt.Errorf("%s: shape %v is negative or too large (limit %d elements)", name, shape, npy.MaxElements)
		}
		n *= d
	}
	return n, nil
}
