package link

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"math"
	"reflect"
	"strings"
	"testing"

	"convplayground/game/preset"
)

var ranges = &Ranges{OutChannels: [2]int{1, 20}, Kernel: [2]int{1, 7}, Stride: [2]int{0, 4}, PadSteps: [2]int{0, 7},
	Dilation: [2]int{0, 3}, Modes: [2]int{0, 3}, Colormaps: 2, MaxBatch: 16, MinGroups: 0, MaxCin: 3, Digits: 200, Speeds: 3, Optimizers: 3, MaxTrainBatch: 64}

// A snapshot comes back as it went, with an edited filter (sparse and
// full), the tensors part and playback; a damaged code says what is wrong.
func TestRoundTrip(t *testing.T) {
	s := &Snapshot{OutChannels: 6, Kernel: 3, Stride: 2, PadStep: 6, Dilation: 1, Mode: 2, Normalize: true, Colormap: 1,
		Groups: 3, Batch: 4, Tensors: true, Input: Photo, Cin: 3, Seed: 99, LeftOut: "tinyvgg.safetensors", LeftOutNet: true,
		Play: &Playback{Stepping: true, Pinned: true, Speed: 2, Cell: [3]int{1, 2, 3}, Pin: [3]int{0, 1, 1}}}
	for i := range s.Filter {
		s.Filter[i] = FilterRec{Preset: preset.Cycle[i%len(preset.Cycle)], Seed: uint64(i)}
	}
	s.Filter[0].Edited, s.Filter[0].W, s.Filter[0].B, s.Filter[0].EditedChannels = true, Base(preset.Identity, 3, 3, 0), 0.5, 2
	s.Filter[0].W[13] = 7
	s.Filter[1].Edited, s.Filter[1].W, s.Filter[1].B = true, make([]float32, 27), -1
	for i := range s.Filter[1].W {
		s.Filter[1].W[i] = float32(i) / 4
	}
	got, err := Decode("#"+Encode(s), ranges)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("decoded\n%+v\nwant\n%+v", got, s)
	}
	s.Kernel = 9
	if _, err := Decode(Encode(s), ranges); err == nil || !strings.Contains(err.Error(), "kernel_size 9 is outside 1..7") {
		t.Errorf("kernel 9: %v", err)
	}
}

// Slots after the record's are written only when one differs from its
// default (ExtraFilter), so a link of today's defaults is the old record;
// damaged new parts are refused with what is wrong.
func TestMoreFilters(t *testing.T) {
	s := &Snapshot{OutChannels: 64, Kernel: 5, Stride: 1, PadStep: 2, Dilation: 1, Groups: 1, Batch: 1, Cin: 1, Seed: 21}
	for i := range s.Filter {
		s.Filter[i] = ExtraFilter(i)
	}
	if s.morePart() != nil {
		t.Fatal("a more-filters part for default slots")
	}
	plain := record(s)
	wide := &Ranges{OutChannels: [2]int{1, 64}, Kernel: [2]int{1, 11}, Stride: [2]int{0, 4}, PadSteps: [2]int{0, 7},
		Dilation: [2]int{0, 3}, Modes: [2]int{0, 3}, Colormaps: 2, MaxBatch: 16, MaxCin: 3, Digits: 1, Speeds: 3}
	got, err := Decode(Encode(s), wide)
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("decoded %+v, %v", got, err)
	}
	s.Filter[40] = FilterRec{Preset: preset.Identity, Edited: true, W: Base(preset.Identity, 5, 1, 0), B: 2, EditedChannels: 1}
	if got, err = Decode(Encode(s), wide); err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("with slot 40 edited: %v (or it came back changed)", err)
	}
	for _, c := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"more-filters part cut", append(append([]byte(nil), plain...), tagMore, 3, 0, 0, 0), "cut short"},
		{"left-out kind 2", append(append([]byte(nil), plain...), tagLeftOut, 3, 2, 'a', 'b'), "not a kind and a name"},
		{"left-out without a name", append(append([]byte(nil), plain...), tagLeftOut, 1, 0), "not a kind and a name"},
	} {
		var z bytes.Buffer
		w, _ := flate.NewWriter(&z, flate.BestSpeed)
		w.Write(c.raw)
		w.Close()
		if _, err := Decode(Prefix+base64.RawURLEncoding.EncodeToString(z.Bytes()), wide); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// The training part: settings come back exactly (the learning rate's
// float64 bits too); none is written at the defaults (nil); a damaged
// part says what is wrong.
func TestTrainPart(t *testing.T) {
	s := &Snapshot{OutChannels: 8, Kernel: 5, Stride: 1, PadStep: 2, Dilation: 1, Groups: 1, Batch: 1, Cin: 1, Seed: 3}
	plain := record(s)
	s.Train = &Train{Optimizer: 2, LR: 0.004, Batch: 32, Seed: 1 << 40}
	got, err := Decode(Encode(s), ranges)
	if err != nil || !reflect.DeepEqual(got.Train, s.Train) {
		t.Fatalf("decoded %+v, %v; want %+v", got.Train, err, s.Train)
	}
	if !bytes.HasPrefix(record(s), plain) || len(record(s)) <= len(plain) {
		t.Error("the training part is not a part after the record")
	}
	lr := func(v float64) []byte { return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)) }
	part := func(body ...[]byte) []byte {
		b := bytes.Join(body, nil)
		return append(append(append([]byte(nil), plain...), tagTrain, byte(len(b))), b...)
	}
	for _, c := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"optimizer 3", part([]byte{3}, lr(0.01), []byte{8, 1}), "optimizer 3"},
		{"lr NaN", part([]byte{0}, lr(math.NaN()), []byte{8, 1}), "learning rate"},
		{"lr 0", part([]byte{0}, lr(0), []byte{8, 1}), "learning rate"},
		{"batch 65", part([]byte{0}, lr(0.01), []byte{65, 1}), "batch size 65"},
		{"cut", part([]byte{0}, lr(0.01)), "cut short"},
	} {
		var z bytes.Buffer
		w, _ := flate.NewWriter(&z, flate.BestSpeed)
		w.Write(c.raw)
		w.Close()
		if _, err := Decode(Prefix+base64.RawURLEncoding.EncodeToString(z.Bytes()), ranges); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
