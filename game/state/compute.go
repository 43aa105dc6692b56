package state

import (
	"convplayground/game/teach"
	"errors"
	"fmt"
	"math"
	"slices"

	"convplayground/conv"
)

// Conv2d is the layer the settings describe.
func (s *State) Conv2d() conv.Conv2d {
	c := conv.New(s.cin(), s.OutChannels, s.Kernel, s.Stride, s.Padding)
	c.PaddingString = s.PadString
	c.Dilation = [2]int{s.Dilation, s.Dilation}
	c.PaddingMode = s.PaddingMode
	c.Groups = s.Groups
	return c
}

// C, H and W are the input's channels, height and width: the canvas is
// 1×28×28; the photo slot holds the generated or a dropped picture
// (3×64×64) or a dropped .npy tensor (C×H×W).
func (s *State) C() int {
	if s.Input.Photo {
		return s.Input.photoDims[0]
	}
	return 1
}

func (s *State) H() int {
	if s.Input.Photo {
		return s.Input.photoDims[1]
	}
	return Size
}

func (s *State) W() int {
	if s.Input.Photo {
		return s.Input.photoDims[2]
	}
	return Size
}

// InputShape is the NCHW shape of the input tensor: [N,C,H,W].
func (s *State) InputShape() []int { return []int{s.Input.N(), s.C(), s.H(), s.W()} }

// InputValue is input channel c at (y, x) of the selected sample as the
// layer sees it (after ToTensor, and Normalize when on).
func (s *State) InputValue(c, y, x int) float32 {
	return s.Input.SampleValue(min(s.Sample, s.Input.N()-1), c, y, x)
}

// Recompute runs the network over the whole batch if anything changed
// since the last run and reports whether it ran. Rejected settings set Err
// and keep the last valid output; plans and buffers are reused while the
// shapes stay the same, and when only some samples changed (a stroke
// changes sample 0) only those are computed again (network.Run).
func (s *State) Recompute() bool {
	if s.computed == s.Version {
		return false
	}
	s.computed = s.Version
	defer s.checkFinite(s.OutVersion)
	s.Sample = min(s.Sample, s.Input.N()-1)
	s.keepSelection()
	s.fresh = s.fillInput()
	newWeights := s.fillWeights()
	before := s.Trained.Model
	s.Trained.predict() // after the weights: with the learned set they are the network's conv1
	s.Trained.Model.Moved = guessMoved(&before, &s.Trained.Model, newWeights && !slices.Contains(s.fresh[:s.Input.N()], true))
	switched := s.Layers.installLayer()
	if err := s.Layers.layerError(); err != nil {
		s.Err = err
		s.dropStaleMaps()
		return true
	}
	if err := s.net.Run(s.x, s.fresh[:s.Input.N()], newWeights || switched); err != nil {
		s.Err = errors.Unwrap(err) // PyTorch's message: the one layer is the screen's
		s.dropStaleMaps()
		s.Layers.netGuess()
		return true
	}
	s.Err, s.Out = nil, s.net.Out(0)
	s.Layers.keepGeometry()
	s.Net.run(s.Out) // the layers after layer 0 (net.go)
	s.Layers.netGuess()
	s.mapRanges()
	s.OutVersion++
	return true
}

// dropStaleMaps forgets the last valid maps when the input they were
// computed from is no longer the one on screen: dimmed maps of another
// picture would say what this input does not.
func (s *State) dropStaleMaps() {
	if slices.Contains(s.fresh[:s.Input.N()], true) {
		s.Out = nil
	}
}

// guessMoved says how an edit of the filters (weightsOnly: nothing else
// changed) moved the guess from before to after, when the network's conv1
// is the layer on screen in both; "" otherwise.
func guessMoved(before, after *Model, weightsOnly bool) string {
	from, g := before.Probs, before.Guess
	if before.Moved != "" { // the edits in a row count from the first
		from, g = before.movedFrom, before.movedGuess
	}
	if !weightsOnly || !before.OnScreen || !after.OnScreen || g < 0 || after.Guess < 0 || from == after.Probs {
		return ""
	}
	after.movedFrom, after.movedGuess = from, g
	m := fmt.Sprintf("%d: %.2f %% → %.2f %%", g, 100*from[g], 100*after.Probs[g])
	if after.Guess != g {
		m += fmt.Sprintf(", now %d", after.Guess)
	}
	return m
}

// mapRanges sets Min, Max, MapMin and MapMax from the selected sample's maps.
func (s *State) mapRanges() {
	if s.Out == nil {
		return
	}
	lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
	s.MapMin, s.MapMax, s.fin.counts = s.MapMin[:0], s.MapMax[:0], s.fin.counts[:0]
	for ch := 0; ch < s.Out.Shape[1]; ch++ {
		n, clo, chi := conv.FiniteRange(s.Input.MapPlane(ch))
		lo, hi = min(lo, clo), max(hi, chi)
		if clo > chi { // no finite value: 0..0
			clo, chi = 0, 0
		}
		s.MapMin, s.MapMax, s.fin.counts = append(s.MapMin, clo), append(s.MapMax, chi), append(s.fin.counts, n)
	}
	s.Min, s.Max = lo, hi
	if lo > hi { // nothing finite at all
		s.Min, s.Max = 0, 0
	}
}

// Stale reports whether the shown maps are from earlier, valid settings.
func (s *State) Stale() bool { return s.Err != nil && s.Out != nil }

// fillInput writes every sample of the batch into the input tensor and
// says which samples' values changed (bit for bit; all in a new tensor).
func (s *State) fillInput() (changed [MaxBatch]bool) {
	fresh := s.x == nil || !slices.Equal(s.x.Shape, s.InputShape())
	if fresh {
		s.x = conv.Zeros(s.InputShape()...)
	}
	n := s.C() * s.H() * s.W()
	for i := 0; i < s.Input.N(); i++ {
		d := s.x.Data[i*n : (i+1)*n]
		changed[i] = fresh
		for j, v := range s.Input.sampleData(i) {
			if v = s.Input.scaled(v); math.Float32bits(v) != math.Float32bits(d[j]) {
				d[j], changed[i] = v, true
			}
		}
	}
	return changed
}

// fillWeights writes the filters into the weight and bias tensors and
// says whether any value changed.
func (s *State) fillWeights() (changed bool) {
	if s.Transposed {
		return s.Layers.fillTransposed()
	}
	k, cin, n := s.Kernel, s.Bank.cpg(), s.OutChannels
	if d := s.Bank.weightDims(); s.w == nil || !slices.Equal(s.w.Shape, d[:]) {
		s.w, s.b, changed = conv.Zeros(s.Bank.WeightShape()...), conv.Zeros(n), true
	}
	for i := 0; i < n; i++ {
		f := &s.Bank.Filters[i]
		changed = copyChanged(s.w.Data[i*cin*k*k:(i+1)*cin*k*k], f.W) || changed
		changed = copyChanged(s.b.Data[i:i+1], []float32{f.B}) || changed
	}
	return changed
}

// sameBits reports whether a and b hold the same values bit for bit.
func sameBits(a, b []float32) bool {
	return slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
}

// copyChanged copies src into dst and reports whether a value changed, bit for bit.
func copyChanged(dst, src []float32) bool {
	changed := false
	for j, v := range src[:min(len(src), len(dst))] {
		if math.Float32bits(v) != math.Float32bits(dst[j]) {
			dst[j], changed = v, true
		}
	}
	return changed
}

// Window lists the taps that output cell (oy, ox) of the shown maps reads,
// in the kernel's row-major order (teach.Window: where each lands, what it
// reads, whether it is in the padding). Nil outside the output.
func (te *Teach) Window(oy, ox int) []teach.WindowTap {
	s := te.s
	if !s.Layers.convShown() || oy < 0 || ox < 0 || oy >= s.Out.Shape[2] || ox >= s.Out.Shape[3] {
		return nil
	}
	return teach.Window(s.Geom, oy, ox, nil)
}

// OutValue returns output channel ch at (oy, ox) of the shown maps (the
// selected sample's).
func (te *Teach) OutValue(ch, oy, ox int) (float32, bool) {
	s := te.s
	if s.Out == nil || ch < 0 || ch >= s.Out.Shape[1] || oy < 0 || ox < 0 || oy >= s.Out.Shape[2] || ox >= s.Out.Shape[3] {
		return 0, false
	}
	return s.Out.At(s.Input.shown(), ch, oy, ox), true
}

// Padded returns what the shown maps' convolution reads at input coordinate
// (y, x), which may lie in the padding: pad marks padding cells, ok is false
// outside the padded input. Zero padding reads 0; reflect, replicate and
// circular read an input pixel, as F.pad does.
func (te *Teach) Padded(c, y, x int) (v float32, pad, ok bool) {
	s := te.s
	h, w := s.H(), s.W()
	if !s.MapsFitInput() || c >= s.C() {
		return 0, false, false // no maps for this input yet
	}
	p := s.Geom.Pad
	if y < -p[0] || y >= h+p[1] || x < -p[2] || x >= w+p[3] {
		return 0, false, false
	}
	pad = y < 0 || x < 0 || y >= h || x >= w
	sy, oky := conv.PadSource(y, h, s.OutConv.PaddingMode)
	sx, okx := conv.PadSource(x, w, s.OutConv.PaddingMode)
	if !oky || !okx {
		return 0, pad, true
	}
	return s.InputValue(c, sy, sx), pad, true
}

// MapsFitInput reports whether the shown maps were computed on an input of
// the current input's size (so their padding ring belongs to it).
func (s *State) MapsFitInput() bool {
	return s.Layers.convShown() && s.Geom.Input[2] == s.H() && s.Geom.Input[3] == s.W()
}
