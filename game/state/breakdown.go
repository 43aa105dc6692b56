package state

import (
	"fmt"
	"math"
	"slices"

	"convplayground/conv"
	"convplayground/i18n"
)

// BreakdownTol is the check's tolerance: |Σ parts + bias − y| ≤
// BreakdownTol·max(1, |y|) at every output cell.
const BreakdownTol = 1e-5

// Breakdown is one filter's output map taken apart by input channel, for
// the shown sample of the batch: Parts[i] is x_c ⋆ w[o, i] for input
// channel c = Inputs[i] (the conv core run on that channel alone, with the
// layer's stride, padding, dilation and padding mode, no bias); Σ Parts +
// Bias is Sum, which is checked against Out, the layer's own map o.
type Breakdown struct {
	Filter int
	Inputs []int       // the input channel of each part
	Parts  [][]float32 // H×W maps, row-major
	H, W   int         // the output map's size
	Bias   float32
	Sum    []float32 // Σ Parts + Bias
	Out    []float32 // the layer's own map o (Recompute's, as the view shows it)
	MaxErr float64   // max over cells of |Sum − Out| / max(1, |Out|)
	OK     bool      // MaxErr ≤ BreakdownTol
}

// breakdownMemo is the last Breakdown, valid while Version stays.
type breakdownMemo struct {
	version uint64
	filter  int
	bd      Breakdown
	err     error
}

// Breakdown is filter o's channel breakdown (read-only: it is kept until
// the next change, so asking every frame costs nothing). A rejected layer
// returns PyTorch's message.
func (te *Teach) Breakdown(o int) (Breakdown, error) {
	s := te.s
	if m := s.Teach.breakdown; m != nil && m.version == s.Version && m.filter == o {
		return m.bd, m.err
	}
	bd, err := s.Teach.computeBreakdown(o)
	s.Teach.breakdown = &breakdownMemo{s.Version, o, bd, err}
	return bd, err
}

// computeBreakdown runs the per-channel convolutions and checks their sum
// against the layer's map as Recompute made it (no second run of the layer).
func (te *Teach) computeBreakdown(o int) (Breakdown, error) {
	s := te.s
	if o < 0 || o >= s.OutChannels {
		return Breakdown{}, fmt.Errorf("no filter %d (out_channels %d)", o, s.OutChannels)
	}
	if s.Recompute(); s.Err != nil { // the layer's own maps, computed once for the view
		return Breakdown{}, s.Err
	}
	if !s.Layers.convShown() {
		return Breakdown{}, i18n.Errorf(i18n.BreakdownTransposed)
	}
	layer := s.Conv2d()
	n := s.C() * s.H() * s.W()
	x := s.x.Data[s.Input.shown()*n:][:n] // the shown sample as the layer saw it
	bd := Breakdown{Filter: o, H: s.Out.Shape[2], W: s.Out.Shape[3], Bias: s.Bank.Filters[o].B, Out: slices.Clone(s.Input.MapPlane(o))}
	one := layer
	one.InChannels, one.OutChannels, one.Groups, one.Bias = 1, 1, 1, false
	k := s.Kernel
	bd.Sum = make([]float32, len(bd.Out))
	for i := range bd.Sum {
		bd.Sum[i] = bd.Bias
	}
	for c := 0; c < s.Bank.cpg(); c++ {
		ic := s.Bank.InputChannel(o, c)
		xc := conv.FromData(x[ic*s.H()*s.W():(ic+1)*s.H()*s.W()], 1, 1, s.H(), s.W())
		wc := conv.FromData(s.Bank.Filters[o].W[c*k*k:(c+1)*k*k], 1, 1, k, k)
		part, err := conv.Forward(one, xc, wc, nil)
		if err != nil {
			return Breakdown{}, err
		}
		bd.Inputs, bd.Parts = append(bd.Inputs, ic), append(bd.Parts, part.Data)
		for i, v := range part.Data {
			bd.Sum[i] += v
		}
	}
	for i, v := range bd.Out {
		e := math.Abs(float64(bd.Sum[i]-v)) / max(1, math.Abs(float64(v)))
		bd.MaxErr = max(bd.MaxErr, e)
	}
	bd.OK = bd.MaxErr <= BreakdownTol
	return bd, nil
}
