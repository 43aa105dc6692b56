package modelfile

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"convplayground/conv/npy"

	"github.com/nlpodyssey/gopickle/pickle"
	"github.com/nlpodyssey/gopickle/types"
)

// maxPickle bounds data.pkl: a state_dict's pickle takes ~120-250 bytes a
// tensor (checkPickle bounds what gopickle builds from it).
const maxPickle = 4 << 20

// readZip reads a zip: torch.save's (NAME/data.pkl and NAME/data/KEY) or an
// .npz (.npy members).
func readZip(r io.ReaderAt, size int64) ([]Tensor, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("a damaged zip file: %v", err)
	}
	if err := npy.CheckZipDirectory(z, size); err != nil {
		return nil, err
	}
	var pkl *zip.File
	members := map[string]*zip.File{}
	for _, f := range z.File {
		members[f.Name] = f
		switch dir, base := path.Split(f.Name); {
		case base == "constants.pkl":
			return nil, errors.New("a TorchScript archive (torch.jit.save), which is not read: save the model's state_dict with torch.save")
		case base == "data.pkl" && !strings.Contains(strings.TrimSuffix(dir, "/"), "/"):
			pkl = f
		}
	}
	if pkl != nil {
		return readTorch(r, size, pkl, members)
	}
	if len(z.File) == 0 { // np.savez of nothing: the state_dict of a network without parameters
		return nil, nil
	}
	if len(z.File) > 0 && strings.HasSuffix(z.File[0].Name, ".npy") {
		return npy.ReadNPZ(r, size)
	}
	return nil, errors.New("a zip file that is neither torch.save's (no data.pkl) nor an .npz (no .npy)")
}

// readTorch reads the state_dict in a torch.save zip whose pickle is pkl.
func readTorch(r io.ReaderAt, size int64, pkl *zip.File, members map[string]*zip.File) ([]Tensor, error) {
	if pkl.UncompressedSize64 > maxPickle {
		return nil, fmt.Errorf("torch: data.pkl has %d bytes (limit %d): more than a state_dict's", pkl.UncompressedSize64, maxPickle)
	}
	dir := strings.TrimSuffix(pkl.Name, "data.pkl")
	if f := members[dir+"byteorder"]; f != nil { // written by torch 2; absent means little
		var order []byte
		if f.UncompressedSize64 <= 8 {
			order, _ = readMember(f, size)
		}
		if string(order) != "little" {
			return nil, fmt.Errorf("torch: the storages are not little-endian (byteorder %q)", order)
		}
	}
	p, err := readMember(pkl, size)
	if err != nil {
		return nil, fmt.Errorf("torch: data.pkl: %w", err)
	}
	if err := checkPickle(p); err != nil {
		return nil, fmt.Errorf("torch: data.pkl: %w", err)
	}
	obj, err := unpickle(p)
	if err != nil {
		return nil, fmt.Errorf("torch: %w", err)
	}
	sd, err := findStateDict(obj)
	if err != nil {
		return nil, fmt.Errorf("torch: %w", err)
	}
	prefix := dir + "data/"
	b := newBudget(size)
	tensors := make([]Tensor, 0, len(sd))
	for _, e := range sd {
		t, err := e.ref.read(r, size, e.name, members[prefix+e.ref.storage.key], b)
		if err != nil {
			return nil, fmt.Errorf("torch: %w", err)
		}
		tensors = append(tensors, t)
	}
	return tensors, nil
}

// readMember reads a whole (small) zip member, after checking its sizes.
func readMember(f *zip.File, fileSize int64) ([]byte, error) {
	if err := npy.CheckZipMember(f, fileSize); err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// Read to the end, where the zip reader checks the size and checksum.
	var buf bytes.Buffer
	buf.Grow(int(f.UncompressedSize64))
	if _, err := io.Copy(&buf, rc); err != nil {
		return nil, fmt.Errorf("reading it: %v", err)
	}
	return buf.Bytes(), nil
}

// unpickle runs gopickle's unpickler over p, allowing only the globals of a
// state_dict. gopickle is not known to panic on any input, but a panic there
// must not end the program: it is an error here.
func unpickle(p []byte) (obj any, err error) {
	defer func() {
		if e := recover(); e != nil {
			obj, err = nil, fmt.Errorf("a malformed pickle (%v)", e)
		}
	}()
	u := pickle.NewUnpickler(bytes.NewReader(p))
	u.FindClass = findClass
	u.PersistentLoad = persistentLoad
	u.GetExtension = func(int) (any, error) { return nil, errors.New("pickle extensions are refused") }
	obj, err = u.Load()
	if err != nil {
		return nil, fmt.Errorf("data.pkl: %w", err)
	}
	return obj, nil
}

// storageTypes are the storage classes read (torch.FloatStorage, ...).
var storageTypes = map[string]dtype{
	"FloatStorage": dtFloat32, "HalfStorage": dtFloat16, "BFloat16Storage": dtBFloat16,
	"DoubleStorage": dtFloat64, "LongStorage": dtInt64,
}

// findClass is the only way a pickle names a global: those of a state_dict
// give our own Go values (gopickle itself maps collections.OrderedDict),
// anything else is refused with its name.
func findClass(module, name string) (any, error) {
	switch {
	case module == "torch._utils" && name == "_rebuild_tensor_v2":
		return rebuildTensor{}, nil
	case module == "torch._utils" && name == "_rebuild_parameter":
		return rebuildParameter{}, nil
	case module == "torch" && storageTypes[name].name != "":
		return storageTypes[name], nil
	case module == "torch" && strings.HasSuffix(name, "Storage"):
		return nil, fmt.Errorf("torch.%s: the dtype of this storage is not read (want float32, float16, bfloat16, float64 or int64)", name)
	case module == "__main__" || strings.HasPrefix(module, "torch.nn."):
		return nil, fmt.Errorf("the file holds a whole pickled model (it names %s.%s), not a state_dict: save it with torch.save(model.state_dict(), path)", module, name)
	}
	return nil, fmt.Errorf("the pickle names %s.%s, which a state_dict does not need: refused (only tensors and dicts are read)", module, name)
}

// storage is what a persistent id names: a storage in data/KEY.
type storage struct {
	dt    dtype
	key   string
	numel int
}

// persistentLoad takes torch.save's ('storage', torch.FloatStorage, key,
// location, numel) to a reference to that storage; nothing is read yet.
func persistentLoad(id any) (any, error) {
	t, ok := id.(*types.Tuple)
	if !ok || t.Len() != 5 {
		return nil, fmt.Errorf("a persistent id that is not a storage: %v", id)
	}
	kind, _ := t.Get(0).(string)
	dt, okType := t.Get(1).(dtype)
	key, okKey := t.Get(2).(string)
	numel, okNumel := t.Get(4).(int)
	if kind != "storage" || !okType || !okKey || !okNumel || numel < 0 {
		return nil, fmt.Errorf("a persistent id that is not a storage: %v", id)
	}
	return &storage{dt, key, numel}, nil
}

// tensorRef is a tensor as the pickle describes it: a view of a storage.
type tensorRef struct {
	storage *storage
	offset  int
	shape   []int
	stride  []int
}

// rebuildTensor is torch._utils._rebuild_tensor_v2(storage, storage_offset,
// size, stride, requires_grad, backward_hooks[, metadata]).
type rebuildTensor struct{}

func (rebuildTensor) Call(args ...any) (any, error) {
	if len(args) < 6 || len(args) > 7 {
		return nil, fmt.Errorf("_rebuild_tensor_v2 with %d arguments", len(args))
	}
	s, ok1 := args[0].(*storage)
	offset, ok2 := args[1].(int)
	shape, ok3 := ints(args[2])
	stride, ok4 := ints(args[3])
	if !ok1 || !ok2 || !ok3 || !ok4 || len(shape) != len(stride) {
		return nil, fmt.Errorf("_rebuild_tensor_v2 with unexpected arguments")
	}
	return &tensorRef{s, offset, shape, stride}, nil
}

// rebuildParameter is torch._utils._rebuild_parameter(data, requires_grad,
// backward_hooks): an nn.Parameter is its tensor here.
type rebuildParameter struct{}

func (rebuildParameter) Call(args ...any) (any, error) {
	if len(args) != 3 {
		return nil, fmt.Errorf("_rebuild_parameter with %d arguments", len(args))
	}
	t, ok := args[0].(*tensorRef)
	if !ok {
		return nil, fmt.Errorf("_rebuild_parameter of something other than a tensor")
	}
	return t, nil
}

// ints is a tuple of non-negative ints.
func ints(v any) ([]int, bool) {
	t, ok := v.(*types.Tuple)
	if !ok {
		return nil, false
	}
	out := make([]int, t.Len())
	for i := range out {
		if out[i], ok = t.Get(i).(int); !ok || out[i] < 0 {
			return nil, false
		}
	}
	return out, true
}
