//go:build !goexperiment.simd || !amd64

package conv

// The paths that only amd64's vectors take: without GOEXPERIMENT=simd on
// amd64 (wasm too: it has no shuffles, and its binaries' size is
// budgeted), the forward pass takes no lane path, the input gradient is
// the transposed convolution, and the weight and bias gradients come from
// the co-lane vector kernels or the scalar loops.

func (p *Plan) useLanes() bool { return false }

type inputVectors struct{}

func newInputVectors(Conv2d, Geometry) *inputVectors { return nil }

func (p *BackwardPlan) vectorInputGrad(gx, w, gy *Tensor) {}

type listWeights struct{}

func newListWeights(Conv2d, Geometry) *listWeights { return nil }

func (p *BackwardPlan) lists(*Tensor) bool { return false }

func (p *BackwardPlan) listGrads(gw, gb, x, gy *Tensor) {}
