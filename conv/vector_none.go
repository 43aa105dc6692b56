//go:build !goexperiment.simd || !(wasm || amd64)

package conv

// Without GOEXPERIMENT=simd (or on a GOARCH without vector kernels) every
// plan takes a scalar path.
func (p *Plan) useVector() bool { return false }
