package conv

// The backward pass of ConvTranspose2d, given gy = ∂L/∂output. A transposed
// convolution is the input gradient of the Conv2d with its settings (in and
// out channels swapped; its weight [Cin, Cout/groups, kh, kw] is that
// Conv2d's weight as it is), so its gradients are that Conv2d's other
// passes, run on the plans of Conv2d:
//
//   - ∂L/∂x is the Conv2d's forward pass over gy (its output cropped to the
//     input's size: rows that output_padding added reach no input pixel);
//   - ∂L/∂w is the Conv2d's weight gradient with the roles of its input
//     and output taken by gy and x;
//   - ∂L/∂b sums gy over the batch and the pixels, as for Conv2d.

// TransposeBackwardPlan holds the geometry and workspace for repeated
// backward passes of one ConvTranspose2d setting on one input shape. It is
// not safe for concurrent use.
type TransposeBackwardPlan struct {
	Conv ConvTranspose2d
	Geom TransposeGeometry
	// Workers caps the goroutines of the input gradient's convolution, as
	// Plan.Workers does.
	Workers int

	adj *Plan         // the Conv2d over gy: the input gradient
	wg  *BackwardPlan // its weight and bias gradients
}

// NewTransposeBackwardPlan validates the settings for an input shape and
// allocates the workspace.
func NewTransposeBackwardPlan(c ConvTranspose2d, input []int) (*TransposeBackwardPlan, error) {
	g, err := c.Geometry(input)
	if err != nil {
		return nil, err
	}
	p := &TransposeBackwardPlan{Conv: c, Geom: g}
	if Numel(g.Output) == 0 {
		return p, nil // an empty batch: every gradient is zero
	}
	adj := c.Inverse()
	adj.Bias = false
	ag, err := adj.Geometry(g.Output)
	if err != nil {
		// Only our own limit: gy padded by the padding is beyond
		// MaxElements (a padding far larger than the input).
		return nil, err
	}
	// The Conv2d's output is the input's size, plus ⌊output_padding/stride⌋
	// rows and columns when output_padding ≥ stride: those are cropped.
	ag.Output = append([]int(nil), g.Input...)
	ag.MACs = int64(Numel(ag.Output)) * int64(Numel(ag.Weight[1:]))
	p.adj = newPlan(ag)
	ph, pw := ag.Input[2]+ag.Pad[0]+ag.Pad[1], ag.Input[3]+ag.Pad[2]+ag.Pad[3]
	p.wg = &BackwardPlan{Conv: adj, Geom: ag, xpad: make([]float32, ag.Input[1]*ph*pw), vec: newGradVectors(adj, ag)}
	return p, nil
}

// TransposeBackward computes into new tensors the gradients with respect to
// x, w and b (gb is nil when the layer has no bias) of a loss whose
// gradient with respect to the transposed convolution's output is gy.
func TransposeBackward(c ConvTranspose2d, x, w, gy *Tensor) (gx, gw, gb *Tensor, err error) {
	p, err := NewTransposeBackwardPlan(c, x.Shape)
	if err != nil {
		return nil, nil, nil, err
	}
	gx, gw, gb = newGrads(p.Geom.Input, p.Geom.Weight, p.Geom.Bias)
	return gx, gw, gb, p.Backward(gx, gw, gb, x, w, gy)
}

// Backward writes the gradients with respect to the input (gx), the weight
// (gw) and the bias (gb) given x, w and gy = ∂L/∂output, overwriting them;
// the weight and bias gradients are summed over the batch. Pass nil for a
// gradient that is not needed.
func (p *TransposeBackwardPlan) Backward(gx, gw, gb, x, w, gy *Tensor) error {
	g := p.Geom
	if err := checkGrads(g.Input, g.Weight, g.Output, g.Bias, gx, gw, gb, x, w, gy); err != nil {
		return err
	}
	if p.adj == nil { // an empty batch
		for _, t := range []*Tensor{gw, gb} {
			if t != nil {
				clear(t.Data)
			}
		}
		return nil
	}
	if gb != nil {
		p.wg.biasGrad(gb, gy)
	}
	if gw != nil {
		p.wg.grads(gw, nil, gy, x) // on vectors where the Conv2d's are
	}
	if gx != nil {
		p.adj.Workers = p.Workers
		return p.adj.Forward(gx, gy, w, nil)
	}
	return nil
}
