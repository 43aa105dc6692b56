// Package npy reads and writes NumPy's .npy format, the interchange format of
// NumPy and PyTorch (np.save / np.load, torch via .numpy()), and .npz, a zip
// of .npy files (np.savez, np.savez_compressed).
//
// Read accepts float32 and float64 ('<f4', '<f8'; float64 is converted to
// float32), little-endian or byte-order-free ('|'), C order, header versions
// 1.0, 2.0 and 3.0; ReadHeader also accepts int64 ('<i8') and int32
// ('<i4'), for ReadInt64 (class labels, and .npz buffers such as
// num_batches_tracked). Anything else — big-endian,
// Fortran order, other dtypes, malformed or truncated files, shapes beyond
// MaxElements — is an error, never a panic, and nothing is allocated for the
// data before its shape has been checked; the data then goes straight into
// the result slice, which grows only as the data arrives unless the reader
// says how many bytes it holds. Write produces the same bytes as NumPy's
// np.save of a float32 array.
//
// The package depends on nothing of ours (so conv's own tests can use it):
// arrays are a shape and row-major float32 data, as in conv.Tensor.
package npy

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"convplayground/conv/npy/arrays"
)

const magic = "\x93NUMPY"

// MaxElements is the largest array read, conv.MaxElements (2^28 float32, 1 GiB).
const MaxElements = 1 << 28

// maxHeader bounds the header we accept (NumPy's own default limit is 10000).
const maxHeader = 1 << 16

// The dtypes read, by NumPy's names (package arrays's).
const (
	Float32 = arrays.Float32
	Float64 = arrays.Float64
	Int64   = arrays.Int64
	Int32   = arrays.Int32
)

// Header is what a .npy file says before its data.
type Header struct {
	Shape []int
	DType string // Float32, Float64, Int64 or Int32
	Len   int64  // bytes before the data: magic, version, length and dict
}

// Numel is the number of elements the shape holds (at most MaxElements).
func (h Header) Numel() int { return numel(h.Shape) }

// DataLen is the number of bytes of the data.
func (h Header) DataLen() int64 { return int64(h.Numel()) * int64(h.itemSize()) }

func (h Header) itemSize() int {
	if h.DType == Float32 || h.DType == Int32 {
		return 4
	}
	return 8
}

// Read decodes one float32 or float64 array from r: its shape and its
// elements in row-major order, as float32.
func Read(r io.Reader) (shape []int, data []float32, err error) {
	h, err := ReadHeader(r)
	if err != nil {
		return nil, nil, err
	}
	data, err = ReadData(r, h)
	if err != nil {
		return nil, nil, err
	}
	return h.Shape, data, nil
}

// ReadHeader reads the header, leaving r at the first byte of the data, so
// that a caller can check the shape before anything is allocated for it.
func ReadHeader(r io.Reader) (Header, error) {
	var zero Header
	var pre [12]byte
	if _, err := io.ReadFull(r, pre[:10]); err != nil {
		return zero, errors.New("npy: not a .npy file (too short)")
	}
	if string(pre[:6]) != magic {
		return zero, errors.New("npy: not a .npy file (bad magic)")
	}
	var prefix, dictLen int
	switch pre[6] {
	case 1:
		prefix, dictLen = 10, int(binary.LittleEndian.Uint16(pre[8:]))
	case 2, 3:
		if _, err := io.ReadFull(r, pre[10:]); err != nil {
			return zero, errors.New("npy: truncated header")
		}
		prefix, dictLen = 12, int(binary.LittleEndian.Uint32(pre[8:]))
	default:
		return zero, fmt.Errorf("npy: unsupported format version %d.%d", pre[6], pre[7])
	}
	if dictLen > maxHeader {
		return zero, fmt.Errorf("npy: header of %d bytes is too large", dictLen)
	}
	dict := make([]byte, dictLen)
	if _, err := io.ReadFull(r, dict); err != nil {
		return zero, errors.New("npy: truncated header")
	}
	h, err := parseHeader(string(dict))
	if err != nil {
		return zero, err
	}
	h.Len = int64(prefix + dictLen)
	return h, nil
}

// parseHeader reads the Python dict literal of the header, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
func parseHeader(s string) (Header, error) {
	var h Header
	p := &parser{s: strings.TrimRight(s, " \n\x00")}
	if !p.eat('{') {
		return h, errors.New("npy: malformed header (want a dict)")
	}
	var descr string
	seen := map[string]bool{}
	for !p.eat('}') {
		key, ok := p.str()
		if !ok || !p.eat(':') {
			return h, errors.New("npy: malformed header (want 'key': value)")
		}
		if seen[key] {
			return h, fmt.Errorf("npy: malformed header (key %q twice)", key)
		}
		seen[key] = true
		switch key {
		case "descr":
			if descr, ok = p.str(); !ok {
				return h, errors.New("npy: malformed header (descr)")
			}
		case "fortran_order":
			switch {
			case p.word("False"):
			case p.word("True"):
				return h, errors.New("npy: Fortran-order arrays are not supported (save a C-order array)")
			default:
				return h, errors.New("npy: malformed header (fortran_order)")
			}
		case "shape":
			if h.Shape, ok = p.tuple(); !ok {
				return h, errors.New("npy: malformed header (shape)")
			}
		default:
			return h, fmt.Errorf("npy: malformed header (unknown key %q)", key)
		}
		if !p.eat(',') && !p.peek('}') {
			return h, errors.New("npy: malformed header (want ',' or '}')")
		}
	}
	if p.skip(); p.i != len(p.s) {
		return h, errors.New("npy: malformed header (text after the dict)")
	}
	if !seen["descr"] || !seen["fortran_order"] || !seen["shape"] {
		return h, errors.New("npy: malformed header (want descr, fortran_order and shape)")
	}
	switch descr {
	case "<f4", "|f4":
		h.DType = Float32
	case "<f8", "|f8":
		h.DType = Float64
	case "<i8", "|i8":
		h.DType = Int64
	case "<i4", "|i4":
		h.DType = Int32
	default:
		return h, fmt.Errorf("npy: unsupported dtype %q (want little-endian float32 '<f4', float64 '<f8', int64 '<i8' or int32 '<i4')", descr)
	}
	if numel(h.Shape) < 0 {
		return h, fmt.Errorf("npy: shape %v is too large (limit %d elements)", h.Shape, MaxElements)
	}
	return h, nil
}

// ReadData reads the elements of a float32 or float64 array (converted to
// float32) whose header ReadHeader has just read from r.
func ReadData(r io.Reader, h Header) ([]float32, error) {
	switch h.DType {
	case Float32:
		return readElems(r, h, func(dst []float32, src []byte, _ int) error {
			for i := range dst {
				dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
			}
			return nil
		})
	case Float64:
		return readElems(r, h, func(dst []float32, src []byte, first int) error {
			for i := range dst {
				v := math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:]))
				if math.IsInf(float64(float32(v)), 0) && !math.IsInf(v, 0) { // not a silent infinity
					return fmt.Errorf("npy: value %d (%g) is outside float32's range", first+i, v)
				}
				dst[i] = float32(v)
			}
			return nil
		})
	}
	return nil, fmt.Errorf("npy: a %s array where float32 or float64 is wanted", h.DType)
}

// ReadInt64 reads the elements of an int64 or int32 array (widened) whose
// header ReadHeader has just read from r.
func ReadInt64(r io.Reader, h Header) ([]int64, error) {
	switch h.DType {
	case Int32:
		return readElems(r, h, func(dst []int64, src []byte, _ int) error {
			for i := range dst {
				dst[i] = int64(int32(binary.LittleEndian.Uint32(src[4*i:])))
			}
			return nil
		})
	case Int64:
	default:
		return nil, fmt.Errorf("npy: a %s array where int64 or int32 is wanted", h.DType)
	}
	return readElems(r, h, func(dst []int64, src []byte, _ int) error {
		for i := range dst {
			dst[i] = int64(binary.LittleEndian.Uint64(src[8*i:]))
		}
		return nil
	})
}

// chunk is the bytes read at a time (a multiple of every item size).
const chunk = 64 << 10

// readElems reads h's elements into a []T, decoding chunk bytes at a time.
// When r says how many bytes it holds (Len, as bytes.Reader and LenReader
// do), a short r is refused at once and the slice is allocated whole;
// otherwise the slice grows (doubling) as the data arrives, so that a short
// file claiming a large shape costs only what it holds.
func readElems[T any](r io.Reader, h Header, decode func(dst []T, src []byte, first int) error) ([]T, error) {
	n, size, want := h.Numel(), h.itemSize(), h.DataLen()
	capacity := min(n, chunk)
	if l, ok := r.(interface{ Len() int }); ok {
		if int64(l.Len()) < want {
			return nil, fmt.Errorf("npy: truncated data (%d of %d bytes)", l.Len(), want)
		}
		capacity = n
	}
	data := make([]T, 0, capacity)
	buf := make([]byte, min(want, chunk))
	for len(data) < n {
		m := min(n-len(data), chunk/size)
		if got, err := io.ReadFull(r, buf[:m*size]); err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("npy: truncated data (%d of %d bytes)", int64(len(data)*size+got), want)
		} else if err != nil {
			return nil, fmt.Errorf("npy: reading data: %v", err)
		}
		if len(data)+m > cap(data) {
			grown := make([]T, len(data), min(n, max(2*cap(data), len(data)+m)))
			copy(grown, data)
			data = grown
		}
		k := len(data)
		data = data[:k+m]
		if err := decode(data[k:], buf[:m*size], k); err != nil {
			return nil, err
		}
	}
	return data, nil
}

// LenReader is a reader that knows how many bytes it holds (N), such as a
// file's data after its header: ReadData then allocates the array at once.
type LenReader struct {
	R io.Reader
	N int64
}

func (l *LenReader) Read(b []byte) (int, error) {
	if l.N <= 0 {
		return 0, io.EOF
	}
	b = b[:min(int64(len(b)), l.N)]
	n, err := l.R.Read(b)
	l.N -= int64(n)
	return n, err
}

// Len is the number of bytes left.
func (l *LenReader) Len() int { return int(l.N) }

// numel is the number of elements, or -1 beyond MaxElements.
func numel(shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 || (d != 0 && n > MaxElements/d) {
			return -1
		}
		n *= d
	}
	return n
}

// parser is a tiny reader of the Python literals a .npy header holds.
type parser struct {
	s string
	i int
}

func (p *parser) skip() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

func (p *parser) peek(c byte) bool { p.skip(); return p.i < len(p.s) && p.s[p.i] == c }

func (p *parser) eat(c byte) bool {
	if p.peek(c) {
		p.i++
		return true
	}
	return false
}

func (p *parser) word(w string) bool {
	p.skip()
	if strings.HasPrefix(p.s[p.i:], w) {
		p.i += len(w)
		return true
	}
	return false
}

// str reads a quoted string without escapes (all a header needs).
func (p *parser) str() (string, bool) {
	p.skip()
	if p.i >= len(p.s) || (p.s[p.i] != '\'' && p.s[p.i] != '"') {
		return "", false
	}
	q := p.s[p.i]
	end := strings.IndexByte(p.s[p.i+1:], q)
	if end < 0 {
		return "", false
	}
	v := p.s[p.i+1 : p.i+1+end]
	p.i += end + 2
	return v, true
}

// tuple reads a tuple of non-negative ints: (), (3,), (2, 3).
func (p *parser) tuple() ([]int, bool) {
	if !p.eat('(') {
		return nil, false
	}
	shape := []int{}
	for !p.eat(')') {
		p.skip()
		j := p.i
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		d, err := strconv.Atoi(p.s[p.i:j])
		if err != nil || d > MaxElements {
			return nil, false
		}
		p.i = j
		shape = append(shape, d)
		if !p.eat(',') && !p.peek(')') {
			return nil, false
		}
	}
	if len(shape) == 1 && !strings.HasSuffix(strings.TrimRight(p.s[:p.i-1], " "), ",") {
		return nil, false // (3) is an int in Python, not a tuple
	}
	return shape, true
}

// Write encodes a float32 array as .npy, byte for byte what np.save writes.
func Write(w io.Writer, shape []int, data []float32) error {
	return writeElems(w, "<f4", shape, data, func(b []byte, v float32) {
		binary.LittleEndian.PutUint32(b, math.Float32bits(v))
	})
}

// WriteInt64 encodes an int64 array as .npy, as np.save writes it.
func WriteInt64(w io.Writer, shape []int, data []int64) error {
	return writeElems(w, "<i8", shape, data, func(b []byte, v int64) {
		binary.LittleEndian.PutUint64(b, uint64(v))
	})
}

func writeElems[T float32 | int64](w io.Writer, descr string, shape []int, data []T, put func([]byte, T)) error {
	if numel(shape) != len(data) {
		return fmt.Errorf("npy: %d values for shape %v", len(data), shape)
	}
	bw := bufio.NewWriter(w)
	bw.Write(encodeHeader(descr, shape))
	var b [8]byte
	size := int(descr[2] - '0') // "<f4": 4 bytes, "<i8": 8
	for _, v := range data {
		put(b[:], v)
		bw.Write(b[:size])
	}
	return bw.Flush()
}

// encodeHeader is the .npy header of a C-order array of the given dtype and
// shape, as numpy.lib.format writes it: the dict, room for the first axis to
// grow to 21 digits, padding to a multiple of 64 bytes, version 1.0 when it
// fits.
func encodeHeader(descr string, shape []int) []byte {
	var tup string
	switch len(shape) {
	case 0:
		tup = "()"
	case 1:
		tup = fmt.Sprintf("(%d,)", shape[0])
	default:
		s := make([]string, len(shape))
		for i, d := range shape {
			s[i] = strconv.Itoa(d)
		}
		tup = "(" + strings.Join(s, ", ") + ")"
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, tup)
	if len(shape) > 0 {
		dict += strings.Repeat(" ", max(0, 21-len(strconv.Itoa(shape[0]))))
	}
	hlen := len(dict) + 1 // the final newline
	pre := 10             // magic, version, uint16 length
	pad := 64 - (pre+hlen)%64
	if hlen+pad > 65535 {
		pre = 12 // version 2.0: uint32 length
		pad = 64 - (pre+hlen)%64
	}
	out := []byte(magic)
	if pre == 10 {
		out = append(out, 1, 0)
		out = binary.LittleEndian.AppendUint16(out, uint16(hlen+pad))
	} else {
		out = append(out, 2, 0)
		out = binary.LittleEndian.AppendUint32(out, uint32(hlen+pad))
	}
	out = append(out, dict...)
	out = append(out, bytes.Repeat([]byte{' '}, pad)...)
	return append(out, '\n')
}

// Load reads a .npy file.
func Load(path string) (shape []int, data []float32, err error) {
	a, err := LoadWith(path, func(f io.ReaderAt, size int64) (Array, error) {
		r := bufio.NewReader(io.NewSectionReader(f, 0, size))
		h, err := ReadHeader(r)
		if err != nil {
			return Array{}, err
		}
		data, err := ReadData(&LenReader{r, size - h.Len}, h)
		return Array{Shape: h.Shape, F32: data}, err
	})
	return a.Shape, a.F32, err
}

// Save writes a float32 array to a .npy file.
func Save(path string, shape []int, data []float32) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, shape, data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
