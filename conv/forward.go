package conv

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Plan holds the geometry and workspace for repeated forward passes of one
// setting on one input shape, so that repeated calls allocate nothing.
// A Plan is not safe for concurrent use; give each goroutine its own.
type Plan struct {
	Conv Conv2d
	Geom Geometry
	// Workers caps the goroutines one Forward may use (never more than
	// GOMAXPROCS): 0 means all, 1 keeps the call on the calling goroutine.
	// Results do not depend on it.
	Workers int

	pad    []float32 // padded input, whole batch: N × C × ph × pw
	ph, pw int       // padded plane size
	rowOff []int     // offset in pad of each (ci, ky) kernel row, relative to a group's first channel
	bias   []float32 // bias or zeros, Cout

	// The path chosen once, by NewPlan (see kernel.go), and its workspace.
	path  path
	row   rowFunc
	prep  func(p *Plan, w []float32) // per call, before the rows: nil, packWeights or packVectors
	wpack []float32                  // weights repacked for the block or vector kernels
	// packedFrom is what wpack was packed from, the weights then the
	// biases: a call with the same values (a stroke, a camera frame)
	// skips the packing, 4x the weights' size for the vector kernels.
	packedFrom []float32
	vpad       []float32 // pad with each row split into stride phases (see splitPhases)
	vOff       []int     // rowOff for the vector kernels' rows
	cw         int       // values per phase in a vector row
	taps       []int     // the lane path's tap offsets (see lanes.go)

	// The current call, read by the workers.
	dst, w *Tensor
	next   atomic.Int64 // next chunk of output rows to compute
	chunk  int          // output rows per chunk
	wg     sync.WaitGroup
}

// packedFor reports whether wpack holds w and p.bias already (bit for
// bit), for packWeights and packVectors; when not, it records them for
// the packing that follows.
func (p *Plan) packedFor(w []float32) bool {
	if len(p.packedFrom) == len(w)+len(p.bias) && sameBits(p.packedFrom, w) && sameBits(p.packedFrom[len(w):], p.bias) {
		return true
	}
	p.packedFrom = append(append(p.packedFrom[:0], w...), p.bias...)
	return false
}

// sameBits reports whether b starts with a's values, bit for bit (a −0
// weight is not a +0 one, a NaN is itself).
func sameBits(b, a []float32) bool {
	for i, x := range a {
		if math.Float32bits(x) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

// parallelMACs is the work below which a call stays on one goroutine: about
// half a millisecond, where the hand-off to other cores stops paying.
const parallelMACs = 1 << 21

// NewPlan validates the settings for an input shape and allocates the workspace.
func NewPlan(c Conv2d, input []int) (*Plan, error) {
	g, err := c.Geometry(input)
	if err != nil {
		return nil, err
	}
	return newPlan(g), nil
}

// newPlan allocates the workspace for a geometry: one from Geometry, or
// one that TransposePlan derives (asymmetric or negative zero padding,
// which Conv2d's settings cannot express).
func newPlan(g Geometry) *Plan {
	c, input := g.Conv, g.Input
	p := &Plan{Conv: c, Geom: g}
	// Geometry (and NewTransposePlan) refuse a padded input beyond MaxElements.
	p.ph, p.pw = input[2]+g.Pad[0]+g.Pad[1], input[3]+g.Pad[2]+g.Pad[3]
	p.pad = make([]float32, input[0]*input[1]*p.ph*p.pw)
	p.bias = make([]float32, c.OutChannels)
	cpg, kh := c.InChannels/c.Groups, c.Kernel[0]
	p.rowOff = make([]int, 0, cpg*kh)
	for ci := 0; ci < cpg; ci++ {
		for ky := 0; ky < kh; ky++ {
			p.rowOff = append(p.rowOff, (ci*p.ph+ky*c.Dilation[0])*p.pw)
		}
	}
	for _, k := range preferred() {
		if p.use(k) {
			break
		}
	}
	return p
}

// Forward computes the convolution into a new tensor.
func Forward(c Conv2d, x, w, b *Tensor) (*Tensor, error) {
	p, err := NewPlan(c, x.Shape)
	if err != nil {
		return nil, err
	}
	return forwardNew(p.Forward, p.Geom.Output, x, w, b)
}

// forwardNew runs a plan's Forward into a new tensor of its output shape
// (Forward and TransposeForward).
func forwardNew(forward func(dst, x, w, b *Tensor) error, output []int, x, w, b *Tensor) (*Tensor, error) {
	out, err := NewTensor(output...)
	if err != nil {
		return nil, err
	}
	return out, forward(out, x, w, b)
}

// Forward computes the convolution of x with weight w and bias b (nil when the
// layer has no bias) into dst, whose shape must be p.Geom.Output.
// Each output element is computed by the same float operations in the same
// order however the work is split, so results do not depend on GOMAXPROCS.
func (p *Plan) Forward(dst, x, w, b *Tensor) error {
	if err := p.check(dst, x, w, b); err != nil {
		return err
	}
	if len(dst.Data) == 0 {
		return nil // an empty batch, or PyTorch's zero-channel case (no output channels)
	}
	g := p.Geom
	n, cin, h, wd := g.Input[0], g.Input[1], g.Input[2], g.Input[3]
	plane, item := p.ph*p.pw, h*wd
	for bi := 0; bi < n; bi++ {
		padInput(p.pad[bi*cin*plane:(bi+1)*cin*plane], x.Data[bi*cin*item:(bi+1)*cin*item], cin, h, wd, g.Pad, p.Conv.mode())
	}
	clear(p.bias)
	if b != nil {
		copy(p.bias, b.Data)
	}
	if p.prep != nil {
		p.prep(p, w.Data)
	}
	p.dst, p.w = dst, w
	p.run()
	p.dst, p.w = nil, nil // keep no reference to the caller's tensors
	return nil
}

// run computes all output rows, split into chunks that idle cores pick up.
func (p *Plan) run() {
	rows := p.Geom.Output[0] * p.Geom.Output[2]
	workers := runtime.GOMAXPROCS(0) // 1 in the browser: no goroutines there
	if p.Workers > 0 {
		workers = min(workers, p.Workers)
	}
	if workers == 1 || p.Geom.MACs < parallelMACs || rows < 2 {
		p.rows(0, rows)
		return
	}
	// Four chunks per worker even out cores that other processes slow down.
	p.chunk = max(1, rows/(4*workers))
	p.next.Store(0)
	helpers := startPool(workers - 1)
	p.wg.Add(helpers)
	for i := 0; i < helpers; i++ {
		pool <- p
	}
	p.work()
	p.wg.Wait()
}

// work computes chunks until none is left.
func (p *Plan) work() {
	rows := p.Geom.Output[0] * p.Geom.Output[2]
	for {
		lo := int(p.next.Add(int64(p.chunk))) - p.chunk
		if lo >= rows {
			return
		}
		p.rows(lo, min(lo+p.chunk, rows))
	}
}

// pool feeds plans to helper goroutines, which live as long as the program:
// starting goroutines per call would allocate. (Parking in wg.Wait takes a
// runtime sudog from a cache; after a GC empties that cache the runtime
// allocates one, ~100 bytes, once — never per call.)
var (
	pool        = make(chan *Plan, 64)
	poolMu      sync.Mutex
	poolWorkers int
)

// startPool makes sure n helpers exist (at most cap(pool)) and returns how many to use.
func startPool(n int) int {
	n = min(n, cap(pool))
	poolMu.Lock()
	defer poolMu.Unlock()
	for ; poolWorkers < n; poolWorkers++ {
		go func() {
			for p := range pool {
				p.work()
				p.wg.Done()
			}
		}()
	}
	return n
}

// rows computes output rows [lo, hi) of the flattened (batch item, oy) index.
func (p *Plan) rows(lo, hi int) {
	oh := p.Geom.Output[2]
	for r := lo; r < hi; r++ {
		p.row(p, r/oh, r%oh)
	}
}

// generalRow computes output row oy of batch item bi for every output channel,
// for any kernel, stride and dilation: the plain loop over the padded input.
func (p *Plan) generalRow(bi, oy int) {
	c, g := p.Conv, p.Geom
	cin, cout, oh, ow := g.Input[1], g.Output[1], g.Output[2], g.Output[3]
	cpg, opg := cin/c.Groups, cout/c.Groups
	kw, sh, sw, dw := c.Kernel[1], c.Stride[0], c.Stride[1], c.Dilation[1]
	taps := len(p.rowOff) * kw
	for co := 0; co < cout; co++ {
		in := p.pad[((bi*cin+co/opg*cpg)*p.ph+oy*sh)*p.pw:]
		wt := p.w.Data[co*taps : (co+1)*taps]
		out := p.dst.Data[((bi*cout+co)*oh+oy)*ow:][:ow]
		for ox := range out {
			var s float32
			for r, o := range p.rowOff {
				row, k := in[o+ox*sw:], wt[r*kw:(r+1)*kw]
				for kx, wv := range k {
					s += wv * row[kx*dw]
				}
			}
			out[ox] = s + p.bias[co]
		}
	}
}

func (p *Plan) check(dst, x, w, b *Tensor) error {
	g := p.Geom
	return checkTensors(g.Input, g.Weight, g.Output, g.Bias, dst, x, w, b)
}

// checkTensors checks the tensors of a forward pass against the layer's
// shapes; the bias is given exactly when the layer has one.
func checkTensors(input, weight, output, bias []int, dst, x, w, b *Tensor) error {
	return checkArgs(
		tensorArg{what: "input", t: x, want: input},
		tensorArg{what: "weight", t: w, want: weight},
		tensorArg{what: "output", t: dst, want: output},
		tensorArg{what: "bias", t: b, want: bias, optional: bias == nil},
	)
}

// padInput writes one batch item of x (C×H×W) into dst with the given padding.
// Rows inside the input are copied whole; only the border goes through PadSource.
// A negative pad (allowed by the non-zero modes) crops.
func padInput(dst, x []float32, c, h, w int, p [4]int, mode PaddingMode) {
	ph, pw := h+p[0]+p[1], w+p[2]+p[3]
	for ci := 0; ci < c; ci++ {
		src, d := x[ci*h*w:(ci+1)*h*w], dst[ci*ph*pw:(ci+1)*ph*pw]
		for y := 0; y < ph; y++ {
			row := d[y*pw : (y+1)*pw]
			sy, ok := PadSource(y-p[0], h, mode)
			if !ok {
				clear(row)
				continue
			}
			in := src[sy*w : (sy+1)*w]
			// Columns [lo, hi) of the row are inside the input (all of
			// it, or what a crop leaves); the others are the border.
			lo := min(max(p[2], 0), pw)
			hi := max(min(p[2]+w, pw), lo)
			if hi > lo {
				copy(row[lo:hi], in[lo-p[2]:])
			}
			for xx := 0; xx < lo; xx++ {
				row[xx] = border(in, xx-p[2], mode)
			}
			for xx := hi; xx < pw; xx++ {
				row[xx] = border(in, xx-p[2], mode)
			}
		}
	}
}

// border is the padded value at column i of a row, by the padding mode.
func border(row []float32, i int, mode PaddingMode) float32 {
	if sx, ok := PadSource(i, len(row), mode); ok {
		return row[sx]
	}
	return 0
}
