//go:build !goexperiment.simd || !amd64

package conv

// inputVectors: without GOEXPERIMENT=simd on amd64, the input gradient is
// the transposed convolution.
type inputVectors struct{}

func newInputVectors(Conv2d, Geometry) *inputVectors { return nil }

func (p *BackwardPlan) vectorInputGrad(gx, w, gy *Tensor) {}
