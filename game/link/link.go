// Package link is the share link's codec: Encode writes one Snapshot (what
// a link carries of a session) as a code for a URL's #fragment, Decode
// reads one back, checking everything. It knows the record's layout and
// nothing of the session; every link made since the first version opens.
package link

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"io"
	"math"
	"strings"

	"convplayground/game/preset"
	"convplayground/i18n"
)

// A code is Prefix, then the snapshot as a small binary record, deflated
// and base64url-encoded (no padding). The record, in order (u8 = one byte,
// uv = uvarint, f32 = little-endian float32):
//
//	u8 out_channels, kernel, stride, padding step, dilation, padding mode
//	   (positions, as state.SettingTable steps them), flags (1 normalize,
//	   2 shared scale), colormap
//	u8 input: 0 drawing + 784 u8 pixels (value·255), 1 MNIST sample + uv
//	   index, 2 the generated RGB photo
//	u8 the filters' in_channels (1 or 3), uv next seed
//	RecordFilters filters, all slots (lowering out_channels loses nothing, nor
//	   does a link): u8 preset (its place in preset.Cycle, len(Cycle) for
//	   learned), u8 edit kind, uv seed. Unedited (0): the preset rebuilt
//	   from name and seed; learned ones come from the network. Edited, the
//	   weights that differ from the unedited preset (1: uv count, then per
//	   weight uv gap to the previous index and f32 value; the usual few
//	   typed weights) or all cin·k·k f32 weights (2: when shorter), then an
//	   f32 bias. The weights are every input channel's, whatever the groups.
//	optional tagged parts (the trailer), each u8 tag, uv length, the
//	   body, each tag once: 1 playback (playback.go); 2 tensors (only when
//	   something differs from the defaults: u8 groups, u8 batch N, per
//	   record filter slot u8 EditedChannels). A link without them (an
//	   older one) decodes with their defaults (groups 1, N 1, no channel
//	   marks); 3 layer (layer.go: ConvTranspose2d, output_padding; without
//	   it a Conv2d); 4 more filters (more.go: the slots after the record's,
//	   when one differs from its default); 5 left out (more.go: a model
//	   file's weights too large for a link, named); an unknown tag is
//	   refused.
//
// The record's RecordFilters slots are the 20 every link has had; the
// slots up to Filters came with models' 64-filter first layers, in a part
// of their own, so that every older link opens (its slots after the 20th
// are their defaults, ExtraFilter) and an older reader refuses a newer
// link with "made by a newer version?" rather than misreading it.
const (
	Prefix        = "c1."
	MaxLen        = 64 << 10 // characters: a MaxRecord that deflate cannot shrink packs to 55k
	MaxRecord     = 40 << 10 // bytes after inflating: ResNet's first layer (64 filters of 3·7·7 floats, 37.6 KB) fits
	Filters       = 64       // filter slots in a link
	RecordFilters = 20       // of them in the record; the others in the more-filters part
	Pixels        = 28 * 28  // the drawing
	MaxWeight     = 100      // the largest |weight| or |bias| a link may hold
	flagNorm      = 1
	flagShare     = 2
)

// The input a link names.
const (
	Drawing = 0
	Digit   = 1
	Photo   = 2
)

// Snapshot is what a link carries of a session.
type Snapshot struct {
	// Settings are the positions state.SettingTable steps (the number
	// itself, or the index of the padding step and of the padding mode).
	OutChannels, Kernel, Stride, PadStep, Dilation, Mode int
	Normalize, SharedScale                               bool
	Colormap                                             int
	Groups, Batch                                        int  // 1, 1 when Tensors is false
	Tensors                                              bool // the link has the tensors part (Decode)
	Transposed                                           bool // the layer is a ConvTranspose2d (layer.go)
	OutputPadding                                        int

	Input  int                // Drawing, Digit or Photo
	Canvas [Pixels]float32    // the drawing, in [0, 1] (kept to 1/255)
	Digit  int                // the MNIST sample
	Cin    int                // the filters' in_channels
	Seed   uint64             // the next seed
	Filter [Filters]FilterRec // every slot
	Play   *Playback          // nil when playback is as a new session has it
	// LeftOut names what the link does not carry (more.go): a model
	// file's weights too large for it, or (LeftOutNet) the file whose
	// whole network is on screen, whose layers' weights a link never
	// carries; "" for nothing.
	LeftOut    string
	LeftOutNet bool
	Train      *Train // the train tab's settings (train.go), nil at their defaults
}

// FilterRec is one filter slot. W (every input channel's cin·k·k weights)
// and B are an edited filter's; unedited ones are rebuilt from Preset and
// Seed by the reader.
type FilterRec struct {
	Preset         preset.Preset
	Edited         bool
	Seed           uint64
	W              []float32
	B              float32
	EditedChannels uint8
}

// Ranges are the values a reader accepts (the session's settings table).
type Ranges struct {
	OutChannels, Kernel, Stride, PadSteps, Dilation, Modes [2]int // inclusive
	Colormaps, MaxBatch, MinGroups, MaxCin                 int
	Digits                                                 int // MNIST samples available
	Speeds                                                 int // playback speeds
	MaxOutputPadding                                       int
	Optimizers, MaxTrainBatch                              int // the train tab's
}

// Edit kinds of a filter in the record.
const (
	unedited   = 0
	editSparse = 1
	editFull   = 2
)

// Encode is snapshot s as a code.
func Encode(s *Snapshot) string {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression) // only fails for a bad level
	w.Write(record(s))
	w.Close()
	return Prefix + base64.RawURLEncoding.EncodeToString(z.Bytes())
}

// Fits says whether s's record is within what Decode reads (MaxRecord).
func Fits(s *Snapshot) bool { return len(record(s)) <= MaxRecord }

// record is snapshot s as the binary record, before packing.
func record(s *Snapshot) []byte {
	flags := byte(0)
	if s.Normalize {
		flags |= flagNorm
	}
	if s.SharedScale {
		flags |= flagShare
	}
	b := []byte{byte(s.OutChannels), byte(s.Kernel), byte(s.Stride), byte(s.PadStep), byte(s.Dilation), byte(s.Mode), flags, byte(s.Colormap)}
	b = append(b, byte(s.Input))
	switch s.Input {
	case Digit:
		b = binary.AppendUvarint(b, uint64(s.Digit))
	case Drawing:
		for _, v := range s.Canvas {
			b = append(b, byte(math.Round(float64(min(1, max(0, v)))*255)))
		}
	}
	b = append(b, byte(s.Cin))
	b = binary.AppendUvarint(b, s.Seed)
	for _, f := range s.Filter[:RecordFilters] {
		b = appendFilter(b, f, s.Kernel, s.Cin)
	}
	return appendTrailer(b, s)
}

// appendFilter writes filter f of a k×k, cin-channel bank.
func appendFilter(b []byte, f FilterRec, k, cin int) []byte {
	b = append(b, byte(presetIndex(f.Preset)))
	if !f.Edited {
		b = append(b, unedited)
		return binary.AppendUvarint(b, f.Seed)
	}
	// The weights that differ from the preset, as (gap, value) pairs.
	base := Base(f.Preset, k, cin, f.Seed)
	var sparse []byte
	n, prev := 0, -1
	for i, w := range f.W {
		if math.Float32bits(w) != math.Float32bits(base[i]) {
			sparse = binary.AppendUvarint(sparse, uint64(i-prev-1))
			sparse = binary.LittleEndian.AppendUint32(sparse, math.Float32bits(w))
			n, prev = n+1, i
		}
	}
	sparse = append(binary.AppendUvarint(nil, uint64(n)), sparse...)
	if len(sparse) < 4*len(f.W) {
		b = append(b, editSparse)
		b = binary.AppendUvarint(b, f.Seed)
		b = append(b, sparse...)
	} else {
		b = append(b, editFull)
		b = binary.AppendUvarint(b, f.Seed)
		for _, w := range f.W {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(w))
		}
	}
	return binary.LittleEndian.AppendUint32(b, math.Float32bits(f.B))
}

// Base is what an edited filter's weights are stored against: its preset
// rebuilt (zeros for learned ones, which may come from another network
// than the reader's).
func Base(p preset.Preset, k, cin int, seed uint64) []float32 {
	if p == preset.Learned {
		return make([]float32, cin*k*k)
	}
	w, _, _ := preset.Weights(p, k, cin, seed)
	return w
}

// presetIndex is p's number in a link: its place in preset.Cycle, or
// len(preset.Cycle) for learned.
func presetIndex(p preset.Preset) int {
	for i, c := range preset.Cycle {
		if c == p {
			return i
		}
	}
	return len(preset.Cycle)
}

// Decode reads a code (a leading '#' is ignored). Everything is checked:
// a malformed, truncated, oversized or out-of-range code returns an error
// saying what is wrong.
func Decode(code string, rg *Ranges) (*Snapshot, error) {
	code = strings.TrimPrefix(strings.TrimSpace(code), "#")
	if len(code) > MaxLen {
		return nil, i18n.Errorf(i18n.ShareTooLong, len(code), MaxLen)
	}
	if !strings.HasPrefix(code, Prefix) {
		return nil, i18n.Errorf(i18n.ShareBadPrefix, Prefix)
	}
	z, err := base64.RawURLEncoding.DecodeString(code[len(Prefix):])
	if err != nil {
		return nil, i18n.Errorf(i18n.ShareNotBase64, err)
	}
	zr := bytes.NewReader(z) // an io.ByteReader: flate reads no further than its stream
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(zr), MaxRecord+1))
	if err != nil { // flate's own message says nothing more to a learner
		return nil, i18n.Errorf(i18n.ShareDamaged)
	}
	if len(raw) > MaxRecord {
		return nil, i18n.Errorf(i18n.ShareTooBig, MaxRecord)
	}
	if zr.Len() > 0 {
		return nil, i18n.Errorf(i18n.ShareTrailing, zr.Len())
	}
	r := &reader{b: raw}
	s, err := parseRecord(r, rg)
	if err == nil && r.err == nil {
		err = parseTrailer(r, s, rg)
	}
	if err == nil && r.err == nil {
		err = s.checkChannels()
	}
	if r.err != nil {
		return nil, r.err
	}
	return s, err
}

// parseRecord reads and range-checks every field. Ranges are the UI's, so a
// link may hold a setting PyTorch rejects: the learner sees why.
func parseRecord(r *reader, rg *Ranges) (*Snapshot, error) {
	s := &Snapshot{Groups: 1, Batch: 1} // unless a tensors part says otherwise
	var err error
	field := func(name string, lo, hi int) int {
		v := int(r.u8())
		if err == nil && r.err == nil && (v < lo || v > hi) {
			err = i18n.Errorf(i18n.ShareOutside, name, v, lo, hi)
		}
		return v
	}
	s.OutChannels = field("out_channels", rg.OutChannels[0], rg.OutChannels[1])
	s.Kernel = field("kernel_size", rg.Kernel[0], rg.Kernel[1])
	s.Stride = field("stride", max(0, rg.Stride[0]), rg.Stride[1])
	s.PadStep = field("padding step", rg.PadSteps[0], rg.PadSteps[1])
	s.Dilation = field("dilation", max(0, rg.Dilation[0]), rg.Dilation[1])
	s.Mode = field("padding_mode", rg.Modes[0], rg.Modes[1])
	flags := field("flags", 0, flagNorm|flagShare)
	s.Colormap = field("colormap", 0, rg.Colormaps-1)
	s.Input = field("input kind", Drawing, Photo)
	if err != nil || r.err != nil {
		return nil, err
	}
	s.Normalize, s.SharedScale = flags&flagNorm != 0, flags&flagShare != 0
	switch s.Input {
	case Drawing:
		for i, v := range r.bytes(Pixels) {
			s.Canvas[i] = float32(v) / 255
		}
	case Digit:
		i := r.uvarint() // compared unconverted, so the message names the link's number
		if r.err == nil && i >= uint64(rg.Digits) {
			return nil, i18n.Errorf(i18n.ShareSampleMissing, i, rg.Digits)
		}
		s.Digit = int(i)
	}
	s.Cin = field("in_channels", 1, rg.MaxCin)
	s.Seed = r.uvarint()
	if err != nil || r.err != nil {
		return nil, err
	}
	for i := range RecordFilters {
		if err := parseFilter(r, s, i); err != nil || r.err != nil {
			return nil, err
		}
	}
	for i := RecordFilters; i < Filters; i++ { // unless a more-filters part says otherwise
		s.Filter[i] = ExtraFilter(i)
	}
	return s, nil
}

func parseFilter(r *reader, s *Snapshot, i int) error {
	k, cin := s.Kernel, s.Cin
	pi, edited := int(r.u8()), r.u8()
	seed := r.uvarint()
	if r.err != nil {
		return nil
	}
	if pi > len(preset.Cycle) || edited > editFull {
		return i18n.Errorf(i18n.ShareFilterPreset, i, pi, edited)
	}
	p := preset.Learned
	if pi < len(preset.Cycle) {
		p = preset.Cycle[pi]
	}
	f := &s.Filter[i]
	*f = FilterRec{Preset: p, Seed: seed}
	if edited == unedited {
		return nil
	}
	f.Edited, f.W = true, Base(p, k, cin, seed)
	if err := readWeights(r, f.W, edited == editSparse); err != nil || r.err != nil {
		return err
	}
	f.B = r.f32()
	if r.err != nil {
		return nil
	}
	for _, v := range append(f.W, f.B) {
		if math.IsNaN(float64(v)) || math.Abs(float64(v)) > MaxWeight {
			return i18n.Errorf(i18n.ShareFilterWeight, i, v, MaxWeight)
		}
	}
	return nil
}

// readWeights reads an edited filter's weights over its base: all of them,
// or (sparse) a count and (gap, value) pairs.
func readWeights(r *reader, w []float32, sparse bool) error {
	if !sparse {
		for j := range w {
			w[j] = r.f32()
		}
		return nil
	}
	n := r.uvarint()
	if r.err == nil && n > uint64(len(w)) {
		return i18n.Errorf(i18n.ShareEditedCount, n, len(w))
	}
	at := -1
	for ; n > 0 && r.err == nil; n-- {
		gap := r.uvarint()
		if gap >= uint64(len(w)-at-1) {
			return i18n.Errorf(i18n.ShareEditedBeyond, len(w))
		}
		at += int(gap) + 1
		w[at] = r.f32()
	}
	return nil
}

// checkChannels holds the rule the session keeps: the filters take the
// input's channels, except learned (1-channel) filters, which stay 1.
func (s *Snapshot) checkChannels() error {
	want := 1
	if s.Input == Photo {
		want = 3
	}
	for _, f := range s.Filter {
		if f.Preset == preset.Learned {
			want = 1
		}
	}
	if s.Cin != want {
		return i18n.Errorf(i18n.ShareFilterChannels, s.Cin, want)
	}
	return nil
}
