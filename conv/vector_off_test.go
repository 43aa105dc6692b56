//go:build !goexperiment.simd || !(wasm || amd64)

package conv

// vectorsBuilt: this build has no vector kernels.
const vectorsBuilt, vectorLanes = false, 0
