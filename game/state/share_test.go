package state

import (
	"bytes"
	"compress/flate"
	"convplayground/game/link"
	"convplayground/game/preset"
	"encoding/base64"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"

	"convplayground/conv"
)

// snapshot is everything a link carries, to compare two states.
type snapshot struct {
	Settings    Settings
	Colormap    int
	SharedScale bool
	Photo       bool
	Digit       int
	Canvas      Canvas
	Filters     [MaxOut]Filter
	BankCin     int
	Seed        uint64
}

func snap(s *State) snapshot {
	c, digit := s.Canvas, s.Digit
	if s.Photo { // the drawing under the photo is not carried
		c, digit = Canvas{}, 0
	}
	for i, v := range c { // a link carries the drawing as bytes
		c[i] = float32(math.Round(float64(min(1, max(0, v)))*255)) / 255
	}
	fs := s.Filters
	for i := range fs { // a link carries the weights in use, not a kernel size's hidden ring
		fs[i].store = nil
	}
	return snapshot{s.Settings, s.Colormap, s.SharedScale, s.Photo, digit, c, fs, s.bankCin, s.Seed}
}

func TestShareRoundTrip(t *testing.T) {
	draw := func(s *State) {
		s.Input.Clear()
		s.Input.Stroke(6, 6, 20, 22, false)
		s.Input.Stroke(20, 6, 8, 21, false)
	}
	for _, c := range []struct {
		name  string
		setup func(s *State)
		input []int // the input shape after loading
		out   []int // the output shape after loading
	}{
		{"defaults", func(s *State) {}, []int{1, 1, 28, 28}, []int{1, 8, 28, 28}},
		{"stride 2, valid, kernel 3", func(s *State) {
			s.Step(SetStride, +1)
			s.Step(SetKernel, -1)
			s.Step(SetKernel, -1)
			for s.PadString != "valid" {
				s.Step(SetPadding, +1)
			}
		}, []int{1, 1, 28, 28}, []int{1, 8, 13, 13}},
		{"same, reflect, dilation 2, normalize, grey, shared scale", func(s *State) {
			s.Input.PickDigit(5)
			s.Step(SetDilation, +1)
			s.Step(SetMode, +1)
			for s.PadString != "same" {
				s.Step(SetPadding, +1)
			}
			s.Input.SetNormalize(true)
			s.Colormap, s.SharedScale = ColormapGrey, true
		}, []int{1, 1, 28, 28}, []int{1, 8, 28, 28}},
		{"drawing, 20 filters, edited weights and bias", func(s *State) {
			draw(s)
			for s.Step(SetOut, +1) {
			}
			s.Bank.SetWeight(3, 0, 0, 4, -2.5)
			s.Bank.SetWeightText(19, 0, 2, 2, "0.1")
			s.Bank.SetBias(7, 0.3)
			s.Bank.CyclePreset(0, +1)
			s.Bank.SetPreset(1, preset.Kaiming)
		}, []int{1, 1, 28, 28}, []int{1, 20, 28, 28}},
		{"kaiming edited, then kernel 3 (all weights stored)", func(s *State) {
			s.Bank.SetPreset(4, preset.Kaiming)
			s.Bank.SetWeight(4, 0, 0, 0, 2)
			s.Step(SetKernel, -2)
			s.Bank.SetPreset(5, preset.Kaiming)
			s.Bank.SetBias(5, 0.5) // only the bias edited: no weights stored
		}, []int{1, 1, 28, 28}, []int{1, 8, 30, 30}},
		{"kernel 7 edited, circular", func(s *State) {
			s.Bank.SetWeight(0, 0, 1, 1, 3)
			s.Step(SetKernel, +1)
			s.Step(SetKernel, +1)
			s.Step(SetMode, -1)
		}, []int{1, 1, 28, 28}, []int{1, 8, 26, 26}},
		{"photo, presets for 3 channels, one edited", func(s *State) {
			s.Input.SetPhoto(true)
			s.Bank.SetWeight(2, 0, 2, 2, 1.5)
			s.Step(SetStride, +1)
		}, []int{1, 3, 64, 64}, []int{1, 8, 32, 32}},
		{"edited on the drawing, then the photo", func(s *State) {
			s.Bank.SetWeight(2, 0, 2, 2, 1.5)
			s.Input.SetPhoto(true)
		}, []int{1, 3, 64, 64}, []int{1, 8, 64, 64}},
		{"learned filters", func(s *State) {
			s.Input.PickDigit(9)
			s.Trained.LoadLearned()
			s.Bank.SetBias(4, -1)
		}, []int{1, 1, 28, 28}, []int{1, 20, 28, 28}},
		{"learned filters on the photo (rejected)", func(s *State) {
			s.Trained.LoadLearned()
			s.Input.SetPhoto(true)
		}, []int{1, 3, 64, 64}, nil},
		{"stride 0 and padding −1 (rejected)", func(s *State) {
			s.Step(SetStride, -1)
			for s.Step(SetPadding, -1) {
			}
		}, []int{1, 1, 28, 28}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := fresh(t)
			a.Input.PickDigit(0)
			c.setup(a)
			code := a.Share.Encode()
			b := fresh(t)
			b.Input.PickDigit(3)
			b.Step(SetOut, +1) // something to overwrite
			b.Bank.SetWeight(0, 0, 0, 0, 7)
			b.Colormap = ColormapGrey
			if err := b.Share.Decode("#" + code); err != nil {
				t.Fatalf("Decode(Encode()) = %v (code %s)", err, code)
			}
			if got, want := snap(b), snap(a); !reflect.DeepEqual(got, want) {
				t.Errorf("decoded state differs:\n got %+v\nwant %+v", got, want)
			}
			if again := b.Share.Encode(); again != code {
				t.Errorf("Encode after Decode = %s, want %s", again, code)
			}
			b.Recompute()
			if conv.FormatShape(b.InputShape()) != conv.FormatShape(c.input) {
				t.Errorf("input %v, want %v", b.InputShape(), c.input)
			}
			if c.out == nil {
				if b.Err == nil {
					t.Errorf("settings accepted, want PyTorch's rejection")
				}
				return
			}
			if b.Err != nil || conv.FormatShape(b.Out.Shape) != conv.FormatShape(c.out) {
				t.Fatalf("output %v (err %v), want %v", b.Out.Shape, b.Err, c.out)
			}
			a.Recompute()
			if a.Digit >= 0 && !equal(a.Out.Data, b.Out.Data) { // the same input: the same maps
				t.Errorf("maps differ after the round trip")
			}
		})
	}
}

// TestShareLength measures the link for the common shared case: a drawn
// digit and all 20 filters (presets; a few edited).
func TestShareLength(t *testing.T) {
	s := fresh(t)
	s.Input.Clear()
	s.Input.Stroke(8, 5, 19, 5, false)
	s.Input.Stroke(19, 5, 11, 23, false)
	for s.Step(SetOut, +1) {
	}
	plain := s.Share.Encode()
	s.Bank.SetWeight(0, 0, 1, 1, -1)
	s.Bank.SetWeight(5, 0, 2, 3, 0.25)
	edited := s.Share.Encode()
	for i := 0; i < MaxOut; i++ {
		s.Bank.SetWeight(i, 0, i%5, 2, -0.5)
	}
	allEdited := s.Share.Encode()
	s.Trained.LoadLearned()
	learned := s.Share.Encode()
	t.Logf("drawn digit, 20 preset filters: %d characters; two edited: %d; a weight typed in each: %d; learned filters: %d",
		len(plain), len(edited), len(allEdited), len(learned))
	if len(plain) > 400 || len(edited) > 450 || len(allEdited) > 800 || len(learned) > 400 {
		t.Errorf("links too long: %d, %d, %d, %d characters", len(plain), len(edited), len(allEdited), len(learned))
	}
	for _, c := range []byte(plain + edited) {
		if !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", rune(c)) {
			t.Fatalf("%q is not URL-safe", c)
		}
	}
}

// record is the raw record of a state's code, to corrupt field by field.
func record(t testing.TB, s *State) []byte {
	z, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(s.Share.Encode(), codePrefix))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// pack makes a code of any record.
func pack(raw []byte) string {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestSpeed)
	w.Write(raw)
	w.Close()
	return codePrefix + base64.RawURLEncoding.EncodeToString(z.Bytes())
}

func TestShareRefused(t *testing.T) {
	s := fresh(t)
	s.Input.PickDigit(0) // the record: 8 settings bytes, input 1 + digit 0, cin, seed, filters
	good := record(t, s)
	if good[8] != inDigit || good[9] != 0 || good[10] != 1 {
		t.Fatalf("unexpected record layout % x", good[:12])
	}
	filter0 := 12
	with := func(i int, v ...byte) string {
		r := append([]byte(nil), good...)
		r = append(r[:i], append(v, r[i+len(v):]...)...)
		return pack(r)
	}
	edited := fresh(t)
	edited.Input.PickDigit(0)
	edited.Bank.SetWeight(0, 0, 0, 0, 1)
	er := record(t, edited)
	w0 := filter0 + 5 // preset, kind 1 (sparse), seed, count 1, gap 0, then the value
	if er[filter0+1] != editSparse || er[filter0+3] != 1 || er[filter0+4] != 0 {
		t.Fatalf("unexpected edited filter % x", er[filter0:filter0+9])
	}
	nan := append(append(append([]byte(nil), er[:w0]...), 0, 0, 0xc0, 0x7f), er[w0+4:]...)
	big := append(append(append([]byte(nil), er[:w0]...), 0x28, 0x6b, 0x6e, 0x4e), er[w0+4:]...) // 1e9
	code := s.Share.Encode()
	for _, c := range []struct{ name, code, want string }{
		{"empty", "", "does not start with"},
		{"garbage", "hello world", "does not start with"},
		{"another version", "c2." + code[3:], "does not start with"},
		{"not base64", codePrefix + "ab$cd", "not base64url"},
		{"not deflate", codePrefix + "AAAAAAAA", "damaged or cut short"},
		{"cut short", code[:len(code)/2], "damaged or cut short"},
		{"too long", codePrefix + strings.Repeat("A", MaxCodeLen), "characters long"},
		{"empty record", pack(nil), "cut short"},
		{"deflate bomb", pack(make([]byte, maxRecord+1)), "more than"},
		{"out_channels 0", with(0, 0), "out_channels 0 is outside 1..20"},
		{"out_channels 21", with(0, 21), "out_channels 21"},
		{"kernel 12", with(1, 12), "kernel_size 12 is outside 1..11"},
		{"stride 5", with(2, 5), "stride 5"},
		{"padding step", with(3, 8), "padding step 8"},
		{"dilation 4", with(4, 4), "dilation 4"},
		{"padding mode", with(5, 4), "padding_mode 4"},
		{"flags", with(6, 4), "flags 4"},
		{"colormap", with(7, NumColormaps), "colormap"},
		{"input kind", with(8, 3), "input kind 3"},
		{"no such digit", with(9, 0xff, 0xff, 0x03), "MNIST sample 65535 is not available"},
		{"in_channels 2", with(10, 2), "filters with 2 input channel(s)"},
		{"in_channels 4", with(10, 4), "in_channels 4 is outside 1..3"},
		{"3 channels on the drawing", with(10, 3), "do not belong to this input"},
		{"unknown preset", with(filter0, 15), "unknown preset 15"},
		{"edit kind 3", with(filter0+1, 3), "flag 3"},
		{"too many edited weights", pack(append(append([]byte(nil), er[:filter0+3]...), append([]byte{26}, er[filter0+4:]...)...)), "26 edited weights in a filter of 25"},
		{"edited weight beyond", pack(append(append([]byte(nil), er[:filter0+4]...), append([]byte{25}, er[filter0+5:]...)...)), "beyond the filter's 25"},
		{"NaN weight", pack(nan), "is not a number within"},
		{"huge weight", pack(big), "is not a number within"},
		{"a part cut short", pack(append(append([]byte(nil), good...), 1, 2)), "cut short"},
		{"an unknown part", pack(append(append([]byte(nil), good...), 9, 0)), "does not know (tag 9)"},
		{"tensors part too long", pack(append(append([]byte(nil), good...), tensorsPart(1, 1, 0, 7)...)), "part 2 of the code has 1 unexpected bytes"},
		{"a part twice", pack(append(append(append([]byte(nil), good...), tensorsPart(1, 1, 0)...), tensorsPart(1, 1, 0)...)), "comes twice"},
		{"tensors part, groups 30", pack(append(append([]byte(nil), good...), tensorsPart(30, 1, 0)...)), "groups 30 is outside 0..8"},
		{"tensors part, batch 17", pack(append(append([]byte(nil), good...), tensorsPart(1, 17, 0)...)), "batch 17 is outside 1..16"},
		{"tensors part, channel 1 of 1", pack(append(append([]byte(nil), good...), tensorsPart(1, 1, 2)...)), "edited channels 0b10 beyond its 1 channel(s)"},
		{"missing last filter", pack(good[:len(good)-3]), "cut short"},
		{"bad varint", with(11, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), "bad number"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, ver, notice := s.Share.Encode(), s.Version, s.Notice
			err := s.Share.Decode(c.code)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Decode = %v, want an error with %q", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), "cannot load the shared state: ") {
				t.Errorf("message %q does not say what failed", err)
			}
			if s.Share.Encode() != before || s.Version != ver || s.Notice != notice {
				t.Errorf("a refused code changed the state")
			}
		})
	}
	if err := s.Share.Decode(pack(good)); err != nil { // the uncorrupted record loads
		t.Fatalf("good record: %v", err)
	}
}

// FuzzDecode: random text never panics, and whatever loads encodes and
// loads again to the same state.
func FuzzDecode(f *testing.F) {
	s := New()
	f.Add(s.Share.Encode())
	f.Add("c1.")
	f.Add("#c1.AAAA")
	s.Input.SetPhoto(true)
	f.Add(s.Share.Encode())
	f.Fuzz(func(t *testing.T, code string) { decodeAgain(t, s, code) })
}

// FuzzDecodeRecord reaches the record parser with random bytes.
func FuzzDecodeRecord(f *testing.F) {
	s := New()
	s.Input.PickDigit(2)
	f.Add(record(f, s))
	s.Input.Clear()
	s.Bank.SetWeight(1, 0, 2, 2, 4)
	f.Add(record(f, s))
	s.Input.SetPhoto(true) // with a tensors part: groups 3, a channel edited
	s.Bank.Depthwise()
	s.Bank.SetWeight(4, 0, 1, 1, -1)
	f.Add(record(f, s))
	f.Fuzz(func(t *testing.T, raw []byte) { decodeAgain(t, s, pack(raw)) })
}

func decodeAgain(t *testing.T, s *State, code string) {
	if s.Share.Decode(code) != nil {
		return
	}
	again := s.Share.Encode()
	if err := s.Share.Decode(again); err != nil {
		t.Fatalf("a loaded state's own code is refused: %v", err)
	}
	if s.Share.Encode() != again {
		t.Fatalf("encode/decode is not stable")
	}
	s.Recompute() // and the loaded state computes without panicking
}

// tensorsPart is a tagTensors part: groups, batch, filter 0's channel
// marks (the other 19 zero), then extra bytes.
func tensorsPart(groups, batch, mark0 byte, extra ...byte) []byte {
	body := append([]byte{groups, batch, mark0}, make([]byte, MaxOut-1)...)
	body = append(body, extra...)
	return append([]byte{tagTensors, byte(len(body))}, body...)
}

// A link made before per-channel kernels (commit 6212e1c: the photo, filter
// 2 edited at (1,1) on all channels, a bias, kernel 4) still decodes; the
// channels whose numbers differ from the preset are marked edited.
func TestOldLinkDecodes(t *testing.T) {
	const old = "c1.xIzbDcMgDAAPyDtx312CIQKjMY8ZooxWJbRSNoh_LMt3NzTGGcC6NxiL7ayDEgCy-phVA6QCACkCMasvx39W__ndIauu5_vQ26ZiqWz7jxxn0yHFmtnVUPO6Z872Ia0NraOb6IXBMLZMA_PIMiMLF-Eq3IS78BCewus7AA"
	s := fresh(t)
	if err := s.Share.Decode(old); err != nil {
		t.Fatal(err)
	}
	if !s.Photo || s.Kernel != 4 || s.Groups != 1 || s.Batch != 1 || s.Filters[3].B != 0.25 {
		t.Fatalf("old link: photo %v kernel %d groups %d batch %d", s.Photo, s.Kernel, s.Groups, s.Batch)
	}
	fc := s.Bank.Channels(2)
	if !fc.Same || len(fc.Edited) != 3 || fc.Note != "same kernel on R, G, B; edited on R, G, B" {
		t.Errorf("old edited filter: %+v", fc)
	}
	s.Recompute()
	if s.Err != nil {
		t.Error(s.Err)
	}
}

// Groups, batch and per-channel edits survive a link.
func TestShareTensors(t *testing.T) {
	a := photoState(t)
	for a.OutChannels != 6 {
		a.Step(SetOut, -1)
	}
	a.Bank.SetWeight(1, 2, 0, 0, -3)  // B of filter 1
	a.Step(SetGroups, +2)             // groups 3
	a.Bank.SetWeight(4, 0, 4, 4, 2.5) // filter 4 reads B
	a.Batch = 16
	code := a.Share.Encode()
	b := fresh(t)
	if err := b.Share.Decode(code); err != nil {
		t.Fatal(err)
	}
	if got, want := snap(b), snap(a); !reflect.DeepEqual(got, want) {
		t.Errorf("decoded state differs:\n got %+v\nwant %+v", got, want)
	}
	b.Step(SetGroups, -2) // back to groups 1: the edit on B of filter 1 is there
	if b.Bank.Weight(1, 2, 0, 0) != -3 || b.Bank.Channels(1).Note != "a different kernel on each of R, G, B; edited on B" {
		t.Errorf("groups 1 after the link: %v, %q", b.Bank.Weight(1, 2, 0, 0), b.Bank.Channels(1).Note)
	}
	// Defaults need no tensors part: such a record is the old format.
	f := fresh(t)
	plain := record(t, f)
	f.Batch = 2
	if n := len(record(t, f)) - len(plain); n != 2+2+MaxOut {
		t.Errorf("the tensors part is %d bytes, want tag, length and %d", n, 2+MaxOut)
	}
}

// The record's layout, as package link writes it.
const (
	codePrefix = link.Prefix
	MaxCodeLen = link.MaxLen
	maxRecord  = link.MaxRecord
	inDigit    = link.Digit
	editSparse = 1 // an edited filter's kind: the weights that differ
	tagTensors = 2 // the tensors part's tag
	tagLayer   = 3 // the layer part's tag (ConvTranspose2d)
)
