package conv

import "runtime"

// The fast path. Go compiles to scalar code (no SIMD in wasm, no
// auto-vectorizing), so the kernels are written for a scalar machine:
//
//   - the input is padded once, so no tap tests a bound;
//   - a pass keeps 8 accumulators in registers and loads each input value
//     once for all the multiply-adds it takes part in;
//   - the kernel row (kw taps) is unrolled, and the loop runs over the
//     flattened (input channel, kernel row) pairs, so its body is fat
//     (40 multiply-adds for kw=5): short loops cost ~6x more in wasm;
//   - the slices are cut to fixed-size arrays before use, so the
//     unrolled body has no bounds checks.
//
// Two pass shapes, because the two targets differ where it matters:
//
//   - block (native): 4 output channels × 2 output pixels. The weights come
//     from an array repacked per call as [group][block][ci·kh+ky][kx][4];
//     amd64 folds each weight load into its multiply, so only the current
//     input and the 8 accumulators take registers. Keeping weights in
//     registers instead spills: SSE's two-operand multiply needs a copy of
//     one factor per use, and Go keeps X15 zero, leaving 15 registers.
//   - wide (wasm): 1 output channel × 8 output pixels, the kernel row's
//     weights in locals. Go's wasm loads never fold a constant offset, so
//     each load costs an address computation, and Node runs the block shape
//     at ~5.5 GFLOP/s. The wide shape needs kw weight and 7·s+kw input
//     loads for 8·kw multiply-adds (17 instead of 26 loads for kw=5): ~7.5.
//
// Natively the block shape reaches ~9.7 GFLOP/s (C, D on one core): scalar SSE
// without FMA issues a multiply and an add per multiply-add, and this core
// retires about three of those a cycle. GOAMD64=v3 lets Go fuse them into
// FMA: ~12 GFLOP/s for the same code (tests pass there too).
//
// Only the kernel width, width stride and width dilation shape the unrolled
// code; kernel height, height stride and dilation only change rowOff, so the
// fast path covers any kh. Everything else takes generalRow.

// wideKernels selects the pass shape per target (see above).
const wideKernels = runtime.GOARCH == "wasm"

//go:generate go run kernel_gen.go

// blk is the number of output channels computed together.
const blk = 4

// kernel names one of the unrolled row kernels.
type kernel int

const (
	general kernel = iota
	k3s1Kernel
	k3s2Kernel
	k5s1Kernel
	k5s2Kernel
	k7s1Kernel
	k7s2Kernel
)

// pickKernel returns the fast kernel for the settings, or general.
func pickKernel(c Conv2d) kernel {
	if c.Dilation[1] != 1 || c.Stride[1] > 2 {
		return general
	}
	s := c.Stride[1] - 1
	switch c.Kernel[1] {
	case 3:
		return k3s1Kernel + kernel(s)
	case 5:
		return k5s1Kernel + kernel(s)
	case 7:
		return k7s1Kernel + kernel(s)
	}
	return general
}

// setWide chooses the pass shape; the wide one needs rows of 4 pixels or more.
func (p *Plan) setWide(wide bool) {
	c := p.Conv
	p.wide = wide && p.Geom.Output[3] >= 4
	p.wpack = nil
	if p.kern != general && !p.wide {
		blocks := c.Groups * ((c.OutChannels/c.Groups + blk - 1) / blk)
		p.wpack = make([]float32, blocks*len(p.rowOff)*c.Kernel[1]*blk)
	}
}

// packWeights copies w (Cout × cpg × kh × kw) into p.wpack as
// [group][block][ci·kh + ky][kx][channel in block]. A block at the end of a
// group with fewer than blk channels repeats its last channel, so the
// kernel's surplus accumulators equal a real one (see blockRow).
func (p *Plan) packWeights(w []float32) {
	c := p.Conv
	opg, kw, rows := c.OutChannels/c.Groups, c.Kernel[1], len(p.rowOff)
	i := 0
	for grp := 0; grp < c.Groups; grp++ {
		for b := 0; b < opg; b += blk {
			for r := 0; r < rows; r++ {
				for kx := 0; kx < kw; kx++ {
					for j := 0; j < blk; j++ {
						co := grp*opg + min(b+j, opg-1)
						p.wpack[i] = w[(co*rows+r)*kw+kx]
						i++
					}
				}
			}
		}
	}
}

// wideRow computes output row oy of batch item bi, one channel at a time.
func (p *Plan) wideRow(bi, oy int) {
	c, g := p.Conv, p.Geom
	cin, cout, oh, ow := g.Input[1], g.Output[1], g.Output[2], g.Output[3]
	cpg, opg := cin/c.Groups, cout/c.Groups
	taps := len(p.rowOff) * c.Kernel[1]
	for co := 0; co < cout; co++ {
		in := p.pad[((bi*cin+co/opg*cpg)*p.ph+oy*c.Stride[0])*p.pw:]
		d := p.dst.Data[((bi*cout+co)*oh+oy)*ow:][:ow]
		w, bias := p.w.Data[co*taps:(co+1)*taps], p.bias[co]
		switch p.kern {
		case k3s1Kernel:
			w3s1(d, in, p.rowOff, w, bias)
		case k3s2Kernel:
			w3s2(d, in, p.rowOff, w, bias)
		case k5s1Kernel:
			w5s1(d, in, p.rowOff, w, bias)
		case k5s2Kernel:
			w5s2(d, in, p.rowOff, w, bias)
		case k7s1Kernel:
			w7s1(d, in, p.rowOff, w, bias)
		case k7s2Kernel:
			w7s2(d, in, p.rowOff, w, bias)
		}
	}
}

// blockRow computes output row oy of batch item bi, 4 channels at a time.
func (p *Plan) blockRow(bi, oy int) {
	c, g := p.Conv, p.Geom
	cin, cout, oh, ow := g.Input[1], g.Output[1], g.Output[2], g.Output[3]
	cpg, opg := cin/c.Groups, cout/c.Groups
	size := len(p.rowOff) * c.Kernel[1] * blk // packed weights per block
	wp := p.wpack
	for grp := 0; grp < c.Groups; grp++ {
		in := p.pad[((bi*cin+grp*cpg)*p.ph+oy*c.Stride[0])*p.pw:]
		for b := 0; b < opg; b += blk {
			// A short last block points its surplus rows at its last
			// channel; they receive the same values (see packWeights).
			var d [blk][]float32
			var bias [blk]float32
			for j := range d {
				co := grp*opg + min(b+j, opg-1)
				d[j] = p.dst.Data[((bi*cout+co)*oh+oy)*ow:][:ow]
				bias[j] = p.bias[co]
			}
			k := wp[:size]
			wp = wp[size:]
			switch p.kern {
			case k3s1Kernel:
				b3s1(&d, in, p.rowOff, k, &bias)
			case k3s2Kernel:
				b3s2(&d, in, p.rowOff, k, &bias)
			case k5s1Kernel:
				b5s1(&d, in, p.rowOff, k, &bias)
			case k5s2Kernel:
				b5s2(&d, in, p.rowOff, k, &bias)
			case k7s1Kernel:
				b7s1(&d, in, p.rowOff, k, &bias)
			case k7s2Kernel:
				b7s2(&d, in, p.rowOff, k, &bias)
			}
		}
	}
}

// tail computes the single output pixel x that is left when a row has an odd
// width, with the same operations, in the same order, as the unrolled kernels.
func tail(d *[blk][]float32, x int, in []float32, off []int, w []float32, kw, sw int, bias *[blk]float32) {
	var a0, a1, a2, a3 float32
	for i, o := range off {
		r := in[o+x*sw:][:kw]
		k := w[i*kw*blk:][:kw*blk]
		for kx, v := range r {
			a0 += k[kx*blk] * v
			a1 += k[kx*blk+1] * v
			a2 += k[kx*blk+2] * v
			a3 += k[kx*blk+3] * v
		}
	}
	d[0][x], d[1][x], d[2][x], d[3][x] = a0+bias[0], a1+bias[1], a2+bias[2], a3+bias[3]
}
