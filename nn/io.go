package nn

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"convplayground/conv"
)

// DefaultFile is the name of the committed weights in package assets.
const DefaultFile = "mnist_lenet.bin"

var magic = [4]byte{'C', 'P', 'N', 'N'}

// version 3: float16 data in byte planes. Versions 1 (float32 data) and 2
// (float16 values one after another) are no longer read.
const version = 3

// DefaultAccuracy is the committed weights' accuracy on the 10k MNIST test
// images, as TestDefaultWeightsAccuracy measures (and checks) it; the
// playground quotes it.
const DefaultAccuracy = 0.9928

// Default loads the committed, trained network from the bytes of its file
// (package assets' DefaultFile, which the caller reads: nn embeds nothing).
func Default(weights []byte) (*Net, error) {
	if len(weights) == 0 {
		return nil, fmt.Errorf("nn: trained weights %s are missing (no bytes)", DefaultFile)
	}
	return Load(bytes.NewReader(weights))
}

// Save writes the network in the format of the package comment: each
// weight rounded to the nearest float16, a tensor's high bytes before its
// low bytes. A weight beyond float16's range (±65504) is refused rather
// than written as an infinity Load would reject.
func (n *Net) Save(w io.Writer) error {
	for i, p := range n.Params { // before writing anything
		for j, v := range p.Data {
			if halfBits(v)&0x7c00 == 0x7c00 {
				return fmt.Errorf("nn: cannot save %s[%d] = %g: not a finite float16", paramNames[i], j, v)
			}
		}
	}
	bw := bufio.NewWriter(w)
	bw.Write(magic[:])
	le := binary.LittleEndian
	var buf []byte
	buf = le.AppendUint32(buf, version)
	buf = le.AppendUint32(buf, uint32(len(n.Params)))
	bw.Write(buf)
	for _, p := range n.Params {
		buf = le.AppendUint32(buf[:0], uint32(len(p.Shape)))
		for _, d := range p.Shape {
			buf = le.AppendUint32(buf, uint32(d))
		}
		buf = appendHalves(buf, p.Data)
		bw.Write(buf)
	}
	return bw.Flush()
}

// Load reads a network written by Save. Anything but a well-formed file of
// this architecture is refused with an error saying what is wrong. A tensor
// is allocated only once its shape fits the architecture and its bytes have
// arrived, so a file that promises more than it holds costs no more memory
// than it holds.
func Load(r io.Reader) (*Net, error) {
	br := bufio.NewReader(r)
	var head [12]byte
	if _, err := io.ReadFull(br, head[:]); err != nil {
		return nil, fmt.Errorf("nn: weights file: header: %w", truncated(err))
	}
	if !bytes.Equal(head[:4], magic[:]) {
		return nil, fmt.Errorf("nn: not a weights file (magic %q, want %q)", head[:4], magic[:])
	}
	le := binary.LittleEndian
	if v := le.Uint32(head[4:]); v != version {
		return nil, fmt.Errorf("nn: weights file version %d, this build reads only version %d (float16 weights in byte planes); rewrite the file with this build (make train)", v, version)
	}
	if c := le.Uint32(head[8:]); c != 8 {
		return nil, fmt.Errorf("nn: weights file has %d tensors, want 8", c)
	}
	var params [8]*conv.Tensor
	c2, h := 1, 1        // fixed by conv2.weight and fc1.weight as they are read
	var raw bytes.Buffer // one tensor's float16 bytes, grown as they arrive
	for i := range 8 {
		shape, err := readShape(br)
		if err != nil {
			return nil, fmt.Errorf("nn: weights file: %s: %w", paramNames[i], err)
		}
		if (i == 2 || i == 4) && len(shape) > 0 {
			if shape[0] < 1 || shape[0] > MaxWidth {
				return nil, fmt.Errorf("nn: weights file: %s has shape %s, its first dimension must be in 1..%d", paramNames[i], conv.FormatShape(shape), MaxWidth)
			}
			if i == 2 {
				c2 = shape[0]
			} else {
				h = shape[0]
			}
		}
		if want := shapes(c2, h)[i]; !slices.Equal(shape, want) {
			return nil, fmt.Errorf("nn: weights file: %s has shape %s, want %s", paramNames[i], conv.FormatShape(shape), conv.FormatShape(want))
		}
		raw.Reset()
		if _, err := io.CopyN(&raw, br, 2*int64(conv.Numel(shape))); err != nil {
			return nil, fmt.Errorf("nn: weights file: %s: %w", paramNames[i], truncated(err))
		}
		t := conv.Zeros(shape...)
		if err := halfFloats(raw.Bytes(), t.Data); err != nil {
			return nil, fmt.Errorf("nn: weights file: %s: %w", paramNames[i], err)
		}
		params[i] = t
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("nn: weights file: unexpected bytes after the last tensor")
	}
	net := newNet(c2)
	net.Params = params
	return net, nil
}

func readShape(r io.Reader) ([]int, error) {
	var nd [4]byte
	if _, err := io.ReadFull(r, nd[:]); err != nil {
		return nil, truncated(err)
	}
	ndim := binary.LittleEndian.Uint32(nd[:])
	if ndim < 1 || ndim > 4 {
		return nil, fmt.Errorf("%d dimensions", ndim)
	}
	buf := make([]byte, 4*ndim)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, truncated(err)
	}
	shape := make([]int, ndim)
	for i := range shape {
		d := binary.LittleEndian.Uint32(buf[4*i:])
		if d > MaxWidth*25 {
			return nil, fmt.Errorf("dimension %d is too large", d)
		}
		shape[i] = int(d)
	}
	return shape, nil
}

// appendHalves appends data rounded to float16 as two byte planes: every
// value's high byte (sign, exponent, the mantissa's top 2 bits), then every
// low byte. The high bytes repeat a lot, so apart they compress better: the
// browser build, which embeds the trained weights, is 10 KB smaller (brotli)
// than with the values' bytes interleaved.
func appendHalves(buf []byte, data []float32) []byte {
	n := len(buf)
	buf = slices.Grow(buf, 2*len(data))[:n+2*len(data)]
	hi, lo := buf[n:n+len(data)], buf[n+len(data):]
	for i, v := range data {
		h := halfBits(v)
		hi[i], lo[i] = byte(h>>8), byte(h)
	}
	return buf
}

// halfFloats widens the float16 values of b (len(dst) high bytes, then as
// many low bytes, as appendHalves writes them) into dst, refusing
// infinities and NaNs.
func halfFloats(b []byte, dst []float32) error {
	hi, lo := b[:len(dst)], b[len(dst):2*len(dst)]
	for i := range dst {
		h := uint16(hi[i])<<8 | uint16(lo[i])
		v := halfValue(h)
		if h&0x7c00 == 0x7c00 {
			return fmt.Errorf("value %d is %v", i, v)
		}
		dst[i] = v
	}
	return nil
}

func truncated(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errors.New("file is truncated")
	}
	return err
}
