package state

import (
	"bytes"
	"cmp"
	"compress/flate"
	"convplayground/game/picture"
	"convplayground/game/preset"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// A shared playground is a link code: codePrefix, then the state as a small
// binary record, deflated and base64url-encoded (no padding), so it fits in
// a URL's #fragment. The record, in order (u8 = one byte, uv = uvarint,
// f32 = little-endian float32):
//
//	u8 out_channels, kernel, stride, padding step (see padSteps), dilation,
//	   padding mode (index in Modes), flags (1 normalize, 2 shared scale),
//	   colormap
//	u8 input: 0 drawing + 784 u8 pixels (value·255), 1 MNIST sample + uv
//	   index, 2 the generated RGB photo
//	u8 the filters' in_channels (1 or 3), uv next seed
//	20 filters, all slots (lowering out_channels loses nothing, nor does a
//	   link): u8 preset (index in Presets, len(Presets) for learned), u8 edit
//	   kind, uv seed. Unedited (0): the preset rebuilt from name and seed;
//	   learned ones come from the embedded network. Edited, the weights that
//	   differ from the unedited preset (1: uv count, then per weight uv gap
//	   to the previous index and f32 value; the usual few typed weights) or
//	   all cin·k·k f32 weights (2: when shorter), then an f32 bias. The
//	   weights are every input channel's, whatever the groups.
//	optional tagged parts (the trailer), each u8 tag, uv length, the
//	   body, each tag once: 1 playback (step_link.go); 2 tensors
//	   (share_tensors.go, only when something differs from the defaults:
//	   u8 groups, u8 batch N, per filter slot u8 EditedChannels). A link
//	   without them (an older one) decodes with their defaults (groups 1,
//	   N 1, no channel marks); an unknown tag is refused.
//
// A dropped photo or .npy is not carried (too big for a link): the link
// holds the generated photo instead of an RGB one, the drawing (or digit)
// instead of a 1-channel one.
const (
	codePrefix = "c1."
	MaxCodeLen = 32 << 10 // characters; the largest real code is ~16k
	maxRecord  = 16 << 10 // bytes after inflating: 20 filters of 3·7·7 floats fit
	inDrawing  = 0
	inDigit    = 1
	inPhoto    = 2
	flagNorm   = 1
	flagShared = 2
)

// Display preferences of the feature maps, kept in the state so that a link
// carries them. The view owns their names and colours.
const (
	ColormapRdBu = iota
	ColormapGrey
	NumColormaps
)

// Encode is the state as a link code (see codePrefix); Decode reads it back.
func (s *State) Encode() string {
	var b []byte
	flags := byte(0)
	if s.Normalize {
		flags |= flagNorm
	}
	if s.SharedScale {
		flags |= flagShared
	}
	b = append(b, byte(s.OutChannels), byte(s.Kernel), byte(s.Stride), byte(padIndex(s.Settings)),
		byte(s.Dilation), byte(modeIndex(s.PaddingMode)), flags, byte(s.Colormap))
	switch {
	case s.Photo && s.C() == picture.RGB:
		b = append(b, inPhoto)
	case s.Digit >= 0:
		b = append(b, inDigit)
		b = binary.AppendUvarint(b, uint64(s.Digit))
	default:
		b = append(b, inDrawing)
		for _, v := range s.Canvas {
			b = append(b, byte(math.Round(float64(min(1, max(0, v)))*255)))
		}
	}
	b = append(b, byte(s.bankCin))
	b = binary.AppendUvarint(b, s.Seed)
	for i, f := range s.Filters {
		b = s.appendFilter(b, f, s.allChannels(i))
	}
	b = s.appendTrailer(b)
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression) // only fails for a bad level
	w.Write(b)
	w.Close()
	return codePrefix + base64.RawURLEncoding.EncodeToString(z.Bytes())
}

// Edit kinds of a filter in the record.
const (
	unedited   = 0
	editSparse = 1
	editFull   = 2
)

// appendFilter writes filter f, whose weights on every input channel are w.
func (s *State) appendFilter(b []byte, f Filter, w []float32) []byte {
	b = append(b, byte(presetIndex(f.Preset)))
	if !f.Edited {
		b = append(b, unedited)
		return binary.AppendUvarint(b, f.Seed)
	}
	// The weights that differ from the preset, as (gap, value) pairs.
	base := editBase(f.Preset, s.Kernel, s.bankCin, f.Seed)
	var sparse []byte
	n, prev := 0, -1
	for i, w := range w {
		if math.Float32bits(w) != math.Float32bits(base[i]) {
			sparse = binary.AppendUvarint(sparse, uint64(i-prev-1))
			sparse = binary.LittleEndian.AppendUint32(sparse, math.Float32bits(w))
			n, prev = n+1, i
		}
	}
	sparse = append(binary.AppendUvarint(nil, uint64(n)), sparse...)
	if len(sparse) < 4*len(w) {
		b = append(b, editSparse)
		b = binary.AppendUvarint(b, f.Seed)
		b = append(b, sparse...)
	} else {
		b = append(b, editFull)
		b = binary.AppendUvarint(b, f.Seed)
		for _, w := range w {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(w))
		}
	}
	return binary.LittleEndian.AppendUint32(b, math.Float32bits(f.B))
}

// editBase is what an edited filter's weights are stored against: its
// preset rebuilt (zeros for learned ones, which may come from another
// network than the reader's).
func editBase(p preset.Preset, k, cin int, seed uint64) []float32 {
	if p == preset.Learned {
		return make([]float32, cin*k*k)
	}
	return newFilter(p, k, cin, seed).W
}

// shared is a decoded link before it is applied.
type shared struct {
	Settings
	colormap int
	shared   bool
	input    byte
	canvas   Canvas
	digit    int
	cin      int
	seed     uint64
	filters  [MaxOut]Filter
	play     *Playback // the trailer's playback part, nil without one
	tensors  bool      // the link has a tagTensors part
}

// Decode loads a link code (a leading '#' is ignored). Everything is checked
// before anything changes: a malformed, truncated, oversized or out-of-range
// code returns an error saying what is wrong, and the state stays as it was.
func (s *State) Decode(code string) error {
	sh, err := s.parseCode(code)
	if err != nil {
		return fmt.Errorf("cannot load the shared state: %w", err)
	}
	s.applyShared(sh)
	return nil
}

func (s *State) parseCode(code string) (*shared, error) {
	code = strings.TrimPrefix(strings.TrimSpace(code), "#")
	if len(code) > MaxCodeLen {
		return nil, fmt.Errorf("the code is %d characters long (limit %d)", len(code), MaxCodeLen)
	}
	if !strings.HasPrefix(code, codePrefix) {
		return nil, fmt.Errorf("the code does not start with %q (another version, or not a link code)", codePrefix)
	}
	z, err := base64.RawURLEncoding.DecodeString(code[len(codePrefix):])
	if err != nil {
		return nil, fmt.Errorf("the code is damaged (not base64url: %v)", err)
	}
	zr := bytes.NewReader(z) // an io.ByteReader: flate reads no further than its stream
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(zr), maxRecord+1))
	if err != nil { // flate's own message says nothing more to a learner
		return nil, errors.New("the code is damaged or cut short")
	}
	if len(raw) > maxRecord {
		return nil, fmt.Errorf("the code unpacks to more than %d bytes", maxRecord)
	}
	if zr.Len() > 0 {
		return nil, fmt.Errorf("the code has %d bytes after the end of the packed record", zr.Len())
	}
	r := &reader{b: raw}
	sh, err := s.parseRecord(r)
	if err == nil && r.err == nil {
		err = parseTrailer(r, sh)
	}
	if err == nil && r.err == nil {
		err = sh.checkChannels()
	}
	if r.err != nil {
		return nil, r.err
	}
	return sh, err
}

// parseRecord reads and range-checks every field. Ranges are the UI's, so a
// link may hold a setting PyTorch rejects: the learner sees why.
func (s *State) parseRecord(r *reader) (*shared, error) {
	sh := &shared{digit: -1}
	t := &sh.Settings
	t.Groups, t.Batch = 1, 1 // unless a tagTensors part says otherwise
	var err error
	field := func(name string, lo, hi int) int {
		v := int(r.u8())
		if err == nil && r.err == nil && (v < lo || v > hi) {
			err = fmt.Errorf("%s %d is outside %d..%d", name, v, lo, hi)
		}
		return v
	}
	t.Batch = 1 // a link carries no batch: it opens with one sample
	t.OutChannels = field("out_channels", 1, MaxOut)
	t.Kernel = field("kernel_size", MinKernel, MaxKernel)
	t.Stride = field("stride", max(0, MinStride), MaxStride)
	pi := field("padding step", 0, len(padSteps)-1)
	t.Dilation = field("dilation", max(0, MinDil), MaxDil)
	mi := field("padding_mode", 0, len(Modes)-1)
	flags := field("flags", 0, flagNorm|flagShared)
	sh.colormap = field("colormap", 0, NumColormaps-1)
	sh.input = byte(field("input kind", inDrawing, inPhoto))
	if err != nil || r.err != nil {
		return nil, err
	}
	p := padSteps[pi]
	t.Padding, t.PadString, t.PaddingMode = p.n, p.s, Modes[mi]
	t.Normalize, sh.shared = flags&flagNorm != 0, flags&flagShared != 0
	switch sh.input {
	case inDrawing:
		for i, v := range r.bytes(len(sh.canvas)) {
			sh.canvas[i] = float32(v) / 255
		}
	case inDigit:
		i := r.uvarint() // compared unconverted, so the message names the link's number
		if r.err == nil && i >= uint64(len(s.Digits)) {
			return nil, fmt.Errorf("MNIST sample %d is not available (have %d)", i, len(s.Digits))
		}
		sh.digit = int(i)
	}
	sh.cin = field("in_channels", 1, picture.RGB)
	sh.seed = r.uvarint()
	if err != nil || r.err != nil {
		return nil, err
	}
	for i := range sh.filters {
		if err := s.parseFilter(r, sh, i); err != nil || r.err != nil {
			return nil, err
		}
	}
	return sh, nil
}

func (s *State) parseFilter(r *reader, sh *shared, i int) error {
	k, cin := sh.Kernel, sh.cin
	pi, edited := int(r.u8()), r.u8()
	seed := r.uvarint()
	if r.err != nil {
		return nil
	}
	if pi > len(preset.Cycle) || edited > editFull {
		return fmt.Errorf("filter %d: unknown preset %d or flag %d", i, pi, edited)
	}
	name := preset.Learned
	if pi < len(preset.Cycle) {
		name = preset.Cycle[pi]
	}
	f := &sh.filters[i]
	switch {
	case edited != unedited:
		*f = Filter{Preset: name, Edited: true, Seed: seed, W: editBase(name, k, cin, seed)}
		if err := readWeights(r, f.W, edited == editSparse); err != nil || r.err != nil {
			return err
		}
		f.B = r.f32()
		if r.err != nil {
			return nil
		}
		for _, v := range append(f.W, f.B) {
			if math.IsNaN(float64(v)) || math.Abs(float64(v)) > maxWeight {
				return fmt.Errorf("filter %d: weight %v is not a number within ±%d", i, v, maxWeight)
			}
		}
	case name == preset.Learned:
		return s.learnedFilter(f, i, k, cin, seed)
	default:
		*f = newFilter(name, k, cin, seed)
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
		return fmt.Errorf("%d edited weights in a filter of %d", n, len(w))
	}
	at := -1
	for ; n > 0 && r.err == nil; n-- {
		gap := r.uvarint()
		if gap >= uint64(len(w)-at-1) {
			return fmt.Errorf("an edited weight beyond the filter's %d", len(w))
		}
		at += int(gap) + 1
		w[at] = r.f32()
	}
	return nil
}

// learnedFilter is slot i of the trained network's first layer, unedited.
func (s *State) learnedFilter(f *Filter, i, k, cin int, seed uint64) error {
	if s.Model.Net == nil {
		return errors.New("it uses the learned filters, which are unavailable: " + s.Model.Unavailable())
	}
	w, b := s.Model.Net.Conv1()
	if i >= w.Shape[0] || w.Shape[2] != k || cin != 1 {
		return fmt.Errorf("filter %d: the network has no learned %dx%d filter for %d channel(s) there", i, k, k, cin)
	}
	*f = Filter{Preset: preset.Learned, Seed: seed, W: append([]float32(nil), w.Data[i*k*k:(i+1)*k*k]...), B: b.Data[i]}
	return nil
}

// checkChannels holds the rule SetPhoto keeps: the filters take the input's
// channels, except learned (1-channel) filters, which stay 1.
func (sh *shared) checkChannels() error {
	want := 1
	if sh.input == inPhoto {
		want = picture.RGB
	}
	for _, f := range sh.filters {
		if f.Preset == preset.Learned {
			want = 1
		}
	}
	if sh.cin != want {
		return fmt.Errorf("filters with %d input channel(s) do not belong to this input (want %d)", sh.cin, want)
	}
	return nil
}

// applyShared installs a checked link. The drawing can be undone.
func (s *State) applyShared(sh *shared) {
	defer s.History.record("link", "", "")()
	s.Settings = sh.Settings
	s.Colormap, s.SharedScale = sh.colormap, sh.shared
	s.Filters, s.bankCin, s.Seed = sh.filters, sh.cin, sh.seed
	s.Photo = sh.input == inPhoto
	s.storeShared(!sh.tensors)
	switch {
	case s.Photo:
		if s.photo == nil || s.PhotoName != "" {
			s.photo, s.PhotoName, s.photoDims = picture.Photo(), "", [3]int{picture.RGB, picture.PhotoSize, picture.PhotoSize}
		}
		s.changed()
	case sh.digit >= 0:
		s.PickDigit(sh.digit)
	default:
		s.replaceCanvas(sh.canvas, -1, "")
	}
	s.applyLink(sh.play)
}

// Tags of the trailer's parts.
const (
	tagPlayback = 1
	tagTensors  = 2
)

// appendTrailer appends the optional parts that have something to say.
func (s *State) appendTrailer(b []byte) []byte {
	for _, p := range []struct {
		tag  byte
		body []byte
	}{{tagPlayback, s.Player.appendLink()}, {tagTensors, s.tensorsPart()}} {
		if p.body != nil {
			b = append(b, p.tag)
			b = binary.AppendUvarint(b, uint64(len(p.body)))
			b = append(b, p.body...)
		}
	}
	return b
}

// parseTrailer reads the parts after the filters, each once; a part must
// be read to its end.
func parseTrailer(r *reader, sh *shared) error {
	var seen [256]bool
	for len(r.b) > 0 {
		tag, n := r.u8(), r.uvarint()
		if r.err == nil && n > uint64(len(r.b)) {
			r.err = errShort
		}
		body := &reader{b: r.bytes(int(n))}
		if r.err != nil {
			return nil
		}
		if seen[tag] {
			return fmt.Errorf("part %d of the code comes twice", tag)
		}
		seen[tag] = true
		var err error
		switch tag {
		case tagPlayback:
			sh.play, err = parseLink(body)
		case tagTensors:
			if err = parseTensors(body, sh); err != nil {
				err = fmt.Errorf("the tensors part: %w", err)
			}
		default:
			return fmt.Errorf("the code has a part this version does not know (tag %d): made by a newer version?", tag)
		}
		if err == nil && body.err == nil && len(body.b) > 0 {
			err = fmt.Errorf("part %d of the code has %d unexpected bytes", tag, len(body.b))
		}
		if err != nil || body.err != nil {
			return cmp.Or(err, body.err)
		}
	}
	return nil
}

// presetIndex is p's number in a link: its place in preset.Cycle, or
// len(preset.Cycle) for learned.
func presetIndex(p preset.Preset) int {
	if i := slices.Index(preset.Cycle, p); i >= 0 {
		return i
	}
	return len(preset.Cycle)
}

// reader takes fields off the record; past the end it records an error
// and returns zeros, so parsing code checks r.err once per group.
type reader struct {
	b   []byte
	err error
}

var errShort = errors.New("the code is cut short")

func (r *reader) bytes(n int) []byte {
	if r.err != nil || len(r.b) < n {
		r.err = errShort
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) u8() byte {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) f32() float32 {
	if b := r.bytes(4); b != nil {
		return math.Float32frombits(binary.LittleEndian.Uint32(b))
	}
	return 0
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("the code is damaged (a bad number)")
		return 0
	}
	r.b = r.b[n:]
	return v
}
