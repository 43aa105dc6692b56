package state

import (
	"fmt"

	"convplayground/conv"
	"convplayground/game/picture"
	"convplayground/i18n"
)

// MaxBatch is the largest batch N the playground holds (the batch strip's 16).
const MaxBatch = 16

// N is the batch size: Settings.Batch within 1..MaxBatch (a shared link
// from before batches carries 0, which is a batch of 1).
func (in *Input) N() int {
	s := in.s
	return clamp(s.Batch, 1, MaxBatch)
}

// fileBatch is samples 1.. of a dropped .npy batch, each C×H×W.
type fileBatch struct {
	name    string
	dims    [3]int
	samples [][]float32
}

// SampleInfo says what one image of the batch is, for the batch strip.
type SampleInfo struct {
	Source string // "drawing", "photo", "MNIST test #3", "x.npy [2]", ...
	Label  int    // the MNIST label, −1 when there is none
}

// BatchInfo is the batch as the view shows it: N samples through one
// layer, all with the same weight.
type BatchInfo struct {
	N        int
	Selected int          // the sample whose maps are shown (Out's sample; SelectSample)
	Input    []int        // x: [N,C,H,W]
	Weight   []int        // [Cout,Cin,k,k]: one weight, shared by every sample
	Output   []int        // y: [N,Cout,Hout,Wout]; nil while the settings are rejected
	Samples  []SampleInfo // N of them, sample 0 first
	lang     i18n.Lang    // the language of its texts (the state's)
}

// SharedWeight is the batch strip's note, e.g. "one weight [20, 1, 5, 5] for all 16".
func (b BatchInfo) SharedWeight() string {
	if b.N == 1 {
		return b.lang.Sprintf(i18n.BatchOneWeightOne, conv.FormatShape(b.Weight))
	}
	return b.lang.Sprintf(i18n.BatchOneWeightAll, conv.FormatShape(b.Weight), b.N)
}

// BatchView describes the batch for the view.
func (in *Input) BatchView() BatchInfo {
	s := in.s
	b := BatchInfo{N: s.Input.N(), Selected: s.Sample, Input: s.InputShape(), Weight: s.Bank.WeightShape(), lang: s.Lang}
	if s.Err == nil && s.Out != nil {
		b.Output = s.Out.Shape
	}
	for i := 0; i < b.N; i++ {
		b.Samples = append(b.Samples, s.Input.sampleInfo(i))
	}
	return b
}

func (in *Input) sampleInfo(i int) SampleInfo {
	s := in.s
	c, h, w := s.C(), s.H(), s.W()
	switch {
	case i == 0 && s.Input.Photo:
		return SampleInfo{Source: s.Lang.T(i18n.SamplePhoto), Label: -1}
	case i == 0 && s.Input.Digit >= 0:
		return SampleInfo{Source: s.Lang.Sprintf(i18n.SampleMNIST, s.Input.Digit), Label: s.Input.Digits[s.Input.Digit].Label}
	case i == 0:
		return SampleInfo{Source: s.Lang.T(i18n.SampleDrawing), Label: -1}
	case s.Input.fromFile(i):
		return SampleInfo{Source: fmt.Sprintf("%s [%d]", s.Input.file.name, i), Label: -1}
	case len(s.Input.Digits) == 0:
		return SampleInfo{Source: s.Lang.T(i18n.SampleBlank), Label: -1}
	}
	d := s.Input.defaultDigit(i)
	src := s.Lang.Sprintf(i18n.SampleMNIST, d)
	if c != 1 || h != Size || w != Size {
		src = s.Lang.Sprintf(i18n.SampleResized, d, h, w, c)
	}
	return SampleInfo{Source: src, Label: s.Input.Digits[d].Label}
}

// fromFile reports whether sample i comes from the dropped .npy batch: it
// does while the input has the file's C×H×W.
func (in *Input) fromFile(i int) bool {
	s := in.s
	return i >= 1 && i <= len(s.Input.file.samples) && s.Input.file.dims == [3]int{s.C(), s.H(), s.W()}
}

// defaultDigit is the MNIST sample that sample i ≥ 1 shows by default: the
// embedded test digits in order.
func (in *Input) defaultDigit(i int) int {
	s := in.s
	return (i - 1) % len(s.Input.Digits)
}

// SelectSample shows the maps of sample i (0 is the drawing or the photo)
// and gives the guess for it. The batch is not recomputed.
func (in *Input) SelectSample(i int) bool {
	s := in.s
	if i < 0 || i >= s.Input.N() {
		s.Notice = fmt.Sprintf("no sample %d in a batch of %d", i, s.Input.N())
		return false
	}
	if i != s.Sample {
		s.Sample = i
		s.mapRanges()
		s.OutVersion++
		if s.computed == s.Version { // else Recompute guesses, with the new weights
			s.Trained.predict()
		}
	}
	return true
}

// shown is the index in Out of the selected sample: 0 when Out is an
// earlier, smaller batch (kept while the settings are rejected).
func (in *Input) shown() int {
	s := in.s
	if s.Out == nil || s.Sample >= s.Out.Shape[0] {
		return 0
	}
	return s.Sample
}

// MapPlane is output channel ch of the selected sample's maps (Hout×Wout,
// row-major, sharing Out's memory), nil when there is no such map.
func (in *Input) MapPlane(ch int) []float32 {
	s := in.s
	if s.Out == nil || ch < 0 || ch >= s.Out.Shape[1] {
		return nil
	}
	return s.Out.Plane(s.Input.shown(), ch)
}

// SampleValue is input channel c at (y, x) of sample i as the layer sees it
// (after ToTensor, and Normalize when on); InputValue is the selected sample's.
func (in *Input) SampleValue(i, c, y, x int) float32 {
	s := in.s
	return s.Input.scaled(s.Input.sampleData(i)[(c*s.H()+y)*s.W()+x])
}

// scaled is a ToTensor value as the layer sees it: Normalize(0.5, 0.5) when on.
func (in *Input) scaled(v float32) float32 {
	s := in.s
	if s.Normalize {
		return (v - 0.5) / 0.5
	}
	return v
}

// sampleData is sample i as C×H×W values (before Normalize).
func (in *Input) sampleData(i int) []float32 {
	s := in.s
	switch {
	case i == 0 && s.Input.Photo:
		return s.Input.photo
	case i == 0:
		return s.Input.Canvas[:]
	case s.Input.fromFile(i):
		return s.Input.file.samples[i-1]
	}
	c, h, w := s.C(), s.H(), s.W()
	if dims := [3]int{c, h, w}; s.Input.defaults.dims != dims || s.Input.defaults.samples == nil {
		s.Input.defaults = defaultSamples{dims, map[int][]float32{}} // one input size at a time
	}
	if d, ok := s.Input.defaults.samples[i]; ok {
		return d
	}
	d := make([]float32, c*h*w)
	if len(s.Input.Digits) > 0 {
		picture.ResizeDigit(d[:h*w], s.Input.Digits[s.Input.defaultDigit(i)].Pixels[:], Size, h, w)
		for ch := 1; ch < c; ch++ {
			copy(d[ch*h*w:], d[:h*w])
		}
	}
	s.Input.defaults.samples[i] = d
	return d
}

// defaultSamples are the default samples made for one input size.
type defaultSamples struct {
	dims    [3]int
	samples map[int][]float32
}
