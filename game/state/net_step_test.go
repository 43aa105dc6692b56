package state

import (
	"math"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/game/teach"
	"convplayground/nn/arch"
)

// deepNet is a network whose layer 2 is a Conv2d with stride 2, padding 2
// and dilation 2 on layer 1's four 28x28 maps: 14x14 outputs.
const deepNet = "nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 3, 3, stride=2, padding=2, dilation=2))"

// deepSession is deepNet on MNIST digit 0, layer 2 selected.
func deepSession(t *testing.T) *State {
	t.Helper()
	s := New()
	s.Input.PickDigit(0)
	if err := s.Layers.ApplyNet(deepNet); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	if !s.Layers.SelectLayer(2) {
		t.Fatal(s.Notice)
	}
	s.Recompute()
	return s
}

// cellByHand is output (o, oy, ox) of a Conv2d (stride 2, padding 2,
// dilation 2, zeros) on x [1,C,H,W], summed in float64 straight from the
// definition: the reference the deeper views are checked against.
func cellByHand(x, w, b *conv.Tensor, o, oy, ox int) float64 {
	sum := float64(b.Data[o])
	for c := range w.Shape[1] {
		for ky := range w.Shape[2] {
			for kx := range w.Shape[3] {
				y, xx := oy*2-2+ky*2, ox*2-2+kx*2
				if y >= 0 && xx >= 0 && y < x.Shape[2] && xx < x.Shape[3] {
					sum += float64(x.At(0, c, y, xx)) * float64(w.Data[((o*w.Shape[1]+c)*w.Shape[2]+ky)*w.Shape[3]+kx])
				}
			}
		}
	}
	return sum
}

// Stepping layer 2 moves its window over layer 1's maps: the cell, its
// taps (at 2·o − 2 + 2·k), the 14x14 count, and the explained value are
// the definition's; the explanation's value is the layer's output cell.
func TestDeepStepThrough(t *testing.T) {
	s := deepSession(t)
	if !s.SelectFilter(2) || s.SelectFilter(3) {
		t.Fatalf("layer 2 has 3 filters: select 2 %d, 3 refused", s.Filter)
	}
	s.Player.SetPlayMap(2)
	for range 20 {
		if !s.Player.StepBy(1) {
			t.Fatal("cannot step layer 2")
		}
	}
	var f StepFrame
	s.Player.StepFrame(&f)
	if want := (teach.Cell{Map: 2, OY: 1, OX: 5}); f.Cell != want || f.Index != 19 || f.Total != 196 || f.H != 28 || f.W != 28 {
		t.Fatalf("frame: cell %v index %d of %d on %dx%d, want %v 19 of 196 on 28x28", f.Cell, f.Index, f.Total, f.H, f.W, want)
	}
	if len(f.Taps) != 9 {
		t.Fatalf("%d taps", len(f.Taps))
	}
	for i, tp := range f.Taps {
		ky, kx := i/3, i%3
		if tp.Y != 1*2-2+2*ky || tp.X != 5*2-2+2*kx {
			t.Errorf("tap %d at (%d, %d), want (%d, %d)", i, tp.Y, tp.X, 2*ky, 8+2*kx)
		}
	}
	c, ok := s.Player.ExplainedCell()
	var e teach.Explanation
	if !ok || s.Teach.ExplainCell(&e, c) != nil {
		t.Fatal("the stepped cell of layer 2 is not explained")
	}
	sh, _ := s.Teach.Shown()
	want := cellByHand(s.Layers.LayerOutput(1), sh.W, sh.B, 2, 1, 5)
	if len(e.Channels) != 4 || math.Abs(e.Sum-want) > 1e-5*max(1, math.Abs(want)) || e.Value != s.Layers.LayerOutput(2).At(0, 2, 1, 5) ||
		math.Abs(float64(e.Value)-want) > 1e-5*max(1, math.Abs(want)) {
		t.Errorf("explained: %d channels, Σ %v, value %v; by hand %v", len(e.Channels), e.Sum, e.Value, want)
	}
	var never []int // rows no o·2 − 2 + 2·k reaches: the odd ones
	for y := range 28 {
		read := false
		for o := range 14 {
			for k := range 3 {
				read = read || o*2-2+2*k == y
			}
		}
		if !read {
			never = append(never, y)
		}
	}
	if rows, cols := s.Teach.NeverRead(); !slices.Equal(rows, never) || !slices.Equal(cols, never) {
		t.Errorf("never read: rows %v cols %v, want %v", rows, cols, never)
	}
	if sh := s.Export.Shapes(); len(sh.UnreachedRows)+len(sh.UnreachedCols) != 0 { // the shapes panel's are layer 0's: 3x3, padding 1
		t.Errorf("the shapes panel says layer 0 never reads rows %v, cols %v", sh.UnreachedRows, sh.UnreachedCols)
	}
}

// Weight sharing on layer 2: weight (c, ky, kx) of a map multiplies the
// pixels 2·o − 2 + 2·k of layer 1's maps that are inside, counted here
// over every output cell.
func TestDeepWeightReach(t *testing.T) {
	s := deepSession(t)
	var r teach.WeightReach
	for _, k := range [][3]int{{0, 0, 0}, {3, 1, 2}, {1, 2, 1}} {
		if err := s.Teach.WeightReach(&r, 1, k[0], k[1], k[2]); err != nil {
			t.Fatal(err)
		}
		axis := func(kk int) (n int) {
			for o := range 14 {
				if p := o*2 - 2 + 2*kk; p >= 0 && p < 28 {
					n++
				}
			}
			return n
		}
		if want := axis(k[1]) * axis(k[2]); r.Count != want || r.Outputs != 196 || r.InChannel != k[0] || r.H != 28 {
			t.Errorf("weight %v: %d pixels of channel %d, %d outputs; want %d of channel %d, 196", k, r.Count, r.InChannel, r.Outputs, want, k[0])
		}
	}
	var pr teach.PixelReach
	if err := s.Teach.PixelReach(&pr, 0, 0, 0); err != nil || pr.Count == 0 {
		t.Errorf("pixel (0, 0) of layer 1's map 0: %v, %d cells", err, pr.Count)
	}
}

// A deeper weight edited by a drag: the layer's output follows (the
// definition on the new weight), the drag is one undo step, and undo
// gives back the outputs bit for bit.
func TestDeepWeightEdit(t *testing.T) {
	s := deepSession(t)
	before := slices.Clone(s.Layers.LayerOutput(2).Data)
	sh, _ := s.Teach.Shown()
	bias := sh.B.Data[1]
	undo, _ := s.History.Steps()
	s.History.Gesture(true)
	for _, v := range []float64{0.5, 0.75, 1.25} {
		if !s.Layers.SetLayerWeight(2, 1, 3, 0, 2, v) {
			t.Fatal(s.Notice)
		}
	}
	if !s.Layers.SetLayerBias(2, 1, -0.5) {
		t.Fatal(s.Notice)
	}
	s.History.Gesture(false)
	s.Recompute()
	sh, _ = s.Teach.Shown()
	if w := sh.W.Data[((1*4+3)*3+0)*3+2]; w != 1.25 || sh.B.Data[1] != -0.5 {
		t.Fatalf("weight %v bias %v", w, sh.B.Data[1])
	}
	for _, c := range [][2]int{{0, 0}, {3, 7}, {13, 13}} {
		want := cellByHand(s.Layers.LayerOutput(1), sh.W, sh.B, 1, c[0], c[1])
		if got := s.Layers.LayerOutput(2).At(0, 1, c[0], c[1]); math.Abs(float64(got)-want) > 1e-5*max(1, math.Abs(want)) {
			t.Errorf("cell %v after the edit: %v, by hand %v", c, got, want)
		}
	}
	if n, _ := s.History.Steps(); n != undo+2 {
		t.Errorf("%d undo steps for a drag and a bias, want 2", n-undo)
	}
	if l := s.History.UndoLabel(); l != "Undo: layer 2 b[1] -0.5 → "+formatValue(bias) {
		t.Errorf("undo label %q", l)
	}
	s.History.Undo()
	s.History.Undo()
	s.Recompute()
	if !sameBits(s.Layers.LayerOutput(2).Data, before) {
		t.Error("undo did not give back layer 2's outputs")
	}
	if s.Layers.SetLayerWeight(1, 0, 0, 0, 0, 1) || s.Layers.SetLayerWeight(2, 3, 0, 0, 0, 1) || s.Layers.SetLayerWeight(2, 0, 0, 0, 0, math.NaN()) {
		t.Error("a weight of a ReLU, of filter 3 of 3, or NaN was set")
	}
}

// A link opens the network's layers with the weights they had: drawn from
// the seeds it carries, the same bits as the sender's (TinyVGG and a layer
// added after its second Conv2d), at every opening, whatever the session
// did before; without the seeds (an older link) they are drawn from the
// link's seed, again the same at every opening. A damaged seed list is
// refused with nothing changed.
func TestNetLinkSeeds(t *testing.T) {
	s := New()
	s.Layers.LoadNetPreset(2)
	s.Recompute()
	s.Layers.SelectLayer(3)
	s.Layers.AddLayer(arch.Conv2d)
	s.Recompute()
	code := s.Share.Encode()
	last := s.Layers.NumLayers() - 1
	want := slices.Clone(s.Layers.LayerOutput(last).Data)
	opened := func(code string, before func(r *State)) []float32 {
		r := New()
		before(r)
		if err := r.Share.Decode(code); err != nil {
			t.Fatal(err)
		}
		r.Recompute()
		return slices.Clone(r.Layers.LayerOutput(last).Data)
	}
	if got := opened(code, func(*State) {}); !sameBits(got, want) {
		t.Error("the link's network computes other values than the sender's")
	}
	if got := opened(code, func(r *State) { r.Layers.LoadNetPreset(2); r.Bank.ResetBank() }); !sameBits(got, want) {
		t.Error("after other actions the link's network computes other values")
	}
	i := strings.LastIndex(code, netSep)
	old := code[:i]
	a, b := opened(old, func(*State) {}), opened(old, func(r *State) { r.Layers.LoadNetPreset(2) })
	if !sameBits(a, b) {
		t.Error("a link without seeds opens on other weights each time")
	}
	typed := New() // the LeNet's text typed: its layers drawn, not the committed ones
	if err := typed.Layers.ApplyNet(arch.LeNet); err != nil {
		t.Fatal(err)
	}
	typed.Recompute()
	r := New()
	if err := r.Share.Decode(typed.Share.Encode()); err != nil {
		t.Fatal(err)
	}
	r.Recompute()
	if r.Net.Trained || !sameBits(r.Layers.LayerOutput(9).Data, typed.Layers.LayerOutput(9).Data) {
		t.Error("the typed LeNet's link opens on other weights")
	}
	before := r.Share.Encode()
	for _, bad := range []string{old + "~1.2", old + "~" + strings.Repeat("1.", 11) + "x", old + "~"} {
		if err := r.Share.Decode(bad); err == nil || r.Share.Encode() != before {
			t.Errorf("%q...: %v", bad[len(old):], err)
		}
	}
}

// A deeper ConvTranspose2d (stride 2, padding 1, kernel 3, on layer 1's
// four 28x28 maps: 55x55) is stepped as a Conv2d is, its map filling in
// without a window, and the stepped cell is explained by its paints: their
// sum with the bias is the definition's, y[o, oy, ox] = b[o] + Σ x[c, iy,
// ix]·w[c, o, ky, kx] over iy·2 − 1 + ky = oy, ix·2 − 1 + kx = ox, and the
// layer's value.
func TestDeepTransposed(t *testing.T) {
	s := New()
	s.Input.PickDigit(0)
	if err := s.Layers.ApplyNet("nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1))"); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	s.Layers.SelectLayer(2)
	s.Recompute()
	if !s.SelectFilter(1) {
		t.Fatal("no filter 1 of layer 2's 2")
	}
	s.Player.SetPlayMap(1)
	for range 60 { // row 1, column 4
		s.Player.StepBy(1)
	}
	var f StepFrame
	s.Player.StepFrame(&f)
	if f.Cell != (teach.Cell{Map: 1, OY: 1, OX: 4}) || f.Total != 55*55 || len(f.Taps) != 0 || f.H != 28 {
		t.Fatalf("frame: cell %v of %d, %d taps, input %dx%d", f.Cell, f.Total, len(f.Taps), f.H, f.W)
	}
	c, ok := s.Player.ExplainedCell()
	var e teach.TransposeCell
	if !ok || s.Teach.ExplainTransposed(&e, c) != nil {
		t.Fatal("the stepped cell is not explained")
	}
	x := s.Layers.LayerOutput(1)
	l := s.Layers.TailLayer(2).State()
	w, b := l[0].Value, l[1].Value
	want := float64(b.Data[1])
	for ci := range 4 {
		for iy := range 28 {
			for ix := range 28 {
				for ky := range 3 {
					for kx := range 3 {
						if iy*2-1+ky == 1 && ix*2-1+kx == 4 {
							want += float64(x.At(0, ci, iy, ix)) * float64(w.Data[((ci*2+1)*3+ky)*3+kx])
						}
					}
				}
			}
		}
	}
	if math.Abs(e.Sum-want) > 1e-5 || math.Abs(float64(e.Value)-want) > 1e-5 || e.Value != s.Layers.LayerOutput(2).At(0, 1, 1, 4) {
		t.Errorf("Σ paints %v, value %v; by hand %v", e.Sum, e.Value, want)
	}
}
