package conv

import (
	"fmt"
	"math/rand"
	"testing"
)

// transposeWorkloads are upsampling layers: the network issue's decoder
// step ([1,8,14,14] back to [1,1,28,28]) and a DCGAN-sized one.
var transposeWorkloads = []struct {
	name  string
	c     ConvTranspose2d
	input []int
}{
	{"up_1x8x14x14_to_1x1x28x28_k4s2p1", NewTranspose(8, 1, 4, 2, 1), []int{1, 8, 14, 14}},
	{"up_1x64x32x32_to_1x32x64x64_k4s2p1", NewTranspose(64, 32, 4, 2, 1), []int{1, 64, 32, 32}},
	{"up_1x16x32x32_to_1x16x64x64_k5s2p2op1", ConvTranspose2d{InChannels: 16, OutChannels: 16, Kernel: [2]int{5, 5},
		Stride: [2]int{2, 2}, Padding: [2]int{2, 2}, OutputPadding: [2]int{1, 1}, Dilation: [2]int{1, 1}, Groups: 1, Bias: true}, []int{1, 16, 32, 32}},
}

// usePath puts every phase of p on path k where it covers the phase, on
// the general loop elsewhere, and reports whether k covered them all.
func (p *TransposePlan) usePath(k path) bool {
	all := true
	for _, ph := range p.phases {
		if !ph.plan.use(k) {
			ph.plan.use(generalPath)
			all = false
		}
	}
	return all
}

// BenchmarkTransposeForward reports GFLOP/s (2 × Geom.MACs) of
// ConvTranspose2d's forward pass on one goroutine, on the paths NewPlan
// picks for its phases (path=default: the vectors where they cover a phase)
// and on the scalar kernels (path=scalar).
func BenchmarkTransposeForward(b *testing.B) {
	for _, wl := range transposeWorkloads {
		for _, k := range []path{vectorPath, preferred()[2]} {
			p, err := NewTransposePlan(wl.c, wl.input)
			if err != nil {
				b.Fatal(err)
			}
			name := "default"
			if k != vectorPath {
				name = "scalar"
				p.usePath(k)
			}
			p.Workers = 1
			b.Run(fmt.Sprintf("%s/path=%s", wl.name, name), func(b *testing.B) {
				rng := rand.New(rand.NewSource(1))
				g := p.Geom
				x, w, bias, out := randTensor(rng, g.Input), randTensor(rng, g.Weight), randTensor(rng, g.Bias), Zeros(g.Output...)
				benchRun(b, g.MACs, true, func() error { return p.Forward(out, x, w, bias) })
			})
		}
	}
}
