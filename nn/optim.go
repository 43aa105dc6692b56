package nn

import (
	"fmt"
	"math"
)

// Optimizer updates a network's parameters from their gradients.
type Optimizer interface {
	Step()
}

// SGD is torch.optim.SGD(params, lr, momentum) with dampening 0, no
// Nesterov and no weight decay: with momentum the buffer starts as the
// first gradient, then buf = momentum·buf + grad; p −= lr·buf.
type SGD struct {
	LR, Momentum float64
	params       []Named
	bufs         [][]float32 // nil until the first step
}

// NewSGD is SGD over the network's parameters.
func NewSGD(s *Sequential, lr, momentum float64) (*SGD, error) {
	if lr < 0 {
		return nil, fmt.Errorf("Invalid learning rate: %s", pyFloat(lr))
	}
	if momentum < 0 {
		return nil, fmt.Errorf("Invalid momentum value: %s", pyFloat(momentum))
	}
	return &SGD{LR: lr, Momentum: momentum, params: s.Params()}, nil
}

func (o *SGD) Step() {
	first := o.bufs == nil
	if first && o.Momentum != 0 {
		o.bufs = make([][]float32, len(o.params))
	}
	lr, mom := float32(o.LR), float32(o.Momentum)
	for i, p := range o.params {
		g, w := p.Grad.Data, p.Value.Data
		if o.Momentum == 0 {
			for k, gk := range g {
				w[k] += -lr * gk
			}
			continue
		}
		if first {
			o.bufs[i] = append([]float32(nil), g...)
		} else {
			b := o.bufs[i]
			for k, gk := range g {
				b[k] = b[k]*mom + gk
			}
		}
		for k, bk := range o.bufs[i] {
			w[k] += -lr * bk
		}
	}
}

// Adam is torch.optim.Adam(params, lr) with its defaults, betas (0.9,
// 0.999), eps 1e-8, no weight decay, not amsgrad, in torch 1.13's order
// (_single_tensor_adam): m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
// p −= lr/(1−β1^t) · m / (√v/√(1−β2^t) + eps).
type Adam struct {
	LR, Beta1, Beta2, Eps float64
	params                []Named
	m, v                  [][]float32
	t                     int
}

// NewAdam is Adam over the network's parameters.
func NewAdam(s *Sequential, lr float64) (*Adam, error) {
	if lr < 0 {
		return nil, fmt.Errorf("Invalid learning rate: %s", pyFloat(lr))
	}
	a := &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, params: s.Params()}
	for _, p := range a.params {
		a.m = append(a.m, make([]float32, p.Value.Len()))
		a.v = append(a.v, make([]float32, p.Value.Len()))
	}
	return a, nil
}

func (a *Adam) Step() {
	a.t++
	stepSize := float32(a.LR / (1 - math.Pow(a.Beta1, float64(a.t))))
	c2 := float32(math.Sqrt(1 - math.Pow(a.Beta2, float64(a.t))))
	b1, b2, eps := float32(a.Beta1), float32(a.Beta2), float32(a.Eps)
	for i, p := range a.params {
		m, v, w, g := a.m[i], a.v[i], p.Value.Data, p.Grad.Data
		for k := adamVector(w, m, v, g, adamConsts{b1, b2, stepSize, c2, eps}); k < len(g); k++ {
			m[k] = m[k]*b1 + (1-b1)*g[k]
			v[k] = v[k]*b2 + (1-b2)*g[k]*g[k]
			denom := float32(math.Sqrt(float64(v[k])))/c2 + eps
			w[k] += -stepSize * (m[k] / denom)
		}
	}
}

// adamConsts are one Adam step's float32 constants: the betas, the step
// size (lr over the first moment's bias correction), the square root of
// the second moment's correction, eps.
type adamConsts struct{ b1, b2, step, c2, eps float32 }
