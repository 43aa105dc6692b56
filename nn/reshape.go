package nn

import (
	"fmt"
	"math/rand/v2"

	"convplayground/conv"
)

// Flatten is nn.Flatten(start_dim, end_dim): the dimensions from start to
// end (negative: from the end) become one.
type Flatten struct{ Start, End int }

// NewFlatten is nn.Flatten() with its defaults, start_dim=1, end_dim=-1.
func NewFlatten() *Flatten { return &Flatten{Start: 1, End: -1} }

func (f *Flatten) String() string {
	return fmt.Sprintf("Flatten(start_dim=%d, end_dim=%d)", f.Start, f.End)
}
func (*Flatten) State() []Entry { return nil }

// OutShape: torch.flatten's wrapping of the dimensions, with its messages.
func (f *Flatten) OutShape(in []int) ([]int, error) {
	rank := max(len(in), 1) // a 0-d tensor's dimensions wrap as a 1-d one's
	s, err := wrapDim(f.Start, rank)
	if err != nil {
		return nil, err
	}
	e, err := wrapDim(f.End, rank)
	if err != nil {
		return nil, err
	}
	if len(in) == 0 {
		return []int{1}, nil
	}
	if s > e {
		return nil, fmt.Errorf("flatten() has invalid args: start_dim cannot come after end_dim")
	}
	out := append([]int(nil), in[:s]...)
	n := 1
	for _, d := range in[s : e+1] {
		n *= d
	}
	return append(append(out, n), in[e+1:]...), nil
}

// wrapDim is ATen's maybe_wrap_dim.
func wrapDim(d, rank int) (int, error) {
	if d < -rank || d >= rank {
		return 0, fmt.Errorf("Dimension out of range (expected to be in range of [%d, %d], but got %d)", -rank, rank-1, d)
	}
	if d < 0 {
		d += rank
	}
	return d, nil
}

func (*Flatten) Forward(y, x *conv.Tensor, _ bool) error {
	copy(y.Data, x.Data)
	return nil
}

func (*Flatten) Backward(gx, gy, _, _ *conv.Tensor) error {
	if gx != nil {
		copy(gx.Data, gy.Data)
	}
	return nil
}

// Dropout is nn.Dropout(p): the identity in eval; in training each value is
// zeroed with probability p and the others scaled by 1/(1−p). The mask
// comes from the layer's own seeded generator (not torch's: runs of this
// package repeat, but do not drop what torch would).
type Dropout struct {
	P       float64
	Inplace bool
	rng     *rand.Rand
	scale   []float32 // this step's mask times 1/(1−p), for Backward
}

// NewDropout is nn.Dropout(p), refusing p outside [0, 1] as PyTorch does.
func NewDropout(p float64, inplace bool) (*Dropout, error) {
	if p < 0 || p > 1 {
		return nil, fmt.Errorf("dropout probability has to be between 0 and 1, but got %s", pyFloat(p))
	}
	return &Dropout{P: p, Inplace: inplace, rng: rand.New(rand.NewPCG(0, 0))}, nil
}

func (d *Dropout) String() string {
	return fmt.Sprintf("Dropout(p=%s, inplace=%s)", pyFloat(d.P), pyBool(d.Inplace))
}
func (*Dropout) State() []Entry                   { return nil }
func (*Dropout) OutShape(in []int) ([]int, error) { return in, nil }

// reset reseeds the mask's generator from the network's.
func (d *Dropout) reset(r *rand.Rand) { d.rng = rand.New(rand.NewPCG(r.Uint64(), r.Uint64())) }

func (d *Dropout) Forward(y, x *conv.Tensor, train bool) error {
	if !train {
		copy(y.Data, x.Data)
		d.scale = d.scale[:0]
		return nil
	}
	if cap(d.scale) < len(x.Data) {
		d.scale = make([]float32, len(x.Data))
	}
	d.scale = d.scale[:len(x.Data)]
	keep := float32(0)
	if d.P < 1 {
		keep = float32(1 / (1 - d.P))
	}
	for i, v := range x.Data {
		s := float32(0)
		if d.rng.Float64() >= d.P {
			s = keep
		}
		d.scale[i], y.Data[i] = s, v*s
	}
	return nil
}

func (d *Dropout) Backward(gx, gy, _, _ *conv.Tensor) error {
	if gx == nil {
		return nil
	}
	if len(d.scale) == 0 { // eval: the identity
		copy(gx.Data, gy.Data)
		return nil
	}
	for i, g := range gy.Data {
		gx.Data[i] = g * d.scale[i]
	}
	return nil
}
