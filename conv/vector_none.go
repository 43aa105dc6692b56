//go:build !goexperiment.simd || !(wasm || amd64)

package conv

// Without GOEXPERIMENT=simd (or on a GOARCH without vector kernels) every
// plan takes a scalar path.
func (p *Plan) useVector() bool { return false }

// rangeVectors: FiniteRange takes every value one by one.
func rangeVectors([]float32) (n int, lo, hi float32) { return 0, noRange[0], noRange[1] }

// gradVectors: the weight and bias gradients are scalar.
type gradVectors struct{}

func newGradVectors(Conv2d, Geometry) *gradVectors { return nil }

func (p *BackwardPlan) vectorGrads(gw, gb, x, gy *Tensor) {}
