//go:build !goexperiment.simd || !(amd64 || wasm)

package nn

// axpyVector: without GOEXPERIMENT=simd axpy takes every element one by one.
func axpyVector(y, x []float32, a float32) int { return 0 }
