// Package mnistdata reads and writes the MNIST training subset that the
// playground trains on: one gzip-compressed file (assets/mnist12k.bin.gz,
// not committed: make builds it with ./cmd/gensamples) holding 12,000 training images, 1,200 of each
// digit, and the first 2,000 images of the 10k test set, as bytes. The
// browser fetches it when the learner first trains; it is not in the wasm.
//
// # File format
//
// The file is a gzip stream (one member) of, little-endian:
//
//	magic    4 bytes  "CPMD"
//	version  uint32   1
//	train    uint32   number of training images (1..MaxTrain)
//	test     uint32   number of test images (1..MaxTest)
//	train × label byte (0..9), then train × 28·28 pixel bytes
//	test × label byte (0..9), then test × 28·28 pixel bytes
//	crc      uint32   CRC-32 (IEEE) of every byte above
//
// Pixels are row-major, 0 background to 255 ink (white digit on black), as
// in MNIST's own files; the network's input is pixel/255. Labels come
// before pixels so that each compresses with its kind. The CRC (and gzip's
// own) make a damaged file an error rather than wrong digits.
package mnistdata

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

const (
	// Side is the images' side: 28x28 pixels.
	Side = 28
	// Pixels is the number of pixels of one image.
	Pixels = Side * Side
	// MaxTrain and MaxTest bound the counts a file may claim (MNIST's own
	// set sizes), so that a damaged header cannot ask for more.
	MaxTrain = 60000
	MaxTest  = 10000

	magic      = "CPMD"
	version    = 1
	headerSize = 16
)

// Images is a set of labelled images, back to back.
type Images struct {
	Pixels []byte // Len()·Pixels bytes, image i at [i·Pixels, (i+1)·Pixels)
	Labels []byte // 0..9
}

// Len is the number of images.
func (im Images) Len() int { return len(im.Labels) }

// Image returns image i's pixels (a slice of Pixels, not a copy).
func (im Images) Image(i int) []byte { return im.Pixels[i*Pixels : (i+1)*Pixels] }

// Set is the file's contents.
type Set struct {
	Train, Test Images
}

// Encode writes s in the file format, gzip-compressed at the best level.
func Encode(w io.Writer, s *Set) error {
	for _, im := range []Images{s.Train, s.Test} {
		if err := im.check(); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	b.WriteString(magic)
	for _, v := range []int{version, s.Train.Len(), s.Test.Len()} {
		binary.Write(&b, binary.LittleEndian, uint32(v))
	}
	for _, im := range []Images{s.Train, s.Test} {
		b.Write(im.Labels)
		b.Write(im.Pixels)
	}
	binary.Write(&b, binary.LittleEndian, crc32.ChecksumIEEE(b.Bytes()))
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

// check validates labels and sizes.
func (im Images) check() error {
	if len(im.Pixels) != im.Len()*Pixels {
		return fmt.Errorf("%d labels but %d pixel bytes (want %d)", im.Len(), len(im.Pixels), im.Len()*Pixels)
	}
	for i, l := range im.Labels {
		if l > 9 {
			return fmt.Errorf("image %d has label %d (want 0..9)", i, l)
		}
	}
	return nil
}

// Decode reads a file written by Encode. Its errors say what is wrong: not
// a gzip file (an HTML error page, say), truncated, damaged (a checksum),
// or a header or label out of range.
func Decode(r io.Reader) (*Set, error) {
	s, err := decode(r)
	if err != nil {
		return nil, fmt.Errorf("MNIST data: %w", err)
	}
	return s, nil
}

func decode(r io.Reader) (*Set, error) {
	br := bufio.NewReader(r)
	start, _ := br.Peek(2)
	switch {
	case len(start) == 0:
		return nil, errors.New("the file is empty")
	case start[0] == '<':
		return nil, errors.New("this is an HTML page, not the data file (is the file missing on the server?)")
	case len(start) == 2 && (start[0] != 0x1f || start[1] != 0x8b):
		return nil, errors.New("not a gzip file (damaged or not the data file)")
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, compressedErr(err, "not a gzip file")
	}
	zr.Multistream(false)
	var head [headerSize]byte
	if _, err := io.ReadFull(zr, head[:]); err != nil {
		return nil, compressedErr(err, "cannot read the header")
	}
	if string(head[:4]) != magic {
		return nil, fmt.Errorf("wrong magic %q, want %q: not the playground's MNIST file", head[:4], magic)
	}
	le := binary.LittleEndian
	if v := le.Uint32(head[4:]); v != version {
		return nil, fmt.Errorf("version %d, want %d", v, version)
	}
	nTrain, nTest := le.Uint32(head[8:]), le.Uint32(head[12:])
	if nTrain < 1 || nTrain > MaxTrain || nTest < 1 || nTest > MaxTest {
		return nil, fmt.Errorf("the header claims %d training and %d test images (want 1..%d and 1..%d): damaged", nTrain, nTest, MaxTrain, MaxTest)
	}
	size := int64(nTrain+nTest)*(1+Pixels) + 4
	// ReadAll grows with the bytes that arrive, so a short file costs only
	// its length; reading to the end lets gzip check its own CRC.
	body, err := io.ReadAll(io.LimitReader(zr, size+1))
	if err != nil {
		return nil, compressedErr(err, "cannot decompress")
	}
	if int64(len(body)) < size {
		return nil, fmt.Errorf("truncated: %d of %d bytes after the header", len(body), size)
	}
	if int64(len(body)) > size {
		return nil, fmt.Errorf("damaged: more data than the header's %d training and %d test images", nTrain, nTest)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("damaged: bytes after the compressed data")
	}
	crc := crc32.Update(crc32.ChecksumIEEE(head[:]), crc32.IEEETable, body[:size-4])
	if want := le.Uint32(body[size-4:]); crc != want {
		return nil, fmt.Errorf("damaged: checksum %08x, the file says %08x", crc, want)
	}
	s := &Set{}
	rest := body
	for _, p := range []struct {
		name string
		im   *Images
		n    int
	}{{"training", &s.Train, int(nTrain)}, {"test", &s.Test, int(nTest)}} {
		p.im.Labels, rest = rest[:p.n], rest[p.n:]
		p.im.Pixels, rest = rest[:p.n*Pixels], rest[p.n*Pixels:]
		if err := p.im.check(); err != nil {
			return nil, fmt.Errorf("damaged: %s %v", p.name, err)
		}
	}
	return s, nil
}

// compressedErr words an error of the gzip layer: a stream that ends early
// is truncated, a bad checksum or header is damage.
func compressedErr(err error, what string) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("truncated: the compressed data ends early")
	case errors.Is(err, gzip.ErrChecksum):
		return errors.New("damaged: gzip's checksum does not match")
	case errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("%s (damaged or not the data file)", what)
	}
	return fmt.Errorf("damaged: %s: %v", what, err)
}
