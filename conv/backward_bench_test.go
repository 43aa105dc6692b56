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
// gradient; path=lists from gy's non-zero values and path=vector across
// output channels under GOEXPERIMENT=simd with vectors, path=scalar the
// fallback) and the input gradient, each the same count of multiply-adds.
// gy=dense is random; gy=pooled has three values in four zero, as
// MaxPool2d's backward leaves it (where the lists skip the zeros, GFLOP/s
// still counts every multiply-add of the dense pass). Training's GFLOP/s
// is 3 passes over the sum of their times.
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
		pooled := Zeros(g.Output...)
		for i := range pooled.Data {
			if rng.Intn(4) == 0 {
				pooled.Data[i] = gy.Data[i]
			}
		}
		out, gx, gw, gb := Zeros(g.Output...), Zeros(g.Input...), Zeros(g.Weight...), Zeros(g.Bias...)
		b.Run(l.name+"/forward", func(b *testing.B) {
			benchRun(b, g.MACs, true, func() error { return fp.Forward(out, x, w, bias) })
		})
		wl, vec := bp.wl, bp.vec
		for _, path := range []struct {
			name string
			wl   *listWeights
			vec  *gradVectors
		}{{"lists", wl, vec}, {"vector", nil, vec}, {"scalar", nil, nil}} {
			if path.name != "scalar" && (path.vec == nil || path.name == "lists" && path.wl == nil) {
				continue // not in this build, or not for this layer
			}
			for _, d := range []struct {
				name string
				gy   *Tensor
			}{{"dense", gy}, {"pooled", pooled}} {
				b.Run(l.name+"/weight/path="+path.name+"/gy="+d.name, func(b *testing.B) {
					bp.wl, bp.vec = path.wl, path.vec
					benchRun(b, g.MACs, true, func() error { return bp.Backward(nil, gw, gb, x, w, d.gy) })
				})
			}
		}
		bp.wl, bp.vec = wl, vec
		for _, d := range []struct {
			name string
			gy   *Tensor
		}{{"dense", gy}, {"pooled", pooled}} {
			b.Run(l.name+"/input/gy="+d.name, func(b *testing.B) {
				benchRun(b, g.MACs, true, func() error { return bp.Backward(gx, nil, nil, x, w, d.gy) })
			})
		}
	}
}
