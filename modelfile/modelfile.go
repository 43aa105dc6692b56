// Package modelfile reads the weights of a trained model from the files a
// PyTorch user has: a torch.save zip (.pt, .pth) holding a state_dict, a
// .safetensors file, or a NumPy .npz. Every reader gives the same thing: the
// named tensors in the file's order, float data as float32.
//
// Nothing in a pickle is executed: the unpickler (gopickle's, which builds
// Go values and calls nothing) may only name the globals a state_dict
// needs — torch._utils._rebuild_tensor_v2 and _rebuild_parameter, the
// storage classes of the dtypes read, and collections.OrderedDict (with
// __builtin__.object and copy_reg._reconstructor, which gopickle maps to
// inert Go values itself) — and any other global is refused with its name.
// Storages are read only after the whole pickle has been checked. Bad files — truncated,
// corrupted, zip bombs, lying headers — are refused with a message naming
// what is wrong, never a panic, and nothing is allocated beyond what the
// file's size justifies: the tensors kept hold at most as many elements as
// the file has bytes divided by MinBytesPerElement.
package modelfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"convplayground/conv/npy"
)

// Tensor is one named tensor: F32 holds a float tensor's values (float32,
// float16, bfloat16 or float64 in the file, converted to float32), I64 an
// int64 tensor's (a buffer such as BatchNorm's num_batches_tracked). DType is
// the file's dtype in PyTorch's words: "float32", "float16", "bfloat16",
// "float64" or "int64".
type Tensor = npy.Array

// The dtypes read.
const (
	Float32  = npy.Float32
	Float64  = npy.Float64
	Int64    = npy.Int64
	Float16  = "float16"
	BFloat16 = "bfloat16"
)

// MaxFileSize is the largest file read (a ResNet-50 state_dict is ~100 MB).
const MaxFileSize = 256 << 20

// MinBytesPerElement bounds the elements a file may give: its size over 2
// (float16 data, or a float32 storage that two keys share), so that views
// and shared storages cannot make a small file expand.
const MinBytesPerElement = 2

// Load reads a model file.
func Load(path string) ([]Tensor, error) { return npy.LoadWith(path, Read) }

// Read reads a model file of size bytes, recognised by its first bytes.
func Read(r io.ReaderAt, size int64) ([]Tensor, error) {
	if size > MaxFileSize {
		return nil, fmt.Errorf("the file has %d bytes (limit %d)", size, MaxFileSize)
	}
	var head [16]byte
	n, err := r.ReadAt(head[:], 0)
	if n < len(head) && err != nil && err != io.EOF {
		return nil, err
	}
	switch b := head[:n]; {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")): // a zip, or an empty one
		return readZip(r, size)
	case bytes.HasPrefix(b, []byte(legacyMagic)):
		return nil, errors.New("a torch.save file in the legacy format (before PyTorch 1.6, or _use_new_zipfile_serialization=False), which is not read: save it again with a current torch.save")
	case bytes.HasPrefix(b, []byte("\x93NUMPY")):
		return nil, errors.New("a single .npy array, not a model file: save the weights with np.savez (.npz)")
	case n >= 9 && b[8] == '{':
		return ReadSafetensors(r, size)
	}
	return nil, errors.New("not a model file: want a PyTorch .pt/.pth (torch.save of a state_dict), a .safetensors or an .npz")
}

// legacyMagic starts torch.save's legacy format: a pickle (protocol 2) of
// the magic number 0x1950a86a20f9469cfc6c.
const legacyMagic = "\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19"

// budget counts the elements kept against what the file justifies.
type budget struct{ left int64 }

func newBudget(fileSize int64) *budget { return &budget{fileSize/MinBytesPerElement + 64} }

func (b *budget) take(name string, n int) error {
	if b.left -= int64(n); b.left < 0 {
		return fmt.Errorf("%s: the tensors hold more elements than a file of this size can (views or shared storages repeating the data?)", name)
	}
	return nil
}
