package conv

// The backward pass of Conv2d: given gy = ∂L/∂output, the gradients of L with
// respect to the input, the weight and the bias, as PyTorch's autograd
// computes them for nn.Conv2d (including F.pad's backward for the padding
// modes: a padded cell's gradient goes back to the input cell it copied).
//
// The input gradient is a transposed convolution of gy (ConvTranspose2d's
// forward pass, on Forward's kernels at any stride), or on amd64 with
// GOEXPERIMENT=simd a scatter of gy's non-zero values with its bits
// (backward_input_vector.go); the weight gradient has a general loop and
// an unrolled kernel for stride 1, dilation 1, kernel width 5, and with
// GOEXPERIMENT=simd vector kernels that give their bits
// (backward_vector.go; on amd64, for a gy mostly zeros, from lists of its
// non-zero values, backward_wlist.go), as does the bias gradient.

// BackwardPlan holds the geometry and workspace for repeated backward passes
// of one setting on one input shape. It is not safe for concurrent use.
type BackwardPlan struct {
	Conv Conv2d
	Geom Geometry
	// Workers caps the goroutines of the input gradient's convolution, as
	// Plan.Workers does (0: all cores; 1: the calling goroutine only, for
	// callers that run several plans in parallel themselves).
	Workers int

	xpad []float32 // padded input, one batch item
	// The input gradient is the transposed convolution of gy with the
	// weight as it is (no padding; output_padding gives back the rows and
	// columns the stride's floor left unread): it yields the gradient of
	// the padded input, which inputGrad then folds onto the input.
	tplan          *TransposePlan
	gpad           *Tensor      // gradient of the padded input [N, Cin, ph, pw]
	rowSrc, colSrc []int        // padded coordinate → input coordinate, −1 for a zero pad
	vec            *gradVectors // the vector weight and bias gradients; nil: scalar
	// wl is the weight and bias gradients from gy's non-zero values
	// (nil: vec's or the scalar loops'), for layers with input channels
	// for its lanes, taken when gy is mostly zeros.
	wl *listWeights
	// ivec is the vector input gradient (nil: the transposed convolution),
	// taken on one goroutine (Workers 1) only: the transposed convolution
	// spreads over cores.
	ivec *inputVectors
}

// NewBackwardPlan validates the settings for an input shape and allocates the workspace.
func NewBackwardPlan(c Conv2d, input []int) (*BackwardPlan, error) {
	g, err := c.Geometry(input)
	if err != nil {
		return nil, err
	}
	input = g.Input // a 3-D (unbatched) input comes back as [1,C,H,W]
	n, cin, h, w := input[0], input[1], input[2], input[3]
	ph, pw := h+g.Pad[0]+g.Pad[1], w+g.Pad[2]+g.Pad[3]
	gpad, err := NewTensor(n, cin, ph, pw)
	if err != nil {
		return nil, err
	}
	p := &BackwardPlan{Conv: c, Geom: g, xpad: make([]float32, cin*ph*pw), gpad: gpad}
	p.rowSrc, p.colSrc = make([]int, ph), make([]int, pw)
	for i := range p.rowSrc {
		p.rowSrc[i] = srcOrNeg(i-g.Pad[0], h, c.mode())
	}
	for i := range p.colSrc {
		p.colSrc[i] = srcOrNeg(i-g.Pad[2], w, c.mode())
	}
	// An empty output (an empty batch, zero output channels) has all-zero
	// gradients and no plan.
	if Numel(g.Output) > 0 {
		t := ConvTranspose2d{
			InChannels: c.OutChannels, OutChannels: c.InChannels, Kernel: c.Kernel, Stride: c.Stride,
			OutputPadding: [2]int{(ph - g.EffKernel[0]) % c.Stride[0], (pw - g.EffKernel[1]) % c.Stride[1]},
			Dilation:      c.Dilation, Groups: c.Groups, PaddingMode: ZerosMode,
		}
		if p.tplan, err = NewTransposePlan(t, g.Output); err != nil {
			return nil, err
		}
	}
	p.vec, p.ivec, p.wl = newGradVectors(c, g), newInputVectors(c, g), newListWeights(c, g)
	return p, nil
}

func srcOrNeg(i, n int, mode PaddingMode) int {
	if s, ok := PadSource(i, n, mode); ok {
		return s
	}
	return -1
}

// Backward computes into new tensors the gradients with respect to x, w and b
// (gb is nil when the layer has no bias) of a loss whose gradient with
// respect to the convolution's output is gy.
func Backward(c Conv2d, x, w, gy *Tensor) (gx, gw, gb *Tensor, err error) {
	p, err := NewBackwardPlan(c, x.Shape)
	if err != nil {
		return nil, nil, nil, err
	}
	gx, gw, gb = newGrads(p.Geom.Input, p.Geom.Weight, p.Geom.Bias)
	return gx, gw, gb, p.Backward(gx, gw, gb, x, w, gy)
}

// newGrads allocates the gradients of a layer's input, weight and bias
// (gb nil without bias).
func newGrads(input, weight, bias []int) (gx, gw, gb *Tensor) {
	gx, gw = Zeros(input...), Zeros(weight...)
	if bias != nil {
		gb = Zeros(bias...)
	}
	return gx, gw, gb
}

// Backward writes the gradients with respect to the input (gx), the weight
// (gw) and the bias (gb) given x, w and gy = ∂L/∂output. Gradients are
// overwritten, not accumulated; the weight and bias gradients are summed over
// the batch. Pass nil for a gradient that is not needed (gx of a first layer).
func (p *BackwardPlan) Backward(gx, gw, gb, x, w, gy *Tensor) error {
	if err := p.check(gx, gw, gb, x, w, gy); err != nil {
		return err
	}
	if gw != nil || gb != nil {
		p.grads(gw, gb, x, gy)
	}
	if gx != nil {
		return p.inputGrad(gx, w, gy)
	}
	return nil
}

func (p *BackwardPlan) check(gx, gw, gb, x, w, gy *Tensor) error {
	g := p.Geom
	return checkGrads(g.Input, g.Weight, g.Output, g.Bias, gx, gw, gb, x, w, gy)
}

// checkGrads checks the tensors of a backward pass against the layer's
// shapes; the gradients are optional.
func checkGrads(input, weight, output, bias []int, gx, gw, gb, x, w, gy *Tensor) error {
	return checkArgs(
		tensorArg{what: "input", t: x, want: input},
		tensorArg{what: "weight", t: w, want: weight},
		tensorArg{what: "output gradient", t: gy, want: output},
		tensorArg{what: "input gradient", t: gx, want: input, optional: true},
		tensorArg{what: "weight gradient", t: gw, want: weight, optional: true},
		tensorArg{what: "bias gradient", t: gb, want: bias, optional: true},
	)
}

// grads writes the weight and bias gradients (either nil, not both) on
// the vector kernels when p has them (the listed ones where they serve),
// else on the scalar loops.
func (p *BackwardPlan) grads(gw, gb, x, gy *Tensor) {
	if p.lists(gy) {
		p.listGrads(gw, gb, x, gy)
		return
	}
	if p.vec != nil {
		p.vectorGrads(gw, gb, x, gy)
		return
	}
	if gb != nil {
		p.biasGrad(gb, gy)
	}
	if gw != nil {
		p.weightGrad(gw, x, gy)
	}
}

// biasGrad: ∂L/∂b[co] = Σ over batch and pixels of gy[n, co].
func (p *BackwardPlan) biasGrad(gb, gy *Tensor) {
	n, cout, hw := gy.Shape[0], gy.Shape[1], gy.Shape[2]*gy.Shape[3]
	clear(gb.Data)
	for bi := 0; bi < n; bi++ {
		for co := 0; co < cout; co++ {
			var s float32
			for _, v := range gy.Data[(bi*cout+co)*hw : (bi*cout+co+1)*hw] {
				s += v
			}
			gb.Data[co] += s
		}
	}
}

// weightGrad: ∂L/∂w[co, ci, ky, kx] = Σ_{n, oy, ox} gy[n, co, oy, ox] ·
// xpad[n, g·cpg+ci, oy·sh + ky·dh, ox·sw + kx·dw].
func (p *BackwardPlan) weightGrad(gw, x, gy *Tensor) {
	c, g := p.Conv, p.Geom
	n, cin, h, wd := g.Input[0], g.Input[1], g.Input[2], g.Input[3]
	cout, oh, ow := g.Output[1], g.Output[2], g.Output[3]
	ph, pw := h+g.Pad[0]+g.Pad[1], wd+g.Pad[2]+g.Pad[3]
	cpg, opg := cin/c.Groups, cout/c.Groups
	kh, kw := c.Kernel[0], c.Kernel[1]
	fast := c.Stride == [2]int{1, 1} && c.Dilation == [2]int{1, 1} && kw == 5
	clear(gw.Data)
	for bi := 0; bi < n; bi++ {
		padInput(p.xpad, x.Data[bi*cin*h*wd:(bi+1)*cin*h*wd], cin, h, wd, g.Pad, c.mode())
		for co := 0; co < cout; co++ {
			gyp := gy.Data[(bi*cout+co)*oh*ow : (bi*cout+co+1)*oh*ow]
			for ci := 0; ci < cpg; ci++ {
				xp := p.xpad[(co/opg*cpg+ci)*ph*pw : (co/opg*cpg+ci+1)*ph*pw]
				dw := gw.Data[(co*cpg+ci)*kh*kw : (co*cpg+ci+1)*kh*kw]
				if fast {
					weightGrad5(dw, xp, gyp, kh, oh, ow, pw)
				} else {
					p.weightGradGeneral(dw, xp, gyp, oh, ow, pw)
				}
			}
		}
	}
}

func (p *BackwardPlan) weightGradGeneral(dw, xp, gyp []float32, oh, ow, pw int) {
	c := p.Conv
	kh, kw := c.Kernel[0], c.Kernel[1]
	for ky := 0; ky < kh; ky++ {
		for kx := 0; kx < kw; kx++ {
			var s float32
			for oy := 0; oy < oh; oy++ {
				row := xp[(oy*c.Stride[0]+ky*c.Dilation[0])*pw+kx*c.Dilation[1]:]
				for ox, gv := range gyp[oy*ow : (oy+1)*ow] {
					s += gv * row[ox*c.Stride[1]]
				}
			}
			dw[ky*kw+kx] += s
		}
	}
}

// weightGrad5 is the stride-1, dilation-1, kw=5 weight gradient of one
// (output channel, input channel) pair: for each kernel row, five sliding dot
// products of a gy row with an input row, the input values kept in registers.
func weightGrad5(dw, xp, gyp []float32, kh, oh, ow, pw int) {
	for ky := 0; ky < kh; ky++ {
		var a0, a1, a2, a3, a4 float32
		for oy := 0; oy < oh; oy++ {
			r := xp[(oy+ky)*pw : (oy+ky)*pw+ow+4]
			gr := gyp[oy*ow : (oy+1)*ow]
			x0, x1, x2, x3 := r[0], r[1], r[2], r[3]
			for ox, gv := range gr {
				x4 := r[ox+4]
				a0 += gv * x0
				a1 += gv * x1
				a2 += gv * x2
				a3 += gv * x3
				a4 += gv * x4
				x0, x1, x2, x3 = x1, x2, x3, x4
			}
		}
		d := dw[ky*5 : ky*5+5]
		d[0] += a0
		d[1] += a1
		d[2] += a2
		d[3] += a3
		d[4] += a4
	}
}

// inputGrad computes the gradient of the padded input, then folds it back
// onto the input (F.pad's backward: each padded cell adds to its source),
// on the vector kernel when p has it.
func (p *BackwardPlan) inputGrad(gx, w, gy *Tensor) error {
	if p.ivec != nil && p.Workers == 1 {
		p.vectorInputGrad(gx, w, gy)
		return nil
	}
	clear(gx.Data)
	if p.tplan == nil {
		return nil // an empty output
	}
	p.tplan.Workers = p.Workers
	if err := p.tplan.Forward(p.gpad, gy, w, nil); err != nil {
		return err
	}
	g := p.Geom
	n, cin, h, wd := g.Input[0], g.Input[1], g.Input[2], g.Input[3]
	ph, pw := len(p.rowSrc), len(p.colSrc)
	for pl := 0; pl < n*cin; pl++ {
		src := p.gpad.Data[pl*ph*pw : (pl+1)*ph*pw]
		dst := gx.Data[pl*h*wd : (pl+1)*h*wd]
		for y, sy := range p.rowSrc {
			if sy < 0 {
				continue
			}
			for x, sx := range p.colSrc {
				if sx >= 0 {
					dst[sy*wd+sx] += src[y*pw+x]
				}
			}
		}
	}
	return nil
}
