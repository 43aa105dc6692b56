package state

import (
	"errors"
	"fmt"
	"slices"

	"convplayground/conv"
	"convplayground/game/network"
	"convplayground/game/teach"
)

// The layer on screen as nn.ConvTranspose2d (Settings.Transposed): the
// same kernel_size, stride, padding, dilation, groups and padding_mode,
// plus output_padding. The filter bank keeps one filter per output
// channel: filter o's kernel for input channel c of its group is the
// transposed weight's w[c, o mod (Cout/groups)], so the editor edits the
// transposed weight and switching back and forth loses nothing.

// transposeState is the transposed layer and the geometry of the maps it
// made (kept in State).
type transposeState struct {
	layer *network.ConvTranspose2d
	geom  conv.TransposeGeometry
	shown bool // Out is the transposed layer's output
	zeros bool // seen as zero insertion (else scatter)
}

// LayerKind is the layer's class: "Conv2d" or "ConvTranspose2d".
func (t Settings) LayerKind() string {
	if t.Transposed {
		return "ConvTranspose2d"
	}
	return "Conv2d"
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ConvTranspose2d is the transposed layer the settings describe.
func (ly *Layers) ConvTranspose2d() conv.ConvTranspose2d {
	s := ly.s
	c := conv.NewTranspose(s.cin(), s.OutChannels, s.Kernel, s.Stride, s.Padding)
	c.OutputPadding = [2]int{s.OutputPadding, s.OutputPadding}
	c.Dilation = [2]int{s.Dilation, s.Dilation}
	c.PaddingMode = s.PaddingMode
	c.Groups = s.Groups
	return c
}

// errStringPadding is what PyTorch 1.13 raises in forward for padding='same'
// or 'valid' (ConvTranspose2d's constructor turns the string into a tuple
// of its letters, which conv_transpose2d refuses).
var errStringPadding = errors.New("conv_transpose2d(): argument 'padding' (position 5) must be tuple of ints, not tuple")

// installLayer makes the network's layer 0 the one the settings describe,
// filled with its settings, weight and bias, and reports whether its kind
// changed (every sample is then computed again).
func (ly *Layers) installLayer() (switched bool) {
	s := ly.s
	var l network.Layer = s.conv1
	if s.Transposed {
		if s.Layers.tr.layer == nil {
			s.Layers.tr.layer = &network.ConvTranspose2d{}
		}
		s.Layers.tr.layer.Conv, s.Layers.tr.layer.W, s.Layers.tr.layer.B = s.Layers.ConvTranspose2d(), s.w, s.b
		l = s.Layers.tr.layer
	} else {
		s.conv1.Conv, s.conv1.W, s.conv1.B = s.Conv2d(), s.w, s.b
	}
	switched = s.net.Layers[0] != l
	s.net.Layers[0] = l
	return switched
}

// layerError is a refusal the network cannot see: a string padding of the
// transposed layer, after the constructor's own checks (as in PyTorch).
func (ly *Layers) layerError() error {
	s := ly.s
	if !s.Transposed || s.PadString == "" {
		return nil
	}
	if err := s.Layers.ConvTranspose2d().Validate(); err != nil {
		return err
	}
	return errStringPadding
}

// keepGeometry records the geometry of the maps just computed.
func (ly *Layers) keepGeometry() {
	s := ly.s
	s.Layers.tr.shown = s.Transposed
	if s.Transposed {
		s.Layers.tr.geom = s.Layers.tr.layer.Geometry()
		return
	}
	s.OutConv, s.Geom = s.conv1.Conv, s.conv1.Geometry()
}

// TransposeGeom is the geometry of the shown maps when a ConvTranspose2d
// made them (ok false otherwise: the Conv2d views apply).
func (ly *Layers) TransposeGeom() (g conv.TransposeGeometry, ok bool) {
	s := ly.s
	return s.Layers.tr.geom, s.Out != nil && s.Layers.tr.shown
}

// convShown reports whether the shown maps are a Conv2d's (its windows,
// padding and reach apply).
func (ly *Layers) convShown() bool {
	s := ly.s
	return s.Out != nil && !s.Layers.tr.shown
}

// fillTransposed writes the filters into the transposed weight: filter o's
// kernel of channel c goes to w[g·Cin/groups + c, o mod (Cout/groups)].
func (ly *Layers) fillTransposed() (changed bool) {
	s := ly.s
	if d := s.Bank.weightDims(); s.w == nil || !slices.Equal(s.w.Shape, d[:]) {
		s.w, s.b, changed = conv.Zeros(s.Bank.WeightShape()...), conv.Zeros(s.OutChannels), true
	}
	kk, cpg, opg := s.Kernel*s.Kernel, s.Bank.cpg(), s.OutChannels/s.Bank.groupsUsed()
	for o := 0; o < s.OutChannels; o++ {
		f := &s.Bank.Filters[o]
		for c := 0; c < cpg; c++ {
			ci := o/opg*cpg + c
			at := (ci*opg + o%opg) * kk
			changed = copyChanged(s.w.Data[at:at+kk], f.W[min(len(f.W), c*kk):min(len(f.W), (c+1)*kk)]) || changed
		}
		changed = copyChanged(s.b.Data[o:o+1], []float32{f.B}) || changed
	}
	return changed
}

// transposeCode is the layer as PyTorch code: nn.ConvTranspose2d(1, 8,
// kernel_size=5, stride=2, padding=2, output_padding=1).
func (ex *Export) transposeCode() string {
	s := ex.s
	b := fmt.Sprintf("nn.ConvTranspose2d(%d, %d, kernel_size=%d, stride=%d, padding=%s",
		s.cin(), s.OutChannels, s.Kernel, s.Stride, s.PaddingText())
	if s.OutputPadding != 0 {
		b += fmt.Sprintf(", output_padding=%d", s.OutputPadding)
	}
	if s.Groups != 1 {
		b += fmt.Sprintf(", groups=%d", s.Groups)
	}
	if s.Dilation != 1 {
		b += fmt.Sprintf(", dilation=%d", s.Dilation)
	}
	if s.PaddingMode != conv.ZerosMode {
		b += fmt.Sprintf(", padding_mode='%s'", s.PaddingMode)
	}
	return b + ")"
}

// transposeRule is PyTorch's output-size rule of ConvTranspose2d per axis,
// in the order TransposeGeometry.Formula puts the numbers in.
const transposeRule = "out = (in−1)·stride − 2·padding + dilation·(k−1) + output_padding + 1"

// transposeShapes fills the shapes panel's values for the transposed
// layer's maps, of geometry g.
func (ex *Export) transposeShapes(sh *Shapes, g conv.TransposeGeometry) {
	s := ex.s
	sh.Output, sh.Transposed, sh.Rule = g.Output, true, transposeRule
	sh.FormulaH, sh.FormulaW = g.Formula(0), g.Formula(1)
	sh.Counts = Counts{N: g.Output[0], Out: s.OutChannels, In: g.Weight[1], K: s.Kernel, OH: g.Output[2], OW: g.Output[3], Params: g.Params, MACs: g.MACs}
	sh.Inverse = teach.InverseOf(g)
}

// TransposedSlot is where channel c of filter o lies in the transposed
// weight: w[in, out] (the editor's heading names it).
func (ly *Layers) TransposedSlot(o, c int) (in, out int) {
	s := ly.s
	return s.Bank.InputChannel(o, c), o % max(1, s.OutChannels/s.Bank.groupsUsed())
}

// ExplainTransposed fills e with the arithmetic of cell of the shown
// ConvTranspose2d maps (the selected sample), both views of it; with a
// deeper layer selected, of that layer's cell (ExplainLayerTransposed).
func (te *Teach) ExplainTransposed(e *teach.TransposeCell, cell teach.Cell) error {
	s := te.s
	if s.Layer > 0 {
		return te.ExplainLayerTransposed(e, s.Layer, cell)
	}
	g, ok := s.Layers.TransposeGeom()
	switch {
	case !ok:
		return errors.New("the maps shown are not a ConvTranspose2d's")
	case s.Err != nil:
		return fmt.Errorf("the maps shown are from earlier settings: %v", s.Err)
	}
	var b *conv.Tensor
	if g.Bias != nil {
		b = s.b
	}
	return e.Compute(g, s.x, s.w, b, s.Out, cell, s.Input.shown())
}

// ZeroInsertion reports whether the transposed layer is seen as a
// convolution over the zero-stuffed input (else as overlapping paints);
// SetZeroInsertion chooses (a view: not undone, and playback goes on).
func (te *Teach) ZeroInsertion() bool {
	s := te.s
	return s.Layers.tr.zeros
}

func (te *Teach) SetZeroInsertion(on bool) {
	s := te.s
	s.Layers.tr.zeros = on
}
