//go:build goexperiment.simd && (wasm || amd64)

package conv

// vectorsBuilt: this build has vector kernels, and the CPU runs them, on
// rows of vectorLanes pixels or more.
var vectorsBuilt, vectorLanes = haveVectors, lanes

// vectorWeights reports whether p computes the weight gradient on vectors.
func vectorWeights(p *BackwardPlan) bool { return p.vec != nil && p.vec.dw != nil }
