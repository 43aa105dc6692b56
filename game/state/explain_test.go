package state

import (
	"convplayground/game/teach"
	"reflect"
	"strings"
	"testing"

	"convplayground/conv"
)

// Bad cells and tensors that do not fit are refused, never indexed.
func TestExplainRefuses(t *testing.T) {
	c := conv.New(1, 2, 3, 1, 0)
	x, w, b := conv.Zeros(1, 1, 5, 5), conv.Zeros(2, 1, 3, 3), conv.Zeros(2)
	y, _ := conv.Forward(c, x, w, b)
	for _, cell := range []teach.Cell{{Map: 2}, {OY: 3}, {OX: -1}} {
		if _, err := teach.Explain(c, x, w, b, y, cell.Map, cell.OY, cell.OX); err == nil {
			t.Errorf("cell %v: no error", cell)
		}
	}
	if _, err := teach.Explain(c, x, conv.Zeros(2, 1, 2, 2), b, y, 0, 0, 0); err == nil {
		t.Error("a weight of the wrong size: no error")
	}
	if _, err := teach.Explain(c, x, w, nil, y, 0, 0, 0); err == nil {
		t.Error("no bias for a layer with bias: no error")
	}
	s := New()
	s.Recompute()
	s.Step(SetStride, -1) // stride 0: rejected
	s.Recompute()
	if err := s.Teach.ExplainCell(new(teach.Explanation), teach.Cell{}); err == nil || !strings.Contains(err.Error(), "non-positive stride") {
		t.Errorf("rejected settings: %v", err)
	}
}

// The State's explanation is of the shown maps: the drawing's own cells,
// also with a crop (padding −1, which the non-zero modes allow) and 'same'.
func TestExplainState(t *testing.T) {
	s := New()
	s.Input.PickDigit(0)
	var e teach.Explanation
	for _, set := range []Settings{
		{OutChannels: 4, Kernel: 5, Stride: 1, Padding: 2, Dilation: 1, PaddingMode: conv.ReflectMode},
		{OutChannels: 2, Kernel: 3, Stride: 2, Padding: -1, Dilation: 2, PaddingMode: conv.CircularMode},
		{OutChannels: 2, Kernel: 4, Stride: 1, PadString: "same", Dilation: 1, PaddingMode: conv.ReplicateMode},
	} {
		set.Groups, set.Batch = 1, 1
		s.apply(set)
		if s.Recompute(); s.Err != nil {
			t.Fatalf("%+v: %v", set, s.Err)
		}
		for ch := 0; ch < s.Out.Shape[1]; ch++ {
			for i := 0; i < s.Out.Shape[2]*s.Out.Shape[3]; i++ {
				cell := teach.Cell{Map: ch, OY: i / s.Out.Shape[3], OX: i % s.Out.Shape[3]}
				if err := s.Teach.ExplainCell(&e, cell); err != nil {
					t.Fatal(err)
				}
				if v, _ := s.Teach.OutValue(cell.Map, cell.OY, cell.OX); e.Value != v || !near(e.Sum, v) {
					t.Fatalf("%+v cell %v: sum %v value %v, map %v", set, cell, e.Sum, e.Value, v)
				}
				// The taps are teach's on the layer's own tensors (checked
				// against conv's windows in package teach).
				want, err := teach.Explain(s.OutConv, s.x, s.w, s.b, s.Out, cell.Map, cell.OY, cell.OX)
				if err != nil || !reflect.DeepEqual(want.Channels, e.Channels) {
					t.Fatalf("%+v cell %v: the explanation is not teach's on the layer's tensors (%v)", set, cell, err)
				}
			}
		}
	}
}

// In a batch the explanation is of the selected sample's cell: its inputs,
// and the value of its map.
func TestExplainSelectedSample(t *testing.T) {
	s := New()
	s.LoadExample(1) // MNIST batch [16,1,28,28]
	s.Recompute()
	var e teach.Explanation
	for _, n := range []int{0, 3, 15} {
		if !s.Input.SelectSample(n) {
			t.Fatalf("sample %d: %s", n, s.Notice)
		}
		cell := teach.Cell{Map: 2, OY: 14, OX: 9}
		if err := s.Teach.ExplainCell(&e, cell); err != nil {
			t.Fatal(err)
		}
		v, _ := s.Teach.OutValue(cell.Map, cell.OY, cell.OX)
		if e.Value != v || !near(e.Sum, v) {
			t.Errorf("sample %d: sum %v, value %v, the map shows %v", n, e.Sum, e.Value, v)
		}
		if tap := e.Channels[0].Taps[12]; tap.Input != s.Input.SampleValue(n, 0, tap.SrcY, tap.SrcX) {
			t.Errorf("sample %d: centre tap reads %v, sample's pixel is %v", n, tap.Input, s.Input.SampleValue(n, 0, tap.SrcY, tap.SrcX))
		}
	}
}
