package conv

import (
	"math/rand"
	"testing"
)

// lenetLayers are the default LeNet's convolutions at training's batch of 50.
var lenetLayers = []struct {
	name string
	c    Conv2d
	in   []int
}{
	{"conv1_50x1x28x28_k5p2_to20", New(1, 20, 5, 1, 2), []int{50, 1, 28, 28}},
	{"conv2_50x20x14x14_k5_to32", New(20, 32, 5, 1, 0), []int{50, 20, 14, 14}},
}

// BenchmarkLeNetConv reports GFLOP/s (2 × multiply-adds) of a training
// step's three passes over each of the LeNet's convolutions, on one
// goroutine: the forward pass, the weight gradient (with the bias
// gradient; path=vector under GOEXPERIMENT=simd with vectors, path=scalar
// the fallback) and the input gradient, each the same count of
// multiply-adds. Training's GFLOP/s is 3 passes over the sum of their times.
func BenchmarkLeNetConv(b *testing.B) {
	for _, l := range lenetLayers {
		rng := rand.New(rand.NewSource(1))
		fp, err := NewPlan(l.c, l.in)
		if err != nil {
			b.Fatal(err)
		}
		bp, err := NewBackwardPlan(l.c, l.in)
		if err != nil {
			b.Fatal(err)
		}
		fp.Workers, bp.Workers = 1, 1
		g := fp.Geom
		x, w, bias, gy := randTensor(rng, g.Input), randTensor(rng, g.Weight), randTensor(rng, g.Bias), randTensor(rng, g.Output)
		out, gx, gw, gb := Zeros(g.Output...), Zeros(g.Input...), Zeros(g.Weight...), Zeros(g.Bias...)
		b.Run(l.name+"/forward", func(b *testing.B) {
			benchRun(b, g.MACs, true, func() error { return fp.Forward(out, x, w, bias) })
		})
		for _, vec := range []*gradVectors{bp.vec, nil} {
			name := "vector"
			if vec == nil {
				name = "scalar"
			}
			b.Run(l.name+"/weight/path="+name, func(b *testing.B) {
				bp.vec = vec
				benchRun(b, g.MACs, true, func() error { return bp.Backward(nil, gw, gb, x, w, gy) })
			})
			if bp.vec == nil {
				break // no vectors
			}
		}
		b.Run(l.name+"/input", func(b *testing.B) {
			benchRun(b, g.MACs, true, func() error { return bp.Backward(gx, nil, nil, x, w, gy) })
		})
	}
}
