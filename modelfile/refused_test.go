package modelfile

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// stateDict pickles OrderedDict([(name, tensor)]).
func stateDict(name string, tensor func(p *pickler)) []byte {
	p := &pickler{}
	p.op("\x80\x02").global("collections", "OrderedDict").op(")R(").str(name)
	tensor(p)
	return p.op("u.").Bytes()
}

// torchZip is a torch.save zip: archive/data.pkl and archive/data/KEY.
func torchZip(pkl []byte, storages map[string][]byte) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	add := func(name string, data []byte) {
		w, _ := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		w.Write(data)
	}
	add("archive/data.pkl", pkl)
	for k, v := range storages {
		add("archive/data/"+k, v)
	}
	z.Close()
	return b.Bytes()
}

func TestTorchRefused(t *testing.T) {
	f32 := func(numel, offset int, shape, stride []int) []byte {
		return stateDict("w", func(p *pickler) { p.tensor("FloatStorage", "0", numel, offset, shape, stride) })
	}
	nine := map[string][]byte{"0": make([]byte, 36)}
	good := torchZip(f32(9, 0, []int{3, 3}, []int{3, 1}), nine)
	if ts, err := Read(bytes.NewReader(good), int64(len(good))); err != nil || len(ts) != 1 || len(ts[0].F32) != 9 {
		t.Fatalf("the hand-made state_dict: %v %v", ts, err)
	}
	cnn, err := os.ReadFile("testdata/cnn.pt")
	if err != nil {
		t.Fatal(err)
	}
	pk := func(f func(p *pickler)) []byte { p := &pickler{}; p.op("\x80\x02"); f(p); return p.op(".").Bytes() }
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"storage size":    {torchZip(f32(10, 0, []int{3, 3}, []int{3, 1}), nine), "has 36 bytes, the pickle says 10 float32 elements"},
		"no storage":      {torchZip(f32(9, 0, []int{3, 3}, []int{3, 1}), nil), "storage data/0 is not in the file"},
		"view beyond":     {torchZip(f32(9, 2, []int{3, 3}, []int{3, 1}), nine), "reach beyond its storage of 9 elements"},
		"offset beyond":   {torchZip(f32(9, 10, []int{0}, []int{1}), nine), "reach beyond"},
		"stride beyond":   {torchZip(f32(9, 0, []int{2, 2}, []int{100, 1}), nine), "strides [100 1] beyond"},
		"shape overflow":  {torchZip(f32(9, 0, []int{1 << 30, 1 << 30, 1 << 30}, []int{0, 0, 0}), nine), "too large"},
		"expanded":        {torchZip(f32(9, 0, []int{1 << 20}, []int{0}), nine), "more elements than a file of this size can"},
		"negative dim":    {torchZip(f32(9, 0, []int{-1}, []int{1}), nine), "_rebuild_tensor_v2 with unexpected arguments"},
		"rank mismatch":   {torchZip(f32(9, 0, []int{3, 3}, []int{1}), nine), "_rebuild_tensor_v2 with unexpected arguments"},
		"int32 storage":   {torchZip(stateDict("w", func(p *pickler) { p.tensor("IntStorage", "0", 9, 0, []int{9}, []int{1}) }), nine), "torch.IntStorage: the dtype of this storage is not read"},
		"foreign global":  {torchZip(pk(func(p *pickler) { p.global("os", "system").str("echo hi").op("\x85R") }), nil), "the pickle names os.system, which a state_dict does not need"},
		"pickled module":  {torchZip(pk(func(p *pickler) { p.global("torch.nn.modules.conv", "Conv2d") }), nil), "whole pickled model (it names torch.nn.modules.conv.Conv2d)"},
		"no state_dict":   {torchZip(pk(func(p *pickler) { p.int(3) }), nil), "no state_dict (a dict of tensors)"},
		"bad persid":      {torchZip(pk(func(p *pickler) { p.str("x").op("Q") }), nil), "a persistent id that is not a storage"},
		"no STOP":         {torchZip([]byte("\x80\x02K\x01"), nil), "ends without STOP"},
		"huge bytes":      {torchZip([]byte("\x80\x02\x8e\xff\xff\xff\xff\xff\xff\xff\x7f."), nil), "claims more bytes than it holds"},
		"huge string":     {torchZip([]byte("\x80\x02X\xff\xff\xff\xff."), nil), "claims more bytes than it holds"},
		"huge frame":      {torchZip([]byte("\x80\x04\x95\x00\x00\x00\x00\x00\x00\x01\x00."), nil), "a frame of"},
		"extension":       {torchZip([]byte("\x80\x02\x82\x01."), nil), "opcode 0x82"},
		"long4":           {torchZip(append(append([]byte("\x80\x02\x8b\x00\x00\x10\x00"), make([]byte, 1<<20)...), '.'), nil), "a number of 1048580 bytes"},
		"text long":       {torchZip([]byte("\x80\x02L"+strings.Repeat("9", 100)+"L\n."), nil), "a number of 102 bytes"},
		"marks":           {torchZip([]byte("\x80\x02"+strings.Repeat("(", 1<<20)+"."), nil), "would build more than 67108864 bytes of values"},
		"empty long1":     {torchZip([]byte("\x80\x02\x8a\x00."), nil), "a malformed pickle"},
		"empty pickle":    {torchZip(nil, nil), "ends without STOP"},
		"stack underflow": {torchZip([]byte("\x80\x02R."), nil), "data.pkl"},
		"truncated zip":   {cnn[:len(cnn)/2], "a damaged zip file"},
		"torchscript":     {zipOf("m/constants.pkl", "m/data.pkl"), "TorchScript"},
		"big-endian":      {zipOf("m/data.pkl", "m/byteorder"), `not little-endian (byteorder "x"`},
		"other zip":       {zipOf("readme.txt"), "neither torch.save's"},
		"not a model":     {[]byte("hello, world, this is text"), "not a model file"},
		"empty file":      {nil, "not a model file"},
		"npy":             {[]byte("\x93NUMPY\x01\x00"), "a single .npy array"},
	} {
		_, err := Read(bytes.NewReader(tc.data), int64(len(tc.data)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", name, err, tc.want)
		}
	}
	if _, err := Read(bytes.NewReader(good), MaxFileSize+1); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("too large: %v", err)
	}
}

func zipOf(names ...string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, n := range names {
		w, _ := z.Create(n)
		w.Write([]byte("x"))
	}
	z.Close()
	return b.Bytes()
}

// safetensorsFile writes the format with the given header entries and data.
func safetensorsFile(header map[string]any, data []byte) []byte {
	h, _ := json.Marshal(header)
	return append(append(binary.LittleEndian.AppendUint64(nil, uint64(len(h))), h...), data...)
}

func TestSafetensorsRefused(t *testing.T) {
	entry := func(dtype string, shape []int, begin, end int) map[string]any {
		return map[string]any{"dtype": dtype, "shape": shape, "data_offsets": []int{begin, end}}
	}
	one := func(e map[string]any) []byte { return safetensorsFile(map[string]any{"w": e}, make([]byte, 16)) }
	many := map[string]any{}
	for i := range 20 {
		many[string(rune('a'+i))] = entry("F16", []int{2048}, 0, 4096) // all the same data
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"header beyond":   {append(binary.LittleEndian.AppendUint64(nil, 1000), "{}"...), "a header of 1000 bytes in a file of 10"},
		"huge header":     {append(binary.LittleEndian.AppendUint64(nil, 1<<62), "{}"...), "a header of"},
		"not json":        {append(binary.LittleEndian.AppendUint64(nil, 3), "{x}"...), "not a JSON object"},
		"bad entry":       {safetensorsFile(map[string]any{"w": 3}, nil), "w: not a {dtype, shape, data_offsets} entry"},
		"dtype":           {one(entry("I32", []int{4}, 0, 16)), `dtype "I32" is not read`},
		"offsets beyond":  {one(entry("F32", []int{8}, 0, 32)), "data_offsets [0 32] outside the 16 bytes"},
		"offsets reverse": {one(entry("F32", []int{0}, 8, 4)), "outside"},
		"offsets count":   {one(map[string]any{"dtype": "F32", "shape": []int{1}, "data_offsets": []int{0}}), "outside"},
		"size mismatch":   {one(entry("F32", []int{3}, 0, 16)), "16 bytes of data for shape [3] of F32 (want 12)"},
		"shape overflow":  {one(entry("F32", []int{1 << 40, 1 << 40}, 0, 16)), "too large"},
		"negative shape":  {one(entry("F32", []int{-4}, 0, 16)), "negative"},
		"shared data":     {safetensorsFile(many, make([]byte, 4096)), "more elements than a file of this size can"},
		"truncated":       {[]byte{5, 0, 0}, "not a model file"},
	} {
		_, err := Read(bytes.NewReader(tc.data), int64(len(tc.data)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", name, err, tc.want)
		}
	}
}
