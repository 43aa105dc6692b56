//go:build goexperiment.simd

package conv

// haveVectors: WebAssembly's 128-bit SIMD is in every engine the page
// supports (Chromium, Firefox, Safari, Node 16.4 and later); a module
// with SIMD instructions does not load without it.
const haveVectors = true
