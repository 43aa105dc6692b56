package modelfile

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// maxSafetensorsHeader bounds the JSON header (the format's own limit is
// 100 MB; a header takes ~100 bytes a tensor).
const maxSafetensorsHeader = 16 << 20

// safetensorsDTypes are the dtypes read, by the format's names.
var safetensorsDTypes = map[string]dtype{"F32": dtFloat32, "F16": dtFloat16, "BF16": dtBFloat16, "F64": dtFloat64, "I64": dtInt64}

// ReadSafetensors reads a .safetensors file of size bytes: an 8-byte
// little-endian header length, a JSON header {name: {dtype, shape,
// data_offsets}} (and an optional __metadata__, ignored), then the data. The
// tensors come in the order of their data.
func ReadSafetensors(r io.ReaderAt, size int64) ([]Tensor, error) {
	var pre [8]byte
	if _, err := r.ReadAt(pre[:], 0); err != nil {
		return nil, errors.New("safetensors: too short")
	}
	hlen := binary.LittleEndian.Uint64(pre[:])
	if hlen > maxSafetensorsHeader || int64(hlen) > size-8 {
		return nil, fmt.Errorf("safetensors: a header of %d bytes in a file of %d (limit %d)", hlen, size, maxSafetensorsHeader)
	}
	hdr := make([]byte, hlen)
	if _, err := r.ReadAt(hdr, 8); err != nil {
		return nil, fmt.Errorf("safetensors: reading the header: %v", err)
	}
	list, err := safetensorsEntries(hdr)
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	start := func(e safetensorsEntry) int64 {
		if len(e.DataOffsets) == 0 {
			return -1
		}
		return e.DataOffsets[0]
	}
	slices.SortFunc(list, func(a, b safetensorsEntry) int { // the data's order (the names' when data is shared)
		return cmp.Or(cmp.Compare(start(a), start(b)), strings.Compare(a.name, b.name))
	})
	dataStart := 8 + int64(hlen)
	b := newBudget(size)
	tensors := make([]Tensor, 0, len(list))
	for _, e := range list {
		dt, ok := safetensorsDTypes[e.DType]
		if !ok {
			return nil, fmt.Errorf("safetensors: %s: dtype %q is not read (want F32, F16, BF16, F64 or I64)", e.name, e.DType)
		}
		n, err := checkShape(e.name, e.Shape)
		if err != nil {
			return nil, fmt.Errorf("safetensors: %w", err)
		}
		if len(e.DataOffsets) != 2 || e.DataOffsets[0] < 0 || e.DataOffsets[1] < e.DataOffsets[0] || e.DataOffsets[1] > size-dataStart {
			return nil, fmt.Errorf("safetensors: %s: data_offsets %v outside the %d bytes of data", e.name, e.DataOffsets, size-dataStart)
		}
		if got, want := e.DataOffsets[1]-e.DataOffsets[0], int64(n)*int64(dt.size); got != want {
			return nil, fmt.Errorf("safetensors: %s: %d bytes of data for shape %v of %s (want %d)", e.name, got, e.Shape, e.DType, want)
		}
		if err := b.take(e.name, n); err != nil {
			return nil, fmt.Errorf("safetensors: %w", err)
		}
		t := newTensor(e.name, append([]int{}, e.Shape...), dt, n)
		if err := readContiguous(&t, dt, io.NewSectionReader(r, dataStart+e.DataOffsets[0], e.DataOffsets[1]-e.DataOffsets[0])); err != nil {
			return nil, fmt.Errorf("safetensors: %w", err)
		}
		tensors = append(tensors, t)
	}
	return tensors, nil
}

// safetensorsEntry is one tensor's entry in the header.
type safetensorsEntry struct {
	name        string
	DType       string
	Shape       []int
	DataOffsets []int64
}

// safetensorsEntries reads the JSON header: an object of entries by name
// (a name given twice: its last entry), "__metadata__" skipped. The
// entries come in no particular order.
func safetensorsEntries(hdr []byte) ([]safetensorsEntry, error) {
	byName := map[string]safetensorsEntry{}
	var entryErr error
	r := jsonReader{b: hdr}
	err := r.object(func(name string) error {
		if name == "__metadata__" {
			return r.skip()
		}
		e, err := r.safetensorsEntry(name)
		if err != nil {
			entryErr = fmt.Errorf("%s: not a {dtype, shape, data_offsets} entry (%v)", name, err)
			return entryErr
		}
		byName[name] = e
		return nil
	})
	if err == nil {
		err = r.end()
	}
	if entryErr != nil {
		return nil, entryErr
	}
	if err != nil {
		return nil, fmt.Errorf("the header is not a JSON object: %v", err)
	}
	list := make([]safetensorsEntry, 0, len(byName))
	for _, e := range byName {
		list = append(list, e)
	}
	return list, nil
}

// safetensorsEntry reads {"dtype": ..., "shape": [...], "data_offsets":
// [...]}; other keys are skipped.
func (r *jsonReader) safetensorsEntry(name string) (safetensorsEntry, error) {
	e := safetensorsEntry{name: name}
	err := r.object(func(key string) error {
		var err error
		switch key {
		case "dtype":
			e.DType, err = r.str()
		case "shape":
			var shape []int64
			shape, err = r.ints()
			e.Shape = make([]int, len(shape))
			for i, n := range shape {
				e.Shape[i] = int(n)
			}
		case "data_offsets":
			e.DataOffsets, err = r.ints()
		default:
			err = r.skip()
		}
		return err
	})
	return e, err
}
