//go:build goexperiment.simd

package conv

import "simd/archsimd"

// haveVectors: the vector kernels use AVX2; older CPUs take the scalar path.
var haveVectors = archsimd.X86.AVX2()

// packBlock copies the gy of a block's n channels (src, npix values each)
// into blk, npix pixel rows of w lanes (see gradVectors.pack): in tiles of
// 8 pixels × 8 channels (transpose8), the pixels past the last whole tile
// one at a time.
func packBlock(blk []float32, w int, src []float32, n, npix int) {
	pix := 0
	for ; pix+8 <= npix; pix += 8 {
		for j := 0; j < n; j += 8 {
			transpose8(blk[pix*w+j:], w, src[j*npix+pix:], npix, min(8, n-j))
		}
	}
	for ; pix < npix; pix++ {
		for j := range n {
			blk[pix*w+j] = src[j*npix+pix]
		}
	}
}

// transpose8 moves a tile of 8 pixels × 8 channels of gy into the weight
// gradient's packed layout (see gradVectors.pack): the 8 values from
// src[j·npix] (channel j < rows; zeros for the others) go to lane j of the
// 8 vectors at dst[t·w], t the pixel. Within each 128-bit half, 8 shuffles
// transpose 4 × 4 values; 8 more exchange the halves.
func transpose8(dst []float32, w int, src []float32, npix, rows int) {
	row := func(j int) archsimd.Float32x8 {
		if j >= rows {
			return archsimd.Float32x8{}
		}
		return archsimd.LoadFloat32x8Array((*[8]float32)(src[j*npix:]))
	}
	// Channels c..c+3 of pixel t (t < 4) in the low half of q[t], of pixel t+4 in the high half.
	quad := func(c int) (q0, q1, q2, q3 archsimd.Float32x8) {
		r0, r1, r2, r3 := row(c), row(c+1), row(c+2), row(c+3)
		a, b := r0.ConcatPermuteScalarsGrouped(0, 1, 4, 5, r1), r0.ConcatPermuteScalarsGrouped(2, 3, 6, 7, r1)
		e, f := r2.ConcatPermuteScalarsGrouped(0, 1, 4, 5, r3), r2.ConcatPermuteScalarsGrouped(2, 3, 6, 7, r3)
		return a.ConcatPermuteScalarsGrouped(0, 2, 4, 6, e), a.ConcatPermuteScalarsGrouped(1, 3, 5, 7, e),
			b.ConcatPermuteScalarsGrouped(0, 2, 4, 6, f), b.ConcatPermuteScalarsGrouped(1, 3, 5, 7, f)
	}
	l0, l1, l2, l3 := quad(0)
	h0, h1, h2, h3 := quad(4)
	d := func(t int) *[8]float32 { return (*[8]float32)(dst[t*w:]) }
	l0.ConcatPermute128Scalars(0, 2, h0).StoreArray(d(0))
	l1.ConcatPermute128Scalars(0, 2, h1).StoreArray(d(1))
	l2.ConcatPermute128Scalars(0, 2, h2).StoreArray(d(2))
	l3.ConcatPermute128Scalars(0, 2, h3).StoreArray(d(3))
	l0.ConcatPermute128Scalars(1, 3, h0).StoreArray(d(4))
	l1.ConcatPermute128Scalars(1, 3, h1).StoreArray(d(5))
	l2.ConcatPermute128Scalars(1, 3, h2).StoreArray(d(6))
	l3.ConcatPermute128Scalars(1, 3, h3).StoreArray(d(7))
	archsimd.ClearAVXUpperBits()
}
