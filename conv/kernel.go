package conv

import "runtime"

// The scalar fast path. Go does not auto-vectorize, so without
// GOEXPERIMENT=simd (or without AVX2) the kernels are written for a scalar
// machine (vector.go has the vector kernels, which compute the same bits):
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
// retires about three of those a cycle. GOAMD64=v3 would let Go fuse them
// into FMA (~12 GFLOP/s), but fused results round differently: the scalar
// kernels would no longer give the vector kernels' and the browser's bits
// (TestVectorSameBits fails there), so the project stays on the default.
//
// Only the kernel width, width stride and width dilation shape the unrolled
// code; kernel height, height stride and dilation only change rowOff, so the
// fast path covers any kh. Everything else takes generalRow.

//go:generate go run kernel_gen.go

// blk is the number of output channels computed together.
const blk = 4

// rowFunc computes output row oy of batch item bi for every output channel.
type rowFunc func(p *Plan, bi, oy int)

// path names a way to compute the rows. NewPlan takes the first of
// preferred that covers the settings; the tests try each.
type path int

const (
	vectorPath  path = iota // GOEXPERIMENT=simd vectors (vector.go), when the CPU has them
	lanePath                // GOEXPERIMENT=simd vectors across output channels (lanes.go), for narrow rows
	blockPath               // scalar, 4 channels × 2 pixels
	widePath                // scalar, 1 channel × 8 pixels
	generalPath             // any settings: the plain loop
)

// preferred is the order NewPlan tries the paths in: vectors (across
// channels where they fill more lanes so), then the scalar pass shape
// that suits the target (see above).
func preferred() [4]path {
	if runtime.GOARCH == "wasm" {
		return [4]path{lanePath, vectorPath, widePath, generalPath}
	}
	return [4]path{lanePath, vectorPath, blockPath, generalPath}
}

// unrolled holds the scalar kernels of one kernel width and width stride
// (kernel_unrolled.go has the table).
type unrolled struct {
	kw, sw int
	block  blockFunc
	wide   wideFunc
}

// blockFunc computes output row d[j] of 4 channels from their packed
// weights w (the arrays go by value: through a func value, pointers to
// them would make them escape, one allocation per call).
type blockFunc func(d [blk][]float32, in []float32, off []int, w []float32, bias [blk]float32)

// wideFunc computes output row dc of one channel from its weights wc.
type wideFunc func(dc []float32, in []float32, off []int, wc []float32, bias float32)

// unrolledFor returns the scalar kernels for c, or nil.
func unrolledFor(c Conv2d) *unrolled {
	for i, k := range unrolledKernels {
		if covers(c, k.kw, k.sw) {
			return &unrolledKernels[i]
		}
	}
	return nil
}

// covers reports whether a kernel unrolled for kernel width kw at width
// stride sw computes c.
func covers(c Conv2d, kw, sw int) bool {
	return c.Kernel[1] == kw && c.Stride[1] == sw && c.Dilation[1] == 1
}

// use makes p compute its rows on path k, with that path's workspace, and
// reports false (changing nothing) when k does not cover the settings.
func (p *Plan) use(k path) bool {
	p.packedFrom = p.packedFrom[:0] // a path packs its own way
	var row rowFunc
	var prep func(p *Plan, w []float32)
	u := unrolledFor(p.Conv)
	switch {
	case k == generalPath:
		row = (*Plan).generalRow
	case k == lanePath:
		return p.useLanes()
	case u == nil:
		return false
	case k == vectorPath:
		return p.useVector()
	case k == widePath && p.Geom.Output[3] >= 4: // the wide kernels' narrowest row
		row = func(p *Plan, bi, oy int) { p.wideRow(u.wide, bi, oy) }
	case k == blockPath:
		row = func(p *Plan, bi, oy int) { p.blockRow(u.block, bi, oy) }
		prep = (*Plan).packWeights
		c := p.Conv
		blocks := c.Groups * ((c.OutChannels/c.Groups + blk - 1) / blk)
		p.wpack = make([]float32, blocks*len(p.rowOff)*c.Kernel[1]*blk)
	default:
		return false
	}
	p.path, p.row, p.prep = k, row, prep
	return true
}

// packWeights copies w (Cout × cpg × kh × kw) into p.wpack as
// [group][block][ci·kh + ky][kx][channel in block]. A block at the end of a
// group with fewer than blk channels repeats its last channel, so the
// kernel's surplus accumulators equal a real one (see blockRow).
func (p *Plan) packWeights(w []float32) {
	if p.packedFor(w) {
		return
	}
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

// wideRow computes output row oy of batch item bi with kernel k, one channel at a time.
func (p *Plan) wideRow(k wideFunc, bi, oy int) {
	c, g := p.Conv, p.Geom
	cin, cout, oh, ow := g.Input[1], g.Output[1], g.Output[2], g.Output[3]
	cpg, opg := cin/c.Groups, cout/c.Groups
	taps := len(p.rowOff) * c.Kernel[1]
	for co := 0; co < cout; co++ {
		in := p.pad[((bi*cin+co/opg*cpg)*p.ph+oy*c.Stride[0])*p.pw:]
		d := p.dst.Data[((bi*cout+co)*oh+oy)*ow:][:ow]
		k(d, in, p.rowOff, p.w.Data[co*taps:(co+1)*taps], p.bias[co])
	}
}

// blockRow computes output row oy of batch item bi with kernel k, 4 channels at a time.
func (p *Plan) blockRow(k blockFunc, bi, oy int) {
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
			k(d, in, p.rowOff, wp[:size], bias)
			wp = wp[size:]
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
