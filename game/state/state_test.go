package state

import (
	"convplayground/game/preset"
	"convplayground/game/teach"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
)

func fresh(t *testing.T) *State {
	t.Helper()
	s := New()
	if s.Notice != "" {
		t.Fatalf("New: %s", s.Notice)
	}
	s.Recompute()
	if s.Err != nil {
		t.Fatalf("default settings rejected: %v", s.Err)
	}
	return s
}

func TestDefaults(t *testing.T) {
	s := fresh(t)
	h := hookOf(t, s)
	for _, c := range []struct {
		name      string
		got, want []int
	}{
		{"input", h.Input, []int{1, 1, 28, 28}},
		{"weight", h.Weight, []int{8, 1, 5, 5}},
		{"bias", h.Bias, []int{8}},
		{"output", h.Output, []int{1, 8, 28, 28}},
	} {
		if conv.FormatShape(c.got) != conv.FormatShape(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if s.Export.Code() != "nn.Conv2d(1, 8, kernel_size=5, stride=1, padding=2)" {
		t.Errorf("code %q", s.Export.Code())
	}
}

// The shapes everyone meets first: Conv2d(1, 20, 5, 1, 2) on one MNIST digit.
func TestShapesPanelMNISTLayer(t *testing.T) {
	s := fresh(t)
	for s.Step(SetOut, +1) {
	}
	s.Recompute()
	sh := s.Export.Shapes()
	if conv.FormatShape(sh.Weight) != "[20, 1, 5, 5]" || conv.FormatShape(sh.Bias) != "[20]" || conv.FormatShape(sh.Output) != "[1, 20, 28, 28]" {
		t.Errorf("shapes weight %v bias %v output %v", sh.Weight, sh.Bias, sh.Output)
	}
	if want := "(28 − 5 + 2·2)/1 + 1 = 28"; sh.FormulaH != want || sh.FormulaW != want {
		t.Errorf("formula %q / %q, want %q", sh.FormulaH, sh.FormulaW, want)
	}
	if c := sh.Counts; c.Params != 520 || c.MACs != 392000 || c != (Counts{1, 20, 1, 5, 28, 28, 520, 392000}) {
		t.Errorf("counts %+v, want 20·1·5·5 + 20 = 520 params, 20·28·28 · 1·5·5 = 392,000 multiply-adds", c)
	}
}

func TestStepRanges(t *testing.T) {
	for _, c := range []struct {
		name  Setting
		d, n  int
		check func(Settings) bool
		want  string
	}{
		{SetOut, +1, 30, func(s Settings) bool { return s.OutChannels == MaxOut }, "out 20"},
		{SetOut, -1, 30, func(s Settings) bool { return s.OutChannels == 1 }, "out 1"},
		{SetKernel, +1, 12, func(s Settings) bool { return s.Kernel == MaxKernel }, "kernel 11"},
		{SetKernel, -1, 9, func(s Settings) bool { return s.Kernel == 1 }, "kernel 1"},
		{SetStride, +1, 9, func(s Settings) bool { return s.Stride == 4 }, "stride 4"},
		{SetStride, -1, 9, func(s Settings) bool { return s.Stride == 0 }, "stride 0"},
		{SetDilation, +1, 9, func(s Settings) bool { return s.Dilation == 3 }, "dilation 3"},
		{SetDilation, -1, 9, func(s Settings) bool { return s.Dilation == 0 }, "dilation 0"},
		{SetPadding, +1, 3, func(s Settings) bool { return s.PadString == "same" }, "padding same"},
		{SetPadding, +1, 4, func(s Settings) bool { return s.PadString == "valid" }, "padding valid"},
		{SetPadding, +1, 9, func(s Settings) bool { return s.PadString == "valid" }, "padding stays valid"},
		{SetPadding, -1, 1, func(s Settings) bool { return s.Padding == 1 && s.PadString == "" }, "padding 1"},
		{SetPadding, -1, 9, func(s Settings) bool { return s.Padding == -1 }, "padding -1"},
		{SetMode, +1, 1, func(s Settings) bool { return s.PaddingMode == "reflect" }, "reflect"},
		{SetMode, +1, 4, func(s Settings) bool { return s.PaddingMode == "zeros" }, "mode wraps"},
		{SetMode, -1, 1, func(s Settings) bool { return s.PaddingMode == "circular" }, "mode wraps back"},
	} {
		s := New()
		for i := 0; i < c.n; i++ {
			s.Step(c.name, c.d)
		}
		if !c.check(s.Settings) {
			t.Errorf("%s %+d ×%d: got %+v, want %s", c.name, c.d, c.n, s.Settings, c.want)
		}
	}
	s := New()
	if s.Step(NumSettings, 1) || s.Notice == "" {
		t.Error("unknown setting accepted silently")
	}
}

// Rejected settings: PyTorch's message, the last maps kept, nothing reset,
// and stepping back recovers.
func TestRejectedSettingsKeepMaps(t *testing.T) {
	for _, c := range []struct {
		steps []struct {
			name Setting
			d    int
		}
		msg string
	}{
		{steps(SetStride, -1), "non-positive stride is not supported"},
		{steps(SetDilation, -1), "non-positive dilation is not supported"},
		{steps(SetPadding, -1, SetPadding, -1, SetPadding, -1), "negative padding is not supported"},
		{steps(SetStride, +1, SetPadding, +1, SetPadding, +1, SetPadding, +1), "padding='same' is not supported for strided convolutions"},
	} {
		s := fresh(t)
		s.Input.BeginStroke()
		s.Input.Stroke(5, 5, 20, 20, false)
		s.Bank.SetWeight(0, 0, 2, 2, 3)
		s.Recompute()
		for _, st := range c.steps[:len(c.steps)-1] {
			s.Step(st.name, st.d)
			s.Recompute()
		}
		before := s.Out.Clone()
		canvas, filters, ver := s.Canvas, append([]float32(nil), s.Filters[0].W...), s.OutVersion
		last := s.Settings
		st := c.steps[len(c.steps)-1]
		s.Step(st.name, st.d)
		s.Recompute()
		if s.Err == nil || !strings.Contains(s.Err.Error(), c.msg) {
			t.Errorf("%v: err %v, want %q", c.steps, s.Err, c.msg)
			continue
		}
		if !s.Stale() || s.OutVersion != ver || !equal(s.Out.Data, before.Data) {
			t.Errorf("%v: last valid maps not kept", c.steps)
		}
		if s.Canvas != canvas || !equal(s.Filters[0].W, filters) {
			t.Errorf("%v: drawing or filters reset", c.steps)
		}
		h := hookOf(t, s)
		if h.Error != s.Err.Error() || !h.Stale || s.Export.Shapes().Err != s.Err {
			t.Errorf("%v: hook/panel do not report the rejection: %+v", c.steps, h)
		}
		// Drawing while rejected still lands on the canvas.
		s.Input.Stroke(1, 1, 3, 3, false)
		if s.Canvas == canvas {
			t.Errorf("%v: cannot draw while rejected", c.steps)
		}
		s.apply(last)
		s.Recompute()
		if s.Err != nil || s.Stale() {
			t.Errorf("%v: stepping back still rejected: %v", c.steps, s.Err)
		}
	}
}

func steps(a ...any) []struct {
	name Setting
	d    int
} {
	var r []struct {
		name Setting
		d    int
	}
	for i := 0; i < len(a); i += 2 {
		r = append(r, struct {
			name Setting
			d    int
		}{a[i].(Setting), a[i+1].(int)})
	}
	return r
}

func equal(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The output must be what the conv core computes for the same tensors.
func TestRecomputeMatchesConv(t *testing.T) {
	s := fresh(t)
	s.Input.PickDigit(3)
	for _, st := range steps(SetStride, +1, SetDilation, +1, SetMode, +1, SetKernel, -1, SetOut, +5) {
		s.Step(st.name, st.d)
		s.Recompute()
		if s.Err != nil {
			t.Fatal(s.Err)
		}
		x := conv.Zeros(s.InputShape()...)
		copy(x.Data, s.Canvas[:])
		want, err := conv.Forward(s.Conv2d(), x, s.w, s.b)
		if err != nil {
			t.Fatal(err)
		}
		if !equal(want.Data, s.Out.Data) || conv.FormatShape(want.Shape) != conv.FormatShape(s.Out.Shape) {
			t.Fatalf("after %s: output differs from conv.Forward", st.name)
		}
	}
}

func TestRecomputeOnlyWhenChanged(t *testing.T) {
	s := fresh(t)
	if s.Recompute() {
		t.Error("recomputed without a change")
	}
	plan := s.conv1.Planned
	s.Input.BeginStroke()
	s.Input.Stroke(3, 3, 10, 3, false)
	if !s.Recompute() || s.conv1.Planned != plan {
		t.Error("a stroke should recompute with the same plan")
	}
	s.Input.Stroke(3, 3, 10, 3, false) // same ink again: nothing changes
	if s.Recompute() {
		t.Error("an idempotent stroke recomputed")
	}
	s.Step(SetStride, +1)
	if !s.Recompute() || s.conv1.Planned == plan || s.Out.Shape[2] != 14 {
		t.Errorf("stride 2: want a new plan and 14x14 maps, got %v", s.Out.Shape)
	}
}

func TestBrushMakesMNISTLikeStroke(t *testing.T) {
	var c Canvas
	c.paintSegment(4, 14, 24, 14, false)
	width := float32(0) // ink across the stroke, in pixels
	for y := 0; y < Size; y++ {
		width += c[y*Size+14]
	}
	if width < 2 || width > 3.5 {
		t.Errorf("stroke is %.2f px wide, want about 2-3", width)
	}
	if c[13*Size+14] < 0.9 || c[14*Size+14] < 0.9 {
		t.Errorf("core not inked: %v %v", c[13*Size+14], c[14*Size+14])
	}
	soft := 0
	for y := 0; y < Size; y++ {
		if v := c[y*Size+14]; v > 0.05 && v < 0.95 {
			soft++
		}
	}
	if soft == 0 {
		t.Error("no anti-aliased edge pixels")
	}
	if c[10*Size+14] != 0 || c[14*Size+1] != 0 {
		t.Error("ink far from the stroke")
	}
	c.paintSegment(4, 14, 24, 14, true)
	for i, v := range c {
		if v != 0 {
			t.Fatalf("eraser left %v at %d", v, i)
		}
	}
}

func TestUndoClearPick(t *testing.T) {
	s := fresh(t)
	if s.History.Undo() || s.Notice == "" {
		t.Error("undo of nothing should say so")
	}
	s.Input.BeginStroke()
	s.Input.Stroke(2, 2, 20, 20, false)
	drawn := s.Canvas
	s.Input.Clear()
	if s.Canvas != (Canvas{}) {
		t.Error("clear left ink")
	}
	s.Input.PickDigit(0)
	if s.Digit != 0 || hookOf(t, s).Label != s.Digits[0].Label {
		t.Error("digit not picked")
	}
	for i, p := range s.Digits[0].Pixels {
		if s.Canvas[i] != float32(p)/255 {
			t.Fatal("digit pixels are not ToTensor's byte/255")
		}
	}
	if !s.History.Undo() || s.Canvas != (Canvas{}) {
		t.Error("undo after pick should give the cleared canvas")
	}
	if !s.History.Undo() || s.Canvas != drawn {
		t.Error("undo after clear should give the drawing")
	}
	if !s.History.Undo() || s.Canvas != (Canvas{}) || s.History.Undo() {
		t.Error("undo should end at the blank start")
	}
	for i := 0; i < 2*maxUndo; i++ {
		s.Input.BeginStroke()
		s.Input.Stroke(float64(i%28), 0, float64(i%28), 27, false)
	}
	if len(s.History.undo) != maxUndo {
		t.Errorf("undo stack %d, want bounded at %d", len(s.History.undo), maxUndo)
	}
	s.Input.PickDigit(len(s.Digits))
	if s.Notice == "" {
		t.Error("picking a missing digit should say so")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 10; i++ {
		prev := s.Digit
		s.Input.RandomDigit(r)
		if s.Digit == prev || s.Digit < 0 {
			t.Fatalf("random digit %d after %d", s.Digit, prev)
		}
	}
}

func TestNormalize(t *testing.T) {
	s := fresh(t)
	s.Bank.SetPreset(0, preset.Identity)
	s.Recompute()
	if v, _ := s.Teach.OutValue(0, 5, 5); v != 0 {
		t.Errorf("ToTensor blank = %v, want 0", v)
	}
	s.Input.SetNormalize(true)
	s.Recompute()
	if v, _ := s.Teach.OutValue(0, 5, 5); v != -1 {
		t.Errorf("Normalize(0.5,0.5) blank = %v, want -1", v)
	}
	if !strings.Contains(s.Export.Shapes().Scaling, "[-1, 1]") {
		t.Error("scaling not shown")
	}
}

// Textbook kernels at k=3, and what they do to a vertical edge.
func TestPresetNumbers(t *testing.T) {
	for _, c := range []struct {
		name preset.Preset
		want []float32
	}{
		{preset.Identity, []float32{0, 0, 0, 0, 1, 0, 0, 0, 0}},
		{preset.SobelX, []float32{-1, 0, 1, -2, 0, 2, -1, 0, 1}},
		{preset.SobelY, []float32{-1, -2, -1, 0, 0, 0, 1, 2, 1}},
		{preset.PrewittX, []float32{-1, 0, 1, -1, 0, 1, -1, 0, 1}},
		{preset.PrewittY, []float32{-1, -1, -1, 0, 0, 0, 1, 1, 1}},
		{preset.Outline, []float32{-1, -1, -1, -1, 8, -1, -1, -1, -1}},
		{preset.Emboss, []float32{-2, -1, 0, -1, 1, 1, 0, 1, 2}},
		{preset.DiagUp, []float32{0, 1, 2, -1, 0, 1, -2, -1, 0}},
		{preset.DiagDown, []float32{-2, -1, 0, -1, 0, 1, 0, 1, 2}},
		{preset.Gaussian, []float32{1. / 16, 2. / 16, 1. / 16, 2. / 16, 4. / 16, 2. / 16, 1. / 16, 2. / 16, 1. / 16}},
		{preset.BoxBlur, []float32{1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9}},
	} {
		if got := preset.Kernel(c.name, 3); !equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if got := preset.Kernel(preset.SobelX, 5)[10:15]; !equal(got, []float32{-6, -12, 0, 12, 6}) {
		t.Errorf("5x5 sobel x middle row %v, want 6·[-1 -2 0 2 1]", got)
	}
	for _, name := range preset.Cycle {
		for k := 1; k <= MaxKernel; k++ {
			f := newFilter(name, k, 1, 7)
			if len(f.W) != k*k {
				t.Fatalf("%s k=%d: %d weights", name, k, len(f.W))
			}
			var sum float64
			for _, v := range f.W {
				sum += float64(v)
				if math.IsNaN(float64(v)) {
					t.Fatalf("%s k=%d: NaN", name, k)
				}
			}
			zeroSum := name == preset.Outline || name == preset.LoG || name == preset.SobelX || name == preset.PrewittY || name == preset.DiagUp
			if zeroSum && math.Abs(sum) > 1e-5 {
				t.Errorf("%s k=%d sums to %v, want 0", name, k, sum)
			}
			if (name == preset.Gaussian || name == preset.BoxBlur || name == preset.Sharpen || name == preset.Identity) && math.Abs(sum-1) > 1e-5 {
				t.Errorf("%s k=%d sums to %v, want 1", name, k, sum)
			}
		}
	}

	// Dark left half, bright right half: Sobel x fires on the edge, 4 per unit step.
	s := fresh(t)
	for y := 0; y < Size; y++ {
		for x := Size / 2; x < Size; x++ {
			s.Canvas[y*Size+x] = 1
		}
	}
	s.Step(SetKernel, -1)
	s.Step(SetKernel, -1)
	s.Step(SetPadding, -1)
	s.Bank.SetPreset(0, preset.SobelX)
	s.Bank.SetPreset(1, preset.SobelY)
	s.Recompute()
	row := make([]float32, 4)
	for i := range row {
		row[i], _ = s.Teach.OutValue(0, 10, 12+i)
	}
	if !equal(row, []float32{0, 4, 4, 0}) {
		t.Errorf("sobel x across the edge = %v, want [0 4 4 0]", row)
	}
	if v, _ := s.Teach.OutValue(1, 10, 13); v != 0 {
		t.Errorf("sobel y on a vertical edge = %v, want 0", v)
	}
}

// PyTorch's default init: U(−1/√fan_in, 1/√fan_in) for weight and bias.
func TestKaimingBounds(t *testing.T) {
	for _, k := range []int{1, 3, 5, 7} {
		bound := float32(1 / math.Sqrt(float64(k*k)))
		var biggest float32
		var sum float64
		n := 0
		for seed := uint64(0); seed < 50; seed++ {
			f := newFilter(preset.Kaiming, k, 1, seed)
			for _, v := range append(f.W, f.B) {
				if v < -bound || v > bound {
					t.Fatalf("k=%d seed %d: %v outside ±%v", k, seed, v, bound)
				}
				biggest = max(biggest, float32(math.Abs(float64(v))))
				sum += float64(v)
				n++
			}
		}
		if biggest < 0.9*bound || math.Abs(sum/float64(n)) > 0.1*float64(bound) {
			t.Errorf("k=%d: max |w| %v, mean %v: not uniform on ±%v", k, biggest, sum/float64(n), bound)
		}
	}
	a, b := newFilter(preset.Kaiming, 5, 1, 3), newFilter(preset.Kaiming, 5, 1, 3)
	if !equal(a.W, b.W) || a.B != b.B {
		t.Error("same seed, different weights")
	}
	if c := newFilter(preset.Kaiming, 5, 1, 4); equal(a.W, c.W) {
		t.Error("different seeds, same weights")
	}
	if preset.KaimingBound(25) != 0.2 {
		t.Errorf("bound for fan_in 25 = %v, want 0.2", preset.KaimingBound(25))
	}
}

func TestFilterEdits(t *testing.T) {
	s := fresh(t)
	s.Bank.SetPreset(0, preset.Identity)
	v := s.Version
	if s.Bank.SetWeightText(0, 0, 1, 1, "abc") || s.Version != v || s.Notice == "" {
		t.Error("bad number must change nothing and say why")
	}
	if s.Bank.SetWeight(0, 0, 9, 0, 1) || s.Bank.SetWeight(0, 0, 0, 0, math.NaN()) {
		t.Error("out-of-range cell or NaN accepted")
	}
	if !s.Bank.SetWeightText(0, 0, 1, 1, "-2.5") || s.Bank.Weight(0, 0, 1, 1) != -2.5 || !s.Filters[0].Edited {
		t.Error("typed weight not set")
	}
	s.Bank.SetWeightText(0, 0, 0, 0, "1e9")
	if s.Bank.Weight(0, 0, 0, 0) != maxWeight {
		t.Errorf("huge weight not clamped: %v", s.Bank.Weight(0, 0, 0, 0))
	}
	if s.Bank.SetBiasText(0, "x") || s.Notice == "" {
		t.Error("bad bias text accepted")
	}
	s.Bank.SetBiasText(0, "0.5")
	s.Recompute()
	if v, _ := s.Teach.OutValue(0, 27, 27); v != 0.5 {
		t.Errorf("bias not applied: %v", v)
	}
	// Kernel 5→3: the edited filter is cropped around its centre, presets rebuilt.
	s.Step(SetKernel, -1)
	s.Step(SetKernel, -1)
	if s.Bank.Weight(0, 0, 0, 0) != -2.5 || s.Bank.Weight(0, 0, 1, 1) != 1 {
		t.Errorf("edited filter not cropped: %v", s.Filters[0].W)
	}
	if !equal(s.Filters[2].W, preset.Kernel(preset.SobelX, 3)) {
		t.Error("preset not rebuilt at k=3")
	}
	// Lowering out_channels and raising it again keeps the filter.
	for i := 0; i < 7; i++ {
		s.Step(SetOut, -1)
	}
	s.Step(SetOut, +1)
	if s.Bank.Weight(0, 0, 0, 0) != -2.5 {
		t.Error("out_channels round trip lost an edit")
	}
	s.Bank.CyclePreset(1, +1)
	if s.Filters[1].Preset != preset.Sharpen {
		t.Errorf("cycle from gaussian gave %s", s.Filters[1].Preset)
	}
	s.Bank.CyclePreset(1, -1)
	s.Bank.CyclePreset(1, -1)
	if s.Filters[1].Preset != preset.BoxBlur {
		t.Errorf("cycle back gave %s", s.Filters[1].Preset)
	}
}

func TestWindow(t *testing.T) {
	s := fresh(t)
	taps := s.Teach.Window(0, 0)
	pad := 0
	for _, tp := range taps {
		if tp.InPadding {
			pad++
		}
	}
	if len(taps) != 25 || pad != 16 || !tapAt(taps[0], -2, -2, true) || !tapAt(taps[24], 2, 2, false) {
		t.Errorf("window of (0,0): %d taps, %d in padding, %v..%v", len(taps), pad, taps[0], taps[24])
	}
	s.Step(SetStride, +1)
	s.Step(SetDilation, +1)
	s.Recompute()
	taps = s.Teach.Window(3, 4)
	if !tapAt(taps[0], 6-2, 8-2, false) || !tapAt(taps[24], 12, 14, false) {
		t.Errorf("stride 2 dilation 2 window of (3,4): %v..%v", taps[0], taps[24])
	}
	if s.Teach.Window(-1, 0) != nil || s.Teach.Window(0, 99) != nil {
		t.Error("window outside the output")
	}
}

func tapAt(t teach.WindowTap, y, x int, pad bool) bool {
	return t.Y == y && t.X == x && t.InPadding == pad
}

// Stride 2 without padding: floor in the formula, and the input row and
// column the windows never reach.
func TestShapesPanelStride(t *testing.T) {
	s := fresh(t)
	s.Step(SetStride, +1)
	s.Step(SetPadding, -1)
	s.Step(SetPadding, -1)
	s.Recompute()
	sh := s.Export.Shapes()
	if want := "⌊(28 − 5 + 2·0)/2⌋ + 1 = 12"; sh.FormulaH != want || sh.FormulaW != want {
		t.Errorf("formula %q / %q, want %q", sh.FormulaH, sh.FormulaW, want)
	}
	if !slices.Equal(sh.UnreachedRows, []int{27}) || !slices.Equal(sh.UnreachedCols, []int{27}) {
		t.Errorf("never read: rows %v cols %v, want [27] and [27]", sh.UnreachedRows, sh.UnreachedCols)
	}
}

func TestLoadFilters(t *testing.T) {
	s := fresh(t)
	w, b := conv.Zeros(20, 1, 5, 5), conv.Zeros(20)
	for i := range w.Data {
		w.Data[i] = float32(i)
	}
	if err := s.Bank.LoadFilters(preset.Learned, w, b); err != nil {
		t.Fatal(err)
	}
	if s.OutChannels != 20 || s.Filters[19].W[24] != float32(len(w.Data)-1) || s.Filters[3].Preset != preset.Learned {
		t.Error("learned bank not loaded")
	}
	if err := s.Bank.LoadFilters(preset.Learned, conv.Zeros(30, 1, 5, 5), conv.Zeros(30)); err == nil {
		t.Error("30 filters accepted")
	}
	if err := s.Bank.LoadFilters(preset.Learned, w, conv.Zeros(3)); err == nil {
		t.Error("mismatched bias accepted")
	}
}

func TestPadded(t *testing.T) {
	s := fresh(t)
	s.Canvas[0*Size+1] = 0.5 // (y=0, x=1)
	s.Canvas[0*Size+27] = 0.25
	for _, c := range []struct {
		mode    int // steps of SetMode from zeros
		y, x    int
		v       float32
		pad, ok bool
	}{
		{0, 0, 1, 0.5, false, true},
		{0, -1, 1, 0, true, true},
		{0, -3, 1, 0, false, false},
		{1, 0, -1, 0.5, true, true},  // reflect: x=-1 reads x=1
		{2, -2, 1, 0.5, true, true},  // replicate: y=-2 reads y=0
		{3, 0, -1, 0.25, true, true}, // circular: x=-1 reads x=27
	} {
		s := fresh(t)
		s.Canvas[0*Size+1], s.Canvas[0*Size+27] = 0.5, 0.25
		for i := 0; i < c.mode; i++ {
			s.Step(SetMode, +1)
		}
		s.Recompute()
		v, pad, ok := s.Teach.Padded(0, c.y, c.x)
		if v != c.v || pad != c.pad || ok != c.ok {
			t.Errorf("mode %s (%d,%d): %v %v %v, want %v %v %v", s.PaddingMode, c.y, c.x, v, pad, ok, c.v, c.pad, c.ok)
		}
	}
}

// The hand-made sum Σ w·x + b behind a cell is what the conv core computed,
// for every padding mode, stride and dilation, on the drawing and the photo.
func TestExplainMatchesOutput(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	checked, modes := 0, map[string]bool{}
	for trial := 0; trial < 80; trial++ {
		s := fresh(t)
		s.Input.PickDigit(trial)
		if trial%4 == 3 {
			s.Input.SetPhoto(true)
		}
		for _, st := range []Setting{SetStride, SetDilation, SetMode, SetKernel, SetPadding} {
			for i := r.IntN(3); i > 0; i-- {
				s.Step(st, []int{-1, 1}[r.IntN(2)])
			}
		}
		s.Recompute()
		if s.Err != nil {
			continue
		}
		checked++
		modes[s.PaddingMode] = true
		oh, ow := s.Out.Shape[2], s.Out.Shape[3]
		for i := 0; i < 20; i++ {
			ch, oy, ox := r.IntN(s.OutChannels), r.IntN(oh), r.IntN(ow)
			sum, b, ok := explainSum(s, ch, oy, ox)
			want, _ := s.Teach.OutValue(ch, oy, ox)
			if !ok || math.Abs(float64(sum+b-want)) > 1e-4*(1+math.Abs(float64(want))) {
				t.Fatalf("%s: cell (%d,%d,%d): Σw·x + b = %v + %v, output %v", s.Export.Code(), ch, oy, ox, sum, b, want)
			}
		}
	}
	if checked < 30 || len(modes) < 4 {
		t.Errorf("only %d valid settings, modes %v", checked, modes)
	}
}

// hookView is what the hook (package wasm/hook) reports of the layer,
// the guess and the overflow.
type hookView struct {
	Input, Weight, Bias, Output []int
	Error                       string
	ModelError                  string
	Stale                       bool
	Label, Prediction           int
	Min, Max                    float32
	NonFinite                   int
}

func hookOf(t *testing.T, s *State) hookView {
	t.Helper()
	h := hookView{Input: s.InputShape(), Weight: s.Bank.WeightShape(), Bias: []int{s.OutChannels}, Output: []int{},
		ModelError: s.Model.Unavailable(), Stale: s.Stale(), Label: -1, Prediction: s.Model.Guess,
		Min: s.Min, Max: s.Max, NonFinite: s.NonFiniteTotal()}
	if s.Out != nil {
		h.Output = slices.Clone(s.Out.Shape)
	}
	if s.Err != nil {
		h.Error = s.Err.Error()
	}
	if s.Digit >= 0 {
		h.Label = s.Digits[s.Digit].Label
	}
	return h
}
