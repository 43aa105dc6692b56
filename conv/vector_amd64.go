//go:build goexperiment.simd

package conv

import "simd/archsimd"

// haveVectors: the vector kernels use AVX2; older CPUs take the scalar path.
var haveVectors = archsimd.X86.AVX2()
