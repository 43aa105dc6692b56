//go:build !goexperiment.simd || !(wasm || amd64)

package conv

// vectorsBuilt: this build has no vector kernels.
const vectorsBuilt, vectorLanes = false, 0

// vectorWeights: the weight gradient is scalar.
func vectorWeights(*BackwardPlan) bool { return false }
