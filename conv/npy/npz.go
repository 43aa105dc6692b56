package npy

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"convplayground/conv/npy/arrays"
)

// Array is one named array (package arrays, which nn takes without the
// zip code).
type Array = arrays.Array

// MaxNPZBytes bounds the data of all the arrays of one .npz (1 GiB).
const MaxNPZBytes = 1 << 30

// deflateRatio is the most deflate can expand its input (258 bytes from
// 2 bits, ~1032:1): a member claiming more is lying about its size.
const deflateRatio = 1032

// trustedRatio is the compression ratio up to which a member's declared
// size is allocated at once.
const trustedRatio = 4

// ReadNPZ reads every array of an .npz (np.savez, np.savez_compressed) of
// size bytes, in the order of its zip directory, named by its keys (the
// member names without ".npy"). A member's size declared in the zip must be
// what its .npy header needs and what its compressed bytes can hold, so that
// a lying or bomb-like file is refused before its data is read.
func ReadNPZ(r io.ReaderAt, size int64) ([]Array, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("npz: not a readable zip: %v", err)
	}
	if err := CheckZipDirectory(z, size); err != nil {
		return nil, fmt.Errorf("npz: %w", err)
	}
	var arrays []Array
	seen := map[string]bool{}
	var total int64
	for _, f := range z.File {
		name, ok := strings.CutSuffix(f.Name, ".npy")
		if !ok {
			return nil, fmt.Errorf("npz: member %q is not a .npy file", f.Name)
		}
		if seen[name] {
			return nil, fmt.Errorf("npz: key %q twice", name)
		}
		seen[name] = true
		a, err := readMember(f, size)
		if err != nil {
			return nil, fmt.Errorf("npz: %s: %w", f.Name, err)
		}
		if total += int64(f.UncompressedSize64); total > MaxNPZBytes {
			return nil, fmt.Errorf("npz: the arrays hold more than %d bytes", MaxNPZBytes)
		}
		a.Name = name
		arrays = append(arrays, a)
	}
	return arrays, nil
}

// CheckZipDirectory refuses a zip whose members' compressed sizes add up to more
// than the file: they would overlap, one file's bytes counted many times.
func CheckZipDirectory(z *zip.Reader, size int64) error {
	var sum uint64
	for _, f := range z.File {
		if sum += f.CompressedSize64; sum > uint64(size) || sum < f.CompressedSize64 {
			return fmt.Errorf("the members declare more compressed bytes than the file's %d", size)
		}
	}
	return nil
}

// CheckZipMember checks the sizes a zip member declares against the file
// (of fileSize bytes) and against each other, before anything is read: a
// stored member holds its declared size, a deflated one at most
// deflate's 1032:1 of it, none more than MaxNPZBytes.
func CheckZipMember(f *zip.File, fileSize int64) error {
	switch {
	case f.CompressedSize64 > uint64(fileSize):
		return fmt.Errorf("declares %d compressed bytes in a file of %d", f.CompressedSize64, fileSize)
	case f.Method == zip.Store && f.UncompressedSize64 != f.CompressedSize64:
		return fmt.Errorf("stored member declares %d bytes but holds %d", f.UncompressedSize64, f.CompressedSize64)
	case f.UncompressedSize64/deflateRatio > f.CompressedSize64:
		return fmt.Errorf("declares %d bytes from %d compressed (more than deflate can give: a zip bomb?)", f.UncompressedSize64, f.CompressedSize64)
	case f.UncompressedSize64 > MaxNPZBytes:
		return fmt.Errorf("declares %d bytes (limit %d)", f.UncompressedSize64, MaxNPZBytes)
	}
	return nil
}

// readMember checks f's declared sizes against its .npy header and the file,
// then reads its data.
func readMember(f *zip.File, fileSize int64) (Array, error) {
	if err := CheckZipMember(f, fileSize); err != nil {
		return Array{}, err
	}
	rc, err := f.Open()
	if err != nil {
		return Array{}, err
	}
	defer rc.Close()
	zr := &zipErrReader{r: rc}
	br := bufio.NewReader(zr)
	a, err := readNPY(br, f)
	if err == nil {
		br.ReadByte() // the end, where the zip reader checks the checksum
	}
	if zr.err != nil { // the zip's own check, clearer than the .npy reader's "truncated"
		return Array{}, fmt.Errorf("the member's declared size or data is wrong (%v)", zr.err)
	}
	return a, err
}

// readNPY reads the .npy in f from br.
func readNPY(br *bufio.Reader, f *zip.File) (Array, error) {
	h, err := ReadHeader(br)
	if err != nil {
		return Array{}, err
	}
	if n := uint64(h.Len + h.DataLen()); n != f.UncompressedSize64 {
		return Array{}, fmt.Errorf("declares %d bytes, its .npy header says %d", f.UncompressedSize64, n)
	}
	// Allocate the array at once when the member's own bytes justify it
	// (stored, or deflated at most trustedRatio:1, as float data is);
	// otherwise it grows as it inflates, so that a lying size costs only
	// what the compressed bytes really give.
	var data io.Reader = br
	if f.UncompressedSize64/trustedRatio <= f.CompressedSize64 {
		data = &LenReader{br, h.DataLen()}
	}
	a := Array{Shape: h.Shape, DType: h.DType}
	if h.DType == Int64 || h.DType == Int32 {
		a.I64, err = ReadInt64(data, h)
	} else {
		a.F32, err = ReadData(data, h)
	}
	return a, err
}

// zipErrReader remembers the first error other than io.EOF of a zip
// member's reader: a wrong size or checksum, which the zip reader reports
// by ending the data early.
type zipErrReader struct {
	r   io.Reader
	err error
}

func (z *zipErrReader) Read(b []byte) (int, error) {
	n, err := z.r.Read(b)
	if err != nil && err != io.EOF && z.err == nil {
		z.err = err
	}
	return n, err
}

// LoadNPZ reads an .npz file.
func LoadNPZ(path string) ([]Array, error) { return LoadWith(path, ReadNPZ) }

// WriteNPZ writes the arrays as np.savez does (a zip of stored .npy files,
// keys in the given order): Int64 arrays as int64, the others as float32.
func WriteNPZ(w io.Writer, arrays []Array) error {
	z := zip.NewWriter(w)
	seen := map[string]bool{}
	for _, a := range arrays {
		if seen[a.Name] {
			return fmt.Errorf("npz: key %q twice", a.Name)
		}
		seen[a.Name] = true
		m, err := z.CreateHeader(&zip.FileHeader{Name: a.Name + ".npy", Method: zip.Store})
		if err != nil {
			return err
		}
		if a.DType == Int64 {
			err = WriteInt64(m, a.Shape, a.I64)
		} else {
			err = Write(m, a.Shape, a.F32)
		}
		if err != nil {
			return fmt.Errorf("npz: %s: %w", a.Name, err)
		}
	}
	return z.Close()
}

// SaveNPZ writes the arrays to an .npz file.
func SaveNPZ(path string, arrays []Array) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteNPZ(f, arrays); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
