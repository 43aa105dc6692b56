package modelfile

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"

	"convplayground/conv"
)

// WriteTorch writes tensors as torch.save(state_dict, path) does (PyTorch
// 1.6+'s zip format, which torch.load reads): ARCHIVE/data.pkl, a pickle
// (protocol 2) of an OrderedDict of name → tensor, each tensor
// torch._utils._rebuild_tensor_v2 of its own contiguous storage
// ARCHIVE/data/KEY, and ARCHIVE/version. Records are stored uncompressed,
// as torch writes them. Float32 and int64 tensors only (a state_dict's:
// weights, biases, BatchNorm's buffers).
func WriteTorch(w io.Writer, archive string, ts []Tensor) error {
	p := &pickler{}
	p.op("\x80\x02").global("collections", "OrderedDict").op(")R(") // PROTO 2, OrderedDict(), MARK the items
	for i, t := range ts {
		storage, err := storageOf(t)
		if err != nil {
			return err
		}
		p.str(t.Name).tensor(storage, strconv.Itoa(i), conv.Numel(t.Shape), 0, t.Shape, contiguousStride(t.Shape))
	}
	p.op("u.") // SETITEMS STOP

	z := zip.NewWriter(w)
	record := func(name string, data []byte) error {
		f, err := z.CreateHeader(&zip.FileHeader{Name: archive + "/" + name, Method: zip.Store})
		if err == nil {
			_, err = f.Write(data)
		}
		return err
	}
	if err := record("data.pkl", p.Bytes()); err != nil {
		return err
	}
	for i, t := range ts {
		if err := record("data/"+strconv.Itoa(i), rawData(t)); err != nil {
			return err
		}
	}
	if err := record("version", []byte("3\n")); err != nil {
		return err
	}
	return z.Close()
}

// storageOf is the storage class of t's dtype.
func storageOf(t Tensor) (string, error) {
	switch {
	case t.DType == Float32 && len(t.F32) == conv.Numel(t.Shape):
		return "FloatStorage", nil
	case t.DType == Int64 && len(t.I64) == conv.Numel(t.Shape):
		return "LongStorage", nil
	}
	return "", fmt.Errorf("torch.save: %s is %s with %d+%d values for shape %v (want float32 or int64, one value per element)",
		t.Name, t.DType, len(t.F32), len(t.I64), t.Shape)
}

// rawData is t's storage: its values, little-endian.
func rawData(t Tensor) []byte {
	if t.DType == Int64 {
		b := make([]byte, 0, 8*len(t.I64))
		for _, v := range t.I64 {
			b = binary.LittleEndian.AppendUint64(b, uint64(v))
		}
		return b
	}
	b := make([]byte, 0, 4*len(t.F32))
	for _, v := range t.F32 {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

// contiguousStride is a row-major tensor's strides, in elements.
func contiguousStride(shape []int) []int {
	s := make([]int, len(shape))
	n := 1
	for i := len(shape) - 1; i >= 0; i-- {
		s[i] = n
		n *= shape[i]
	}
	return s
}

// pickler writes the few pickle opcodes (protocol 2) a state_dict needs.
type pickler struct{ bytes.Buffer }

func (p *pickler) op(s string) *pickler { p.WriteString(s); return p }

// global is GLOBAL module.name.
func (p *pickler) global(module, name string) *pickler {
	return p.op("c" + module + "\n" + name + "\n")
}

// str is BINUNICODE.
func (p *pickler) str(s string) *pickler {
	p.Write(binary.LittleEndian.AppendUint32([]byte{'X'}, uint32(len(s))))
	return p.op(s)
}

// int is BININT (a tensor's sizes fit in 31 bits: the playground makes no
// larger state_dict).
func (p *pickler) int(v int) *pickler {
	p.Write(binary.LittleEndian.AppendUint32([]byte{'J'}, uint32(int32(v))))
	return p
}

// tensor is torch._utils._rebuild_tensor_v2 of a view of storage KEY:
// the storage's persistent id ('storage', class, key, location, numel),
// storage_offset, size, stride, requires_grad False, backward_hooks
// OrderedDict().
func (p *pickler) tensor(storageType, key string, numel, offset int, shape, stride []int) *pickler {
	p.global("torch._utils", "_rebuild_tensor_v2").op("((").str("storage").global("torch", storageType).str(key).str("cpu").int(numel).op("tQ")
	p.int(offset).tuple(shape).tuple(stride).op("\x89").global("collections", "OrderedDict").op(")Rt")
	return p.op("R")
}

// tuple is a tuple of ints.
func (p *pickler) tuple(vs []int) *pickler {
	p.op("(")
	for _, v := range vs {
		p.int(v)
	}
	return p.op("t")
}
