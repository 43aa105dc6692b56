package state

import (
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
	return c
}

// C, H and W are the input's channels, height and width: the canvas is
// 1×28×28; the photo slot holds the generated or a dropped picture
// (3×64×64) or a dropped .npy tensor (C×H×W).
func (s *State) C() int {
	if s.Photo {
		return s.photoDims[0]
	}
	return 1
}

func (s *State) H() int {
	if s.Photo {
		return s.photoDims[1]
	}
	return Size
}

func (s *State) W() int {
	if s.Photo {
		return s.photoDims[2]
	}
	return Size
}

// InputShape is the NCHW shape of the input tensor.
func (s *State) InputShape() []int { return []int{1, s.C(), s.H(), s.W()} }

// InputValue is input channel c at (y, x) as the layer sees it (after
// ToTensor, and Normalize when on).
func (s *State) InputValue(c, y, x int) float32 {
	var v float32
	if s.Photo {
		v = s.photo[(c*s.H()+y)*s.W()+x]
	} else {
		v = s.Canvas[y*Size+x]
	}
	if s.Normalize {
		return (v - 0.5) / 0.5
	}
	return v
}

// Recompute runs the convolution if anything changed since the last run and
// reports whether it ran. Rejected settings set Err and keep the last valid
// output; the plan and buffers are reused while the shapes stay the same.
func (s *State) Recompute() bool {
	if s.computed == s.Version {
		return false
	}
	s.computed = s.Version
	defer s.checkFinite(s.OutVersion)
	s.predict()
	c := s.Conv2d()
	s.fillInput()
	s.fillWeights()
	if s.plan == nil || s.plan.Conv != c || !slices.Equal(s.plan.Geom.Input, s.x.Shape) {
		p, err := conv.NewPlan(c, s.x.Shape)
		if err != nil {
			s.Err = err
			return true
		}
		s.plan = p
	}
	g := s.plan.Geom
	out := s.Out
	if out == nil || !slices.Equal(out.Shape, g.Output) {
		var err error
		if out, err = conv.NewTensor(g.Output...); err != nil {
			s.Err = err
			return true
		}
	}
	if err := s.plan.Forward(out, s.x, s.w, s.b); err != nil {
		s.Err = err
		return true
	}
	s.Err, s.Out, s.OutConv, s.Geom = nil, out, c, g
	s.Min, s.Max = out.MinMax()
	s.MapMin, s.MapMax = s.MapMin[:0], s.MapMax[:0]
	for ch := 0; ch < g.Output[1]; ch++ {
		lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
		for _, v := range out.Plane(0, ch) {
			lo, hi = min(lo, v), max(hi, v)
		}
		s.MapMin, s.MapMax = append(s.MapMin, lo), append(s.MapMax, hi)
	}
	s.OutVersion++
	return true
}

// Stale reports whether the shown maps are from earlier, valid settings.
func (s *State) Stale() bool { return s.Err != nil && s.Out != nil }

func (s *State) fillInput() {
	if s.x == nil || !slices.Equal(s.x.Shape, s.InputShape()) {
		s.x = conv.Zeros(s.InputShape()...)
	}
	h, w := s.H(), s.W()
	for c := 0; c < s.C(); c++ {
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				s.x.Data[(c*h+y)*w+x] = s.InputValue(c, y, x)
			}
		}
	}
}

func (s *State) fillWeights() {
	k, cin, n := s.Kernel, s.cin(), s.OutChannels
	if s.w == nil || !slices.Equal(s.w.Shape, []int{n, cin, k, k}) {
		s.w, s.b = conv.Zeros(n, cin, k, k), conv.Zeros(n)
	}
	for i := 0; i < n; i++ {
		copy(s.w.Data[i*cin*k*k:], s.Filters[i].W)
		s.b.Data[i] = s.Filters[i].B
	}
}

// Window lists the taps that output cell (oy, ox) of the shown maps reads,
// in the kernel's row-major order (conv.Geometry.Window: where each lands,
// what it reads, whether it is in the padding). Nil outside the output.
func (s *State) Window(oy, ox int) []conv.Tap {
	if s.Out == nil {
		return nil
	}
	w, err := s.Geom.Window(oy, ox)
	if err != nil {
		return nil
	}
	return w.Taps
}

// OutValue returns output channel ch at (oy, ox) of the shown maps.
func (s *State) OutValue(ch, oy, ox int) (float32, bool) {
	if s.Out == nil || ch < 0 || ch >= s.Out.Shape[1] || oy < 0 || ox < 0 || oy >= s.Out.Shape[2] || ox >= s.Out.Shape[3] {
		return 0, false
	}
	return s.Out.At(0, ch, oy, ox), true
}

// Padded returns what the shown maps' convolution reads at input coordinate
// (y, x), which may lie in the padding: pad marks padding cells, ok is false
// outside the padded input. Zero padding reads 0; reflect, replicate and
// circular read an input pixel, as F.pad does.
func (s *State) Padded(c, y, x int) (v float32, pad, ok bool) {
	h, w := s.H(), s.W()
	if !s.MapsFitInput() || c >= s.C() {
		return 0, false, false // no maps for this input yet
	}
	p := s.Geom.Pad
	if y < -p[0] || y >= h+p[1] || x < -p[2] || x >= w+p[3] {
		return 0, false, false
	}
	pad = y < 0 || x < 0 || y >= h || x >= w
	sy, oky := padSource(y, h, s.OutConv.PaddingMode)
	sx, okx := padSource(x, w, s.OutConv.PaddingMode)
	if !oky || !okx {
		return 0, pad, true
	}
	return s.InputValue(c, sy, sx), pad, true
}

// MapsFitInput reports whether the shown maps were computed on an input of
// the current input's size (so their padding ring belongs to it).
func (s *State) MapsFitInput() bool {
	return s.Out != nil && s.Geom.Input[2] == s.H() && s.Geom.Input[3] == s.W()
}

// padSource maps a coordinate outside [0, n) to the pixel a padding mode copies.
func padSource(i, n int, mode string) (int, bool) {
	switch {
	case i >= 0 && i < n:
		return i, true
	case mode == conv.ReflectMode && i < 0:
		return -i, true
	case mode == conv.ReflectMode:
		return 2*(n-1) - i, true
	case mode == conv.ReplicateMode:
		return min(max(i, 0), n-1), true
	case mode == conv.CircularMode:
		return ((i % n) + n) % n, true
	}
	return 0, false
}

// Explain recomputes output cell (ch, oy, ox) of the shown maps by hand, as
// the learner would: the sum of weight × input over the window's taps (and
// the input channels), plus the bias. Padding taps read what the padding
// mode puts there. ok is false outside the output or while the shown maps
// belong to other settings than the current filters.
func (s *State) Explain(ch, oy, ox int) (sum, bias float32, ok bool) {
	taps := s.Window(oy, ox)
	k := s.OutConv.Kernel[0]
	if taps == nil || ch < 0 || ch >= s.Out.Shape[1] || s.Err != nil || s.OutConv.InChannels != s.cin() || k != s.Kernel {
		return 0, 0, false
	}
	w := s.Filters[ch].W
	for c := 0; c < s.cin(); c++ {
		for _, t := range taps {
			if t.SrcY < 0 {
				continue // zero padding
			}
			sum += w[(c*k+t.KY)*k+t.KX] * s.InputValue(c, t.SrcY, t.SrcX)
		}
	}
	return sum, s.Filters[ch].B, true
}
