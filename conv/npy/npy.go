// Package npy reads and writes NumPy's .npy format, the interchange format of
// NumPy and PyTorch (np.save / np.load, torch via .numpy()).
//
// Read accepts float32 and float64 ('<f4', '<f8'; float64 is converted to
// float32), little-endian or byte-order-free ('|'), C order, header versions
// 1.0, 2.0 and 3.0. Anything else — big-endian, Fortran order, other dtypes,
// malformed or truncated files, shapes beyond MaxElements — is an error,
// never a panic, and nothing is allocated for the data before its shape has
// been checked. Write produces the same bytes as NumPy's np.save of a float32
// array.
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
)

const magic = "\x93NUMPY"

// MaxElements is the largest array read, conv.MaxElements (2^28 float32, 1 GiB).
const MaxElements = 1 << 28

// maxHeader bounds the header we accept (NumPy's own default limit is 10000).
const maxHeader = 1 << 16

// Read decodes one array from r: its shape and its elements in row-major order.
func Read(r io.Reader) (shape []int, data []float32, err error) {
	h, err := readHeader(r)
	if err != nil {
		return nil, nil, err
	}
	data, err = readData(r, h)
	if err != nil {
		return nil, nil, err
	}
	return h.shape, data, nil
}

func readHeader(r io.Reader) (header, error) {
	var zero header
	var pre [8]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return zero, errors.New("npy: not a .npy file (too short)")
	}
	if string(pre[:6]) != magic {
		return zero, errors.New("npy: not a .npy file (bad magic)")
	}
	var hlen int
	switch pre[6] {
	case 1:
		var b [2]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return zero, errors.New("npy: truncated header")
		}
		hlen = int(binary.LittleEndian.Uint16(b[:]))
	case 2, 3:
		var b [4]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return zero, errors.New("npy: truncated header")
		}
		hlen = int(binary.LittleEndian.Uint32(b[:]))
	default:
		return zero, fmt.Errorf("npy: unsupported format version %d.%d", pre[6], pre[7])
	}
	if hlen > maxHeader {
		return zero, fmt.Errorf("npy: header of %d bytes is too large", hlen)
	}
	hdr := make([]byte, hlen)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return zero, errors.New("npy: truncated header")
	}
	return parseHeader(string(hdr))
}

type header struct {
	size  int // bytes per element: 4 or 8
	shape []int
}

// parseHeader reads the Python dict literal of the header, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
func parseHeader(s string) (header, error) {
	var h header
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
			if h.shape, ok = p.tuple(); !ok {
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
		h.size = 4
	case "<f8", "|f8":
		h.size = 8
	default:
		return h, fmt.Errorf("npy: unsupported dtype %q (want little-endian float32 '<f4' or float64 '<f8')", descr)
	}
	if numel(h.shape) < 0 {
		return h, fmt.Errorf("npy: shape %v is too large (limit %d elements)", h.shape, MaxElements)
	}
	return h, nil
}

// readData reads the elements, growing the buffer only as data arrives, so a
// short file claiming a large shape costs nothing.
func readData(r io.Reader, h header) ([]float32, error) {
	n := numel(h.shape)
	var buf bytes.Buffer
	if got, err := io.Copy(&buf, io.LimitReader(r, int64(n)*int64(h.size))); err != nil {
		return nil, fmt.Errorf("npy: reading data: %v", err)
	} else if got != int64(n)*int64(h.size) {
		return nil, fmt.Errorf("npy: truncated data (%d of %d bytes)", got, int64(n)*int64(h.size))
	}
	b := buf.Bytes()
	data := make([]float32, n)
	for i := range data {
		if h.size == 4 {
			data[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		} else if v := math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:])); !math.IsInf(float64(float32(v)), 0) || math.IsInf(v, 0) {
			data[i] = float32(v)
		} else { // not a silent infinity
			return nil, fmt.Errorf("npy: value %d (%g) is outside float32's range", i, v)
		}
	}
	return data, nil
}

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
	if numel(shape) != len(data) {
		return fmt.Errorf("npy: %d values for shape %v", len(data), shape)
	}
	bw := bufio.NewWriter(w)
	bw.Write(encodeHeader(shape))
	var b [4]byte
	for _, v := range data {
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
		bw.Write(b[:])
	}
	return bw.Flush()
}

// encodeHeader is the .npy header of a float32 C-order array of the given
// shape, as numpy.lib.format writes it: the dict, room for the first axis to
// grow to 21 digits, padding to a multiple of 64 bytes, version 1.0 when it
// fits.
func encodeHeader(shape []int) []byte {
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
	dict := fmt.Sprintf("{'descr': '<f4', 'fortran_order': False, 'shape': %s, }", tup)
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
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if shape, data, err = Read(bufio.NewReader(f)); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return shape, data, nil
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
