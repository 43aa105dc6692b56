package state

import (
	"fmt"

	"convplayground/game/teach"

	"convplayground/conv"
)

// Code is the layer as PyTorch code, e.g. nn.Conv2d(1, 8, kernel_size=5,
// stride=1, padding=2); with a batch (N > 1) it says what goes in and out:
// "  # [16, 1, 28, 28] → [16, 20, 28, 28]".
func (ex *Export) Code() string {
	s := ex.s
	c := s.Export.layerCode()
	if s.Input.N() == 1 {
		return c
	}
	c += "  # " + conv.FormatShape(s.InputShape()) + " → "
	if s.Err != nil || s.Out == nil {
		return c + "rejected"
	}
	return c + conv.FormatShape(s.Out.Shape)
}

// layerCode is the nn.Conv2d(...) of Code.
func (ex *Export) layerCode() string {
	s := ex.s
	if s.Transposed {
		return s.Export.transposeCode()
	}
	b := fmt.Sprintf("nn.Conv2d(%d, %d, kernel_size=%d, stride=%d, padding=%s",
		s.cin(), s.OutChannels, s.Kernel, s.Stride, s.PaddingText())
	if s.Dilation != 1 {
		b += fmt.Sprintf(", dilation=%d", s.Dilation)
	}
	if s.Groups != 1 {
		b += fmt.Sprintf(", groups=%d", s.Groups)
	}
	if s.PaddingMode != conv.ZerosMode {
		b += fmt.Sprintf(", padding_mode='%s'", s.PaddingMode)
	}
	return b + ")"
}

// Shapes is what the shapes panel shows, as values: the view words and
// styles them.
type Shapes struct {
	Input   []int
	Scaling string // the input's value range, e.g. "ToTensor: [0, 1]"
	Weight  []int
	Bias    []int
	// Output is the shape the settings make; with Err it is the shape of
	// the last valid maps, still shown (nil when there are none).
	Output []int
	Err    error // PyTorch's message for rejected settings
	// Rule is PyTorch's output-size rule per axis, and FormulaH/W the same
	// with the numbers in (conv.Geometry.Formula); ⌊⌋ stands for floor.
	Rule               string
	FormulaH, FormulaW string
	Counts             Counts
	// UnreachedRows/Cols are the input rows and columns no window reads
	// (conv.Geometry.Unreached), nil when every one is read.
	UnreachedRows, UnreachedCols []int
	// Transposed: the maps are a ConvTranspose2d's; Rule and the formulas
	// are its output size (conv.TransposeGeometry.Formula), Inverse its
	// shape inverse (transpose.go).
	Transposed bool
	Inverse    teach.ShapeInverse
}

// Counts are the layer's parameters and multiply-adds, with their factors:
// Params = Out·In·K·K + Out, MACs = N·Out·OH·OW · In·K·K, where In is the
// input channels of a group (Cin/groups).
type Counts struct {
	N, Out, In, K, OH, OW int
	Params, MACs          int64
}

// Shapes answers for the shapes panel. With rejected settings only the
// tensors, the error and the last valid output are set.
func (ex *Export) Shapes() Shapes {
	s := ex.s
	k, n, cin := s.Kernel, s.OutChannels, s.Bank.cpg()
	sh := Shapes{Input: s.InputShape(), Scaling: s.Export.scalingText(), Weight: s.Bank.WeightShape(), Bias: []int{n}, Err: s.Err, Transposed: s.Transposed}
	if s.Err != nil {
		if s.Out != nil {
			sh.Output = s.Out.Shape
		}
		return sh
	}
	if tg, ok := s.Layers.TransposeGeom(); ok {
		s.Export.transposeShapes(&sh, tg)
		return sh
	}
	g := s.Geom
	sh.Output = g.Output
	sh.Rule = ruleText(s.Dilation)
	sh.FormulaH, sh.FormulaW = g.Formula(0), g.Formula(1)
	sh.Counts = Counts{N: g.Output[0], Out: n, In: cin, K: k, OH: g.Output[2], OW: g.Output[3], Params: g.Params, MACs: g.MACs}
	if rows, cols := s.Teach.neverRead0(); len(rows)+len(cols) > 0 { // cached per output
		sh.UnreachedRows, sh.UnreachedCols = rows, cols
	}
	return sh
}

// ruleText is PyTorch's output-size rule per axis, in the same form as the
// numbers conv.Geometry.Formula puts into it.
func ruleText(dilation int) string {
	k := "k"
	if dilation != 1 {
		k = "(dilation·(k−1)+1)"
	}
	return "out = ⌊(in − " + k + " + 2·padding) / stride⌋ + 1"
}

func (ex *Export) scalingText() string {
	s := ex.s
	if s.Normalize {
		return "ToTensor + Normalize(0.5, 0.5): [-1, 1]"
	}
	return "ToTensor: [0, 1]"
}
