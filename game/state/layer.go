package state

// Layer is the layer's tensors for the current settings, input and batch
// N, as nn.Conv2d(...)(x) would make them in PyTorch (the conv core's
// Geometry): for the shapes panel and the examples' check.
type Layer struct {
	Input, Weight, Bias []int
	Output              []int     // nil while PyTorch rejects the layer
	Formula             [2]string // H_out and W_out with the numbers in (conv.Geometry.Formula)
	Err                 error     // PyTorch's message for a rejected layer
}

// Layer computes the layer's shapes (no convolution).
func (s *State) Layer() Layer {
	l := Layer{Input: []int{max(1, s.Batch), s.C(), s.H(), s.W()}, Weight: s.WeightShape(), Bias: []int{s.OutChannels}}
	g, err := s.Conv2d().Geometry(l.Input)
	if err != nil {
		l.Err = err
		return l
	}
	l.Output = g.Output
	l.Formula = [2]string{g.Formula(0), g.Formula(1)}
	return l
}
