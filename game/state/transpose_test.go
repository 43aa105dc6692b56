package state

import (
	"math"
	"slices"
	"testing"

	"convplayground/conv"
)

// transposeWeight builds the transposed weight [Cin, Cout/groups, k, k]
// from the filter bank by its definition, index by index.
func transposeWeight(s *State) *conv.Tensor {
	cin, cout, g, k := s.C(), s.OutChannels, s.Groups, s.Kernel
	cpg, opg := cin/g, cout/g
	w := conv.Zeros(cin, opg, k, k)
	for ci := 0; ci < cin; ci++ {
		for oc := 0; oc < opg; oc++ {
			o := ci/cpg*opg + oc
			for i := 0; i < k*k; i++ {
				w.Data[(ci*opg+oc)*k*k+i] = s.Filters[o].W[(ci%cpg)*k*k+i]
			}
		}
	}
	return w
}

// checkTransposed compares the maps with conv.TransposeForward of the
// input, the weight as defined and the biases, bit for bit.
func checkTransposed(t *testing.T, s *State, shape []int) {
	t.Helper()
	s.Recompute()
	if s.Err != nil {
		t.Fatalf("%s: %v", s.Export.Code(), s.Err)
	}
	b := conv.Zeros(s.OutChannels)
	for o := range b.Data {
		b.Data[o] = s.Filters[o].B
	}
	want, err := conv.TransposeForward(s.Layers.ConvTranspose2d(), s.x, transposeWeight(s), b)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Out.Shape, shape) || !slices.Equal(s.Bank.WeightShape(), transposeWeight(s).Shape) {
		t.Fatalf("%s: output %v weight %v, want %v and %v", s.Export.Code(), s.Out.Shape, s.Bank.WeightShape(), shape, transposeWeight(s).Shape)
	}
	for i, v := range want.Data {
		if math.Float32bits(v) != math.Float32bits(s.Out.Data[i]) {
			t.Fatalf("%s: output %d is %v, want %v", s.Export.Code(), i, s.Out.Data[i], v)
		}
	}
}

// The switch makes the layer nn.ConvTranspose2d on the drawing and on the
// RGB input (with groups), output_padding steps, both undo, and switching
// back gives Conv2d's maps again.
func TestTransposeSwitch(t *testing.T) {
	s := fresh(t)
	s.Input.PickDigit(0)
	s.History.ForgetUndo()
	s.Recompute()
	conv2d := slices.Clone(s.Out.Data)
	if !s.Step(SetTransposed, +1) || !s.Transposed {
		t.Fatal("the switch did not make the layer transposed")
	}
	if got := s.History.UndoLabel(); got != "Undo: layer ConvTranspose2d → Conv2d" {
		t.Errorf("undo label %q", got)
	}
	if got := s.Export.Code(); got != "nn.ConvTranspose2d(1, 8, kernel_size=5, stride=1, padding=2)" {
		t.Errorf("code %q", got)
	}
	checkTransposed(t, s, []int{1, 8, 28, 28})
	s.Step(SetStride, +1)
	checkTransposed(t, s, []int{1, 8, 55, 55})
	s.Step(SetOutputPadding, +1)
	if got := s.Export.Code(); got != "nn.ConvTranspose2d(1, 8, kernel_size=5, stride=2, padding=2, output_padding=1)" {
		t.Errorf("code %q", got)
	}
	checkTransposed(t, s, []int{1, 8, 56, 56})
	s.Bank.SetWeight(3, 0, 1, 2, 0.75) // the editor edits w[0, 3, 1, 2]
	checkTransposed(t, s, []int{1, 8, 56, 56})
	if s.w.At(0, 3, 1, 2) != 0.75 {
		t.Errorf("the edited weight is w[0, 3, 1, 2] = %v", s.w.At(0, 3, 1, 2))
	}

	s.Input.SetPhoto(true) // 3 channels, 6 filters in 3 groups: weight [3, 2, 5, 5]
	for s.OutChannels > 6 {
		s.Step(SetOut, -1)
	}
	for s.Groups < 3 {
		s.Step(SetGroups, +1)
	}
	checkTransposed(t, s, []int{1, 6, 128, 128})
	if in, out := s.Layers.TransposedSlot(5, 0); in != 2 || out != 1 {
		t.Errorf("filter 5's channel is w[%d, %d], want w[2, 1]", in, out)
	}

	for s.History.Undo() {
	}
	s.Recompute()
	if s.Transposed || s.OutputPadding != 0 || s.Err != nil || !slices.Equal(s.Out.Data, conv2d) {
		t.Errorf("undone: transposed %v, output_padding %d, error %v, the Conv2d maps back: %v",
			s.Transposed, s.OutputPadding, s.Err, slices.Equal(s.Out.Data, conv2d))
	}
}

// Settings PyTorch refuses for ConvTranspose2d show its messages.
func TestTransposeRefused(t *testing.T) {
	s := fresh(t)
	s.Step(SetTransposed, +1)
	s.Step(SetOutputPadding, +1) // 1 ≥ stride 1 and dilation 1
	s.Recompute()
	want := "output padding must be smaller than either stride or dilation, but got output_padding_height: 1 output_padding_width: 1 stride_height: 1 stride_width: 1 dilation_height: 1 dilation_width: 1"
	if s.Err == nil || s.Err.Error() != want {
		t.Errorf("output_padding 1, stride 1: %v", s.Err)
	}
	if !s.Stale() || s.Out.Shape[2] != 28 {
		t.Error("the last valid maps are not kept")
	}
	s.Step(SetOutputPadding, -1)
	s.Step(SetMode, +1)
	s.Recompute()
	if s.Err == nil || s.Err.Error() != `Only "zeros" padding mode is supported for ConvTranspose2d` {
		t.Errorf("reflect: %v", s.Err)
	}
	s.Step(SetMode, -1)
	for s.PadString != "same" {
		s.Step(SetPadding, +1)
	}
	s.Recompute()
	if s.Err != errStringPadding {
		t.Errorf("padding 'same': %v", s.Err)
	}
}

// A link carries the layer's kind and output_padding; a link without them
// (every older one) opens as a Conv2d.
func TestTransposeLink(t *testing.T) {
	s := fresh(t)
	old := s.Share.Encode()
	s.Step(SetTransposed, +1)
	s.Step(SetStride, +1)
	s.Step(SetOutputPadding, +1)
	u := fresh(t)
	if err := u.Share.Decode(s.Share.Encode()); err != nil {
		t.Fatal(err)
	}
	if !u.Transposed || u.OutputPadding != 1 || u.Stride != 2 {
		t.Errorf("decoded: transposed %v, output_padding %d, stride %d", u.Transposed, u.OutputPadding, u.Stride)
	}
	if err := u.Share.Decode(old); err != nil || u.Transposed || u.OutputPadding != 0 {
		t.Errorf("an old link: %v, transposed %v, output_padding %d", err, u.Transposed, u.OutputPadding)
	}
	raw := record(t, s)
	if raw[len(raw)-4] != tagLayer || raw[len(raw)-2] != 1 {
		t.Fatalf("the record does not end with the layer part: % x", raw[len(raw)-4:])
	}
	raw[len(raw)-1] = MaxOutPad + 1
	if err := u.Share.Decode(pack(raw)); err == nil || err.Error() != "cannot load the shared state: the layer part: output_padding 4 is outside 0..3" {
		t.Errorf("output_padding 4: %v", err)
	}
}
