package modelfile

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"

	"convplayground/conv/npy"

	"github.com/nlpodyssey/gopickle/types"
)

// maxDictDepth is how deep in nested dicts a state_dict is looked for
// ({"model": state_dict, "epoch": 3} is depth 1).
const maxDictDepth = 4

type namedRef struct {
	name string
	ref  *tensorRef
}

// findStateDict finds the state_dict in what a torch.save pickle holds: the
// first dict, breadth first, whose values are all tensors and keys strings.
func findStateDict(obj any) ([]namedRef, error) {
	level := []any{obj}
	seen := map[any]bool{}
	for depth := 0; depth <= maxDictDepth && len(level) > 0; depth++ {
		var next []any
		for _, v := range level {
			if !isDict(v) || seen[v] { // a dict the pickle refers to again is looked at once
				continue
			}
			seen[v] = true
			entries := dictEntries(v)
			if sd, ok := tensorDict(entries); ok {
				return sd, nil
			}
			for _, e := range entries {
				next = append(next, e[1])
			}
		}
		level = next
	}
	return nil, errors.New("no state_dict (a dict of tensors) in the file")
}

func isDict(v any) bool {
	switch v.(type) {
	case *types.Dict, *types.OrderedDict:
		return true
	}
	return false
}

// dictEntries lists the key/value pairs of a dict or OrderedDict.
func dictEntries(v any) [][2]any {
	var out [][2]any
	switch d := v.(type) {
	case *types.Dict:
		for _, e := range *d {
			out = append(out, [2]any{e.Key, e.Value})
		}
	case *types.OrderedDict:
		for el := d.List.Front(); el != nil; el = el.Next() {
			e := el.Value.(*types.OrderedDictEntry)
			out = append(out, [2]any{e.Key, e.Value})
		}
	}
	return out
}

// tensorDict is entries as a state_dict, when they are one.
func tensorDict(entries [][2]any) ([]namedRef, bool) {
	if len(entries) == 0 {
		return nil, false
	}
	sd := make([]namedRef, len(entries))
	for i, e := range entries {
		name, ok1 := e[0].(string)
		ref, ok2 := e[1].(*tensorRef)
		if !ok1 || !ok2 {
			return nil, false
		}
		sd[i] = namedRef{name, ref}
	}
	return sd, true
}

// read checks the view against its storage, the member f holding the
// storage and the budget, then reads the tensor's elements.
func (t *tensorRef) read(r io.ReaderAt, fileSize int64, name string, f *zip.File, b *budget) (Tensor, error) {
	s := t.storage
	if f == nil {
		return Tensor{}, fmt.Errorf("%s: its storage data/%s is not in the file", name, s.key)
	}
	if s.numel > MaxFileSize || f.UncompressedSize64 != uint64(s.numel)*uint64(s.dt.size) {
		return Tensor{}, fmt.Errorf("%s: its storage data/%s has %d bytes, the pickle says %d %s elements", name, s.key, f.UncompressedSize64, s.numel, s.dt.name)
	}
	if err := npy.CheckZipMember(f, fileSize); err != nil {
		return Tensor{}, fmt.Errorf("%s: storage data/%s: %w", name, s.key, err)
	}
	n, err := checkShape(name, t.shape)
	if err != nil {
		return Tensor{}, err
	}
	// The last element's index in the storage (strides are at most the
	// storage's size, so this cannot overflow).
	last := t.offset
	for i, d := range t.shape {
		if n > 0 && d > 1 && t.stride[i] > s.numel {
			return Tensor{}, fmt.Errorf("%s: strides %v beyond its storage of %d elements", name, t.stride, s.numel)
		}
		last += (d - 1) * t.stride[i]
	}
	if t.offset > s.numel || (n > 0 && last >= s.numel) {
		return Tensor{}, fmt.Errorf("%s: shape %v, strides %v and offset %d reach beyond its storage of %d elements", name, t.shape, t.stride, t.offset, s.numel)
	}
	if err := b.take(name, n); err != nil {
		return Tensor{}, err
	}
	out := newTensor(name, t.shape, s.dt, n)
	if n == 0 {
		return out, nil
	}
	size := s.dt.size
	span, err := memberSpan(r, f, int64(t.offset*size), int64((last-t.offset+1)*size))
	if err != nil {
		return Tensor{}, fmt.Errorf("%s: storage data/%s: %v", name, s.key, err)
	}
	defer span.Close()
	if t.contiguous() {
		return out, readContiguous(&out, s.dt, span)
	}
	raw := make([]byte, (last-t.offset+1)*size) // at most the storage, which the file holds
	if _, err := io.ReadFull(span, raw); err != nil {
		return Tensor{}, fmt.Errorf("%s: reading its data: %v", name, err)
	}
	gather(&out, s.dt, raw, t.stride)
	return out, nil
}

// contiguous: the elements lie one after the other in row-major order.
func (t *tensorRef) contiguous() bool {
	want := 1
	for i := len(t.shape) - 1; i >= 0; i-- {
		if t.shape[i] != 1 && t.stride[i] != want {
			return false
		}
		want *= t.shape[i]
	}
	return true
}

// memberSpan reads n bytes at off of a zip member: in place when it is
// stored (as torch.save stores them), else by inflating up to off.
func memberSpan(r io.ReaderAt, f *zip.File, off, n int64) (io.ReadCloser, error) {
	if f.Method == zip.Store {
		start, err := f.DataOffset()
		if err != nil {
			return nil, err
		}
		return io.NopCloser(io.NewSectionReader(r, start+off, n)), nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	if _, err := io.CopyN(io.Discard, rc, off); err != nil {
		rc.Close()
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, n), rc}, nil
}
