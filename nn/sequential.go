package nn

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"convplayground/conv"
)

// Sequential is nn.Sequential: layers run in order, each on the one
// before's output. Forward keeps every layer's output (the playground
// shows them) and Backward walks them back. Not safe for concurrent use.
type Sequential struct {
	Layers []Layer
	Train  bool // training mode (module.train()); eval when false

	in      []int          // the input shape the buffers are for
	outs    []*conv.Tensor // each layer's output
	grads   []*conv.Tensor // the gradient of each layer's input (grads[0] is the network input's), made by Backward
	x       *conv.Tensor   // the last input
	forward bool           // a Forward has run since the buffers were made
}

// LayerError is the layer that refuses its input and PyTorch's message.
type LayerError struct {
	Index int
	Layer string // the layer as PyTorch prints it
	Err   error
}

func (e *LayerError) Error() string { return e.Err.Error() }
func (e *LayerError) Unwrap() error { return e.Err }

// Shapes follows an input shape through the layers: every layer's output
// shape, or those up to the layer that refuses, with its message.
func (s *Sequential) Shapes(in []int) ([][]int, error) {
	shapes := make([][]int, 0, len(s.Layers))
	for i, l := range s.Layers {
		out, err := l.OutShape(in)
		if err != nil {
			return shapes, &LayerError{i, l.String(), err}
		}
		shapes = append(shapes, out)
		in = out
	}
	return shapes, nil
}

// buffers makes the outputs for an input shape, once per shape (the
// gradients as Backward needs them). The outputs together may hold at most
// conv.MaxElements values: a larger run is refused before allocating.
func (s *Sequential) buffers(in []int) error {
	if s.outs != nil && slices.Equal(s.in, in) {
		return nil
	}
	shapes, err := s.Shapes(in)
	if err != nil {
		return err
	}
	total := 0
	for i, sh := range shapes {
		n := conv.Numel(sh) // −1 beyond MaxElements
		if total += n; n < 0 || total > conv.MaxElements {
			return &LayerError{i, s.Layers[i].String(), fmt.Errorf("the layers' outputs pass %d values at layer %d (%s)", conv.MaxElements, i, conv.FormatShape(sh))}
		}
	}
	outs, grads := make([]*conv.Tensor, len(shapes)), make([]*conv.Tensor, len(shapes))
	for i, sh := range shapes {
		outs[i] = conv.Zeros(sh...)
	}
	s.in, s.outs, s.grads = slices.Clone(in), outs, grads
	return nil
}

// Forward runs the network on x (training mode when s.Train) and returns
// the last layer's output; Outputs has every layer's. The tensors are the
// network's own, overwritten by the next Forward.
func (s *Sequential) Forward(x *conv.Tensor) (*conv.Tensor, error) {
	s.forward = false
	if err := s.buffers(x.Shape); err != nil {
		return nil, err
	}
	s.x = x
	in := x
	for i, l := range s.Layers {
		if err := l.Forward(s.outs[i], in, s.Train); err != nil {
			return nil, &LayerError{i, l.String(), err}
		}
		in = s.outs[i]
	}
	s.forward = true
	return in, nil
}

// Outputs are every layer's outputs from the last Forward.
func (s *Sequential) Outputs() []*conv.Tensor { return s.outs }

// Backward propagates gy, the gradient of the last Forward's output,
// through every layer, adding into the parameters' gradients; it returns
// the gradient of the input.
func (s *Sequential) Backward(gy *conv.Tensor) (*conv.Tensor, error) {
	return s.backward(gy, true)
}

// backward is Backward, without the input's gradient unless input (training
// needs only the parameters').
func (s *Sequential) backward(gy *conv.Tensor, input bool) (*conv.Tensor, error) {
	if !s.forward {
		return nil, fmt.Errorf("nn: Backward without a Forward")
	}
	last := len(s.Layers) - 1
	if last < 0 {
		return gy, nil
	}
	if !slices.Equal(gy.Shape, s.outs[last].Shape) {
		return nil, fmt.Errorf("nn: output gradient %s for an output %s", conv.FormatShape(gy.Shape), conv.FormatShape(s.outs[last].Shape))
	}
	for i := last; i >= 0; i-- {
		in := s.x
		if i > 0 {
			in = s.outs[i-1]
		}
		if s.grads[i] == nil && (i > 0 || input) {
			s.grads[i] = conv.Zeros(in.Shape...)
		}
		gx := s.grads[i]
		if i == 0 && !input {
			gx = nil
		}
		if s.reluPool(i, gy, input) {
			gy = s.grads[i-1]
			i-- // the ReLU's backward is done
			continue
		}
		if err := s.Layers[i].Backward(gx, gy, in, s.outs[i]); err != nil {
			return nil, &LayerError{i, s.Layers[i].String(), err}
		}
		gy = gx
	}
	return gy, nil
}

// reluPool takes the backward passes of layer i, a MaxPool2d(2) whose
// windows tile its input, and of layer i−1, the ReLU before it, in one
// pass (see MaxPool2d.backwardTiled), writing the ReLU's input gradient;
// it reports false (doing nothing) for other layers, and where that
// gradient is not wanted.
func (s *Sequential) reluPool(i int, gy *conv.Tensor, input bool) bool {
	m, ok := s.Layers[i].(*MaxPool2d)
	if !ok || i == 0 || i == 1 && !input {
		return false
	}
	if _, ok := s.Layers[i-1].(*ReLU); !ok {
		return false
	}
	in := s.x
	if i > 1 {
		in = s.outs[i-2]
	}
	if s.grads[i-1] == nil {
		s.grads[i-1] = conv.Zeros(in.Shape...)
	}
	return m.backwardTiled(s.grads[i-1], gy, s.outs[i-1])
}

// Named is a state_dict entry under its full key, e.g. "3.running_mean".
type Named struct {
	Key string
	Entry
}

// StateDict lists every parameter and buffer in state_dict order.
func (s *Sequential) StateDict() []Named {
	var sd []Named
	for i, l := range s.Layers {
		for _, e := range l.State() {
			sd = append(sd, Named{fmt.Sprintf("%d.%s", i, e.Name), e})
		}
	}
	return sd
}

// Params are the parameters (the entries with a gradient), in state_dict order.
func (s *Sequential) Params() []Named {
	var ps []Named
	for _, e := range s.StateDict() {
		if e.Grad != nil {
			ps = append(ps, e)
		}
	}
	return ps
}

// ZeroGrad sets every parameter's gradient to zero.
func (s *Sequential) ZeroGrad() {
	for _, p := range s.Params() {
		clear(p.Grad.Data)
	}
}

// LoadStateDict copies the entries of sd (in the file's order) into the
// network by key, as load_state_dict(strict=True) does: a key missing or
// unexpected, or a shape that differs, is refused with its message before
// anything changes. num_batches_tracked may come as a Count or as a
// one-value tensor; when missing it is 0, as BatchNorm's loading fills it
// in for a state_dict without version metadata (an .npz).
func (s *Sequential) LoadStateDict(sd []Named) error {
	given := map[string]Named{}
	for _, e := range sd {
		given[e.Key] = e
	}
	own := s.StateDict()
	var missing, mismatch []string
	for _, e := range own {
		g, ok := given[e.Key]
		switch {
		case !ok && e.Count != nil:
		case !ok:
			missing = append(missing, fmt.Sprintf("%q", e.Key))
		default:
			if have, want := g.shape(), e.shape(); !slices.Equal(have, want) && !(len(want) == 0 && slices.Equal(have, []int{1})) {
				mismatch = append(mismatch, fmt.Sprintf("size mismatch for %s: copying a param with shape %s from checkpoint, the shape in current model is %s.", e.Key, sizeString(have), sizeString(want)))
			}
		}
	}
	var msgs []string
	if len(missing) > 0 {
		msgs = append(msgs, "Missing key(s) in state_dict: "+strings.Join(missing, ", ")+". ")
	}
	if u := s.unexpected(sd); len(u) > 0 {
		msgs = append(msgs, "Unexpected key(s) in state_dict: "+strings.Join(u, ", ")+". ")
	}
	if msgs = append(msgs, mismatch...); len(msgs) > 0 {
		return fmt.Errorf("Error(s) in loading state_dict for Sequential:\n\t%s", strings.Join(msgs, "\n\t"))
	}
	for _, e := range own {
		g, ok := given[e.Key]
		switch {
		case e.Count != nil && !ok:
			*e.Count = 0
		case e.Count != nil && g.Count != nil:
			*e.Count = *g.Count
		case e.Count != nil:
			*e.Count = int64(g.Value.Data[0])
		default:
			copy(e.Value.Data, g.Value.Data)
		}
	}
	return nil
}

// unexpected lists the keys of sd that name nothing in the network, in
// load_state_dict's order: those whose first part is no layer's index,
// then layer by layer those whose next part is none of its entries.
func (s *Sequential) unexpected(sd []Named) []string {
	var root []string
	per := make([][]string, len(s.Layers))
	for _, e := range sd {
		idx, rest, _ := strings.Cut(e.Key, ".")
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= len(s.Layers) || strconv.Itoa(i) != idx { // "00" is no module's name
			root = append(root, fmt.Sprintf("%q", e.Key))
			continue
		}
		name, _, _ := strings.Cut(rest, ".")
		if !slices.ContainsFunc(s.Layers[i].State(), func(o Entry) bool { return o.Name == name }) {
			per[i] = append(per[i], fmt.Sprintf("%q", e.Key))
		}
	}
	for _, u := range per {
		root = append(root, u...)
	}
	return root
}

// shape is the entry's shape in PyTorch: [] for num_batches_tracked.
func (e Entry) shape() []int {
	if e.Value == nil {
		return []int{}
	}
	return e.Value.Shape
}

// Reset initialises every layer as PyTorch's constructors do
// (reset_parameters), drawing from a generator seeded with seed in place of
// torch's: Conv2d and Linear kaiming_uniform(a=√5) weights and biases
// uniform in ±1/√fan_in, BatchNorm weight 1, bias 0, running statistics 0
// and 1; Dropout's masks are seeded from it too.
func (s *Sequential) Reset(seed uint64) {
	r := rand.New(rand.NewPCG(seed, 0x5e9))
	for _, l := range s.Layers {
		if l, ok := l.(resetter); ok {
			l.reset(r)
		}
	}
}

// MACs is the multiply-adds of each layer on an input shape (those of
// Conv2d's and Linear's products; 0 for the other layers), for a network
// that accepts the input.
func (s *Sequential) MACs(in []int) ([]int64, error) {
	shapes, err := s.Shapes(in)
	if err != nil {
		return nil, err
	}
	macs := make([]int64, len(shapes))
	for i, l := range s.Layers {
		if m, ok := l.(macser); ok {
			macs[i] = m.macs(in)
		}
		in = shapes[i]
	}
	return macs, nil
}
