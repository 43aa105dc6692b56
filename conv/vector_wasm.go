//go:build goexperiment.simd

package conv

// haveVectors: WebAssembly's 128-bit SIMD is in every engine the page
// supports (Chromium, Firefox, Safari, Node 16.4 and later); a module
// with SIMD instructions does not load without it.
const haveVectors = true

// transpose8 moves a tile of 8 pixels × up to 8 channels of gy into the
// weight gradient's packed layout (see gradVectors.pack): the 8 values
// from src[j·npix] (channel j < rows) go to dst[t·w + j], t the pixel.
// WebAssembly's SIMD in Go has no shuffles: one value at a time.
func transpose8(dst []float32, w int, src []float32, npix, rows int) {
	for j := range rows {
		for t, y := range (*[8]float32)(src[j*npix:]) {
			dst[t*w+j] = y
		}
	}
}
