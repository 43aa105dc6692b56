package conv

// The forward pass of ConvTranspose2d, on Conv2d's kernels.
//
// Along one axis, output index o receives x[i]·w[k] for every input index i
// and kernel index k with i·s − p + k·d = o. Split the outputs by phase
// r = o mod s: the outputs of one phase, o = r + s·j, meet the taps k with
// k·d ≡ r + p (mod s) only, an arithmetic progression of step s/gcd(s, d),
// and those taps read inputs d/gcd(s, d) apart as j moves one step:
//
//	y[r + s·j] = Σ_t x[j + c − t·d'] · w[k₀ + t·s']
//
// which, with the taps in reverse order, is an ordinary stride-1 Conv2d
// (dilation d', zero padding possibly asymmetric or negative, a crop) of x
// with a sub-kernel. So every phase (a pair of row and column phases) is a
// Plan on Forward's kernels — vectors included — over the original input,
// with no zeros stuffed between its pixels; the phases' outputs interleave
// into the output. At stride 1 there is one phase, written in place: the
// flipped, transposed kernel with padding d·(k−1) − p that Conv2d's input
// gradient is. Cells no tap reaches (a kernel shorter than the stride) are
// the bias alone.

import (
	"fmt"
	"slices"
)

// TransposePlan holds the geometry and workspace for repeated forward
// passes of one ConvTranspose2d setting on one input shape. It is not safe
// for concurrent use.
type TransposePlan struct {
	Conv ConvTranspose2d
	Geom TransposeGeometry
	// Workers caps the goroutines of each phase's convolution, as
	// Plan.Workers does (0: all cores; 1: the calling goroutine only).
	Workers int

	phases   []phase
	biasOnly bool // some cells meet no tap: dst starts as the bias
	gathered bool // more than maxPhases phases: every call takes gather
	// sources lists, per output row and column, the (input index, kernel
	// index) pairs landing there, for the exact path (see gather); made
	// on its first use.
	sources [2][][][2]int
}

// maxPhases bounds the phases a plan makes (stride 8 both ways with a
// kernel of 8 or more): each is a Plan with its own workspace, which
// a huge stride with a long kernel and a tiny input would not justify.
// Beyond it every call takes the plain loop (gather).
const maxPhases = 64

// phase is the stride-1 convolution computing the output cells
// (r[0] + s·j, r[1] + s·i).
type phase struct {
	r    [2]int
	taps [2][]int // per axis, the kernel index of each sub-kernel tap
	plan *Plan
	w    *Tensor // the sub-kernel as a Conv2d weight [Cout, Cin/groups, Th, Tw]
	out  *Tensor // the phase's cells [N, Cout, Jh, Jw]; nil: the output itself (stride 1)
}

// axisPhase is one phase of one axis.
type axisPhase struct {
	r, cells      int   // first output index; output indices r, r+s, r+2s, ... (cells of them)
	taps          []int // kernel indices, in the sub-kernel's (reversed) order
	dil           int   // input step between adjacent taps
	before, after int   // zero padding (negative: a crop) of the input
}

// axisPhases splits one axis (0 rows, 1 columns) of g into its phases,
// leaving out those that meet no tap, or only taps that read no pixel.
func axisPhases(g TransposeGeometry, axis int) []axisPhase {
	c := g.Conv
	s, d, k, p := c.Stride[axis], c.Dilation[axis], c.Kernel[axis], c.Padding[axis]
	in, out := g.Input[2+axis], g.Output[2+axis]
	byPhase := map[int][]int{} // phase → its kernel indices, ascending
	var rs []int               // the phases met
	for ky := 0; ky < k; ky++ {
		r := ((ky*d-p)%s + s) % s
		if r >= out {
			continue
		}
		if byPhase[r] == nil {
			rs = append(rs, r)
		}
		byPhase[r] = append(byPhase[r], ky)
	}
	slices.Sort(rs)
	phases := make([]axisPhase, 0, len(rs))
	for _, r := range rs {
		ks := byPhase[r]
		a := axisPhase{r: r, cells: (out - r + s - 1) / s, dil: 1}
		if len(ks) > 1 {
			a.dil = (ks[1] - ks[0]) * d / s
		}
		// Tap t (kernel index ks[t]) reads x[j + c0 − t·dil] for cell j;
		// in the sub-kernel's order, tap u = T−1−t reads x[j + u·dil − before].
		c0 := (r + p - ks[0]*d) / s
		t := len(ks)
		a.before = (t-1)*a.dil - c0
		a.taps = make([]int, t)
		for i, ky := range ks {
			a.taps[t-1-i] = ky
		}
		if a.trim(in) {
			phases = append(phases, a)
		}
	}
	return phases
}

// trim drops the taps that read no input pixel for any cell of the phase
// (their reads are all padding: a large padding or dilation), so that the
// padded input spans at most the cells plus the input, and reports
// whether any tap is left.
func (a *axisPhase) trim(in int) bool {
	lo, hi := 0, len(a.taps)
	for lo < hi && lo*a.dil-a.before+a.cells-1 < 0 {
		lo++
	}
	for hi > lo && (hi-1)*a.dil-a.before > in-1 {
		hi--
	}
	a.taps, a.before = a.taps[lo:hi], a.before-lo*a.dil
	a.after = a.cells + (len(a.taps)-1)*a.dil - in - a.before
	return len(a.taps) > 0
}

// NewTransposePlan validates the settings for an input shape and allocates the workspace.
func NewTransposePlan(c ConvTranspose2d, input []int) (*TransposePlan, error) {
	g, err := c.Geometry(input)
	if err != nil {
		return nil, err
	}
	p := &TransposePlan{Conv: c, Geom: g}
	if Numel(g.Output) == 0 {
		return p, nil // an empty batch: nothing to compute
	}
	rows, cols := axisPhases(g, 0), axisPhases(g, 1)
	if len(rows)*len(cols) > maxPhases {
		p.gathered = true
		return p, nil
	}
	single := c.Stride == [2]int{1, 1}
	p.biasOnly = len(rows) < min(c.Stride[0], g.Output[2]) || len(cols) < min(c.Stride[1], g.Output[3])
	for _, ry := range rows {
		for _, rx := range cols {
			ph, err := newPhase(g, ry, rx, single)
			if err != nil {
				return nil, err
			}
			p.phases = append(p.phases, ph)
		}
	}
	return p, nil
}

// newPhase makes the plan of the phase (ry, rx): a stride-1 Conv2d of the
// input with the sub-kernel.
func newPhase(g TransposeGeometry, ry, rx axisPhase, single bool) (phase, error) {
	c, n := g.Conv, g.Input[0]
	conv := Conv2d{
		InChannels: c.InChannels, OutChannels: c.OutChannels,
		Kernel: [2]int{len(ry.taps), len(rx.taps)}, Stride: [2]int{1, 1},
		Dilation: [2]int{ry.dil, rx.dil}, Groups: c.Groups, Bias: c.Bias, PaddingMode: ZerosMode,
	}
	pg := Geometry{
		Input:     g.Input,
		Weight:    conv.weightShape(),
		Output:    []int{n, c.OutChannels, ry.cells, rx.cells},
		Conv:      conv,
		Pad:       [4]int{ry.before, ry.after, rx.before, rx.after},
		EffKernel: [2]int{(len(ry.taps)-1)*ry.dil + 1, (len(rx.taps)-1)*rx.dil + 1},
	}
	if c.Bias {
		pg.Bias = []int{c.OutChannels}
	}
	padded := []int{n, c.InChannels, g.Input[2] + ry.before + ry.after, g.Input[3] + rx.before + rx.after}
	if Numel(padded) < 0 {
		return phase{}, tooLarge("padded input", padded)
	}
	pg.MACs = int64(Numel(pg.Output)) * int64(Numel(pg.Weight[1:]))
	ph := phase{r: [2]int{ry.r, rx.r}, taps: [2][]int{ry.taps, rx.taps}, plan: newPlan(pg), w: Zeros(pg.Weight...)}
	if !single {
		ph.out = Zeros(pg.Output...)
	}
	return ph, nil
}

// TransposeForward computes the transposed convolution into a new tensor.
func TransposeForward(c ConvTranspose2d, x, w, b *Tensor) (*Tensor, error) {
	p, err := NewTransposePlan(c, x.Shape)
	if err != nil {
		return nil, err
	}
	return forwardNew(p.Forward, p.Geom.Output, x, w, b)
}

// Forward computes the transposed convolution of x with weight w
// [Cin, Cout/groups, kh, kw] and bias b (nil without bias) into dst, whose
// shape must be p.Geom.Output. Results do not depend on Workers.
func (p *TransposePlan) Forward(dst, x, w, b *Tensor) error {
	g := p.Geom
	if err := checkTensors(g.Input, g.Weight, g.Output, g.Bias, dst, x, w, b); err != nil {
		return err
	}
	if len(dst.Data) == 0 {
		return nil // an empty batch
	}
	if nonFinite, _, _ := FiniteRange(w.Data); nonFinite > 0 || p.gathered {
		p.gather(dst, x, w, b)
		return nil
	}
	if p.biasOnly {
		fillBias(dst, b)
	}
	for i := range p.phases {
		ph := &p.phases[i]
		ph.subKernel(p.Conv, w)
		ph.plan.Workers = p.Workers
		out := ph.out
		if out == nil {
			out = dst
		}
		if err := ph.plan.Forward(out, x, ph.w, b); err != nil {
			return fmt.Errorf("conv: transposed convolution phase %v: %w", ph.r, err)
		}
		if ph.out != nil {
			ph.interleave(dst, p.Conv.Stride)
		}
	}
	return nil
}

// fillBias sets every cell of dst to its channel's bias (0 without bias).
func fillBias(dst, b *Tensor) {
	n, cout, plane := dst.Shape[0], dst.Shape[1], dst.Shape[2]*dst.Shape[3]
	for bi := 0; bi < n; bi++ {
		for co := 0; co < cout; co++ {
			var v float32
			if b != nil {
				v = b.Data[co]
			}
			d := dst.Data[(bi*cout+co)*plane : (bi*cout+co+1)*plane]
			for i := range d {
				d[i] = v
			}
		}
	}
}

// subKernel writes the phase's Conv2d weight: ph.w[co, ci, u, v] =
// w[group·Cin/groups + ci, co mod Cout/groups, taps[0][u], taps[1][v]].
func (ph *phase) subKernel(c ConvTranspose2d, w *Tensor) {
	cpg, opg := c.InChannels/c.Groups, c.OutChannels/c.Groups
	kh, kw := c.Kernel[0], c.Kernel[1]
	i := 0
	for co := 0; co < c.OutChannels; co++ {
		grp, j := co/opg, co%opg
		for ci := 0; ci < cpg; ci++ {
			src := w.Data[((grp*cpg+ci)*opg+j)*kh*kw:]
			for _, ky := range ph.taps[0] {
				for _, kx := range ph.taps[1] {
					ph.w.Data[i] = src[ky*kw+kx]
					i++
				}
			}
		}
	}
}

// interleave copies the phase's cells to their places in dst.
func (ph *phase) interleave(dst *Tensor, s [2]int) {
	planes, jh, jw := ph.out.Shape[0]*ph.out.Shape[1], ph.out.Shape[2], ph.out.Shape[3]
	oh, ow := dst.Shape[2], dst.Shape[3]
	for pl := 0; pl < planes; pl++ {
		src := ph.out.Data[pl*jh*jw : (pl+1)*jh*jw]
		d := dst.Data[pl*oh*ow : (pl+1)*oh*ow]
		for j := 0; j < jh; j++ {
			row := d[(ph.r[0]+j*s[0])*ow+ph.r[1]:]
			for i, v := range src[j*jw : (j+1)*jw] {
				row[i*s[1]] = v
			}
		}
	}
}

// gather computes every cell as the sum of its contributions alone, the
// plain definition (slower than the phases). It serves settings with more
// than maxPhases phases, and weights with an infinity or NaN: the phases
// multiply some taps by the zeros around the input, and ±Inf·0 is NaN
// where PyTorch, which never forms those products, has a number.
func (p *TransposePlan) gather(dst, x, w, b *Tensor) {
	g, c := p.Geom, p.Conv
	for axis := range p.sources {
		if p.sources[axis] != nil {
			continue
		}
		// Each (input, kernel) index pair once: work in proportion to
		// the products, whatever the stride.
		src := make([][][2]int, g.Output[2+axis])
		s, d, pad := c.Stride[axis], c.Dilation[axis], c.Padding[axis]
		for i := 0; i < g.Input[2+axis]; i++ {
			for k := 0; k < c.Kernel[axis]; k++ {
				if o := i*s - pad + k*d; o >= 0 && o < len(src) {
					src[o] = append(src[o], [2]int{i, k})
				}
			}
		}
		p.sources[axis] = src
	}
	n, cin, h, wd := g.Input[0], g.Input[1], g.Input[2], g.Input[3]
	cout, oh, ow := g.Output[1], g.Output[2], g.Output[3]
	cpg, opg, kh, kw := cin/c.Groups, cout/c.Groups, c.Kernel[0], c.Kernel[1]
	i := 0
	for bi := 0; bi < n; bi++ {
		for co := 0; co < cout; co++ {
			var bias float32
			if b != nil {
				bias = b.Data[co]
			}
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					var s float32
					for ci := co / opg * cpg; ci < (co/opg+1)*cpg; ci++ {
						xp, wp := x.Data[(bi*cin+ci)*h*wd:], w.Data[(ci*opg+co%opg)*kh*kw:]
						for _, r := range p.sources[0][oy] {
							for _, q := range p.sources[1][ox] {
								s += xp[r[0]*wd+q[0]] * wp[r[1]*kw+q[1]]
							}
						}
					}
					dst.Data[i] = s + bias
					i++
				}
			}
		}
	}
}
