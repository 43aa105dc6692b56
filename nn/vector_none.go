//go:build !goexperiment.simd || !(amd64 || wasm)

package nn

// Without GOEXPERIMENT=simd the element-wise kernels take every element
// one by one: their vector loops do none.

func reluVector(dst, x []float32) int            { return 0 }
func reluBackwardVector(gx, gy, y []float32) int { return 0 }

func sumsVector(dst, src []float32, at []int, g []float32, fresh bool) int { return 0 }

func pool2BackwardVector(r0, r1, g []float32, arg []int32, y0, y1 []float32, base, w int) int {
	return 0
}

func pool2Vector(out []float32, arg []int32, r0, r1 []float32, base, w int) int { return 0 }

func adamVector(w, m, v, g []float32, c adamConsts) int { return 0 }

// linearBlock 0: Linear's outputs all take the loop.
var linearBlock = 0

func linearVector(y, x, wt, bias []float32, n, in, out int) {}
