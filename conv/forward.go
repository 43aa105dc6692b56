package conv

// Plan holds the geometry and workspace for repeated forward passes of one
// setting on one input shape, so that repeated calls allocate nothing.
type Plan struct {
	Conv Conv2d
	Geom Geometry
	pad  []float32 // padded input, one batch item: C × (H+pt+pb) × (W+pl+pr)
}

// NewPlan validates the settings for an input shape and allocates the workspace.
func NewPlan(c Conv2d, input []int) (*Plan, error) {
	g, err := c.Geometry(input)
	if err != nil {
		return nil, err
	}
	ph, pw := input[2]+g.Pad[0]+g.Pad[1], input[3]+g.Pad[2]+g.Pad[3]
	return &Plan{Conv: c, Geom: g, pad: make([]float32, input[1]*ph*pw)}, nil
}

// Forward computes the convolution into a new tensor.
func Forward(c Conv2d, x, w, b *Tensor) (*Tensor, error) {
	p, err := NewPlan(c, x.Shape)
	if err != nil {
		return nil, err
	}
	out, err := NewTensor(p.Geom.Output...)
	if err != nil {
		return nil, err
	}
	return out, p.Forward(out, x, w, b)
}

// Forward computes the convolution of x with weight w and bias b (nil when the
// layer has no bias) into dst, whose shape must be p.Geom.Output.
func (p *Plan) Forward(dst, x, w, b *Tensor) error {
	if err := p.check(dst, x, w, b); err != nil {
		return err
	}
	g := p.Geom
	n, cin, h, wd := g.Input[0], g.Input[1], g.Input[2], g.Input[3]
	ph, pw := h+g.Pad[0]+g.Pad[1], wd+g.Pad[2]+g.Pad[3]
	cout, oh, ow := g.Output[1], g.Output[2], g.Output[3]
	cpg, opg := cin/p.Conv.Groups, cout/p.Conv.Groups
	kh, kw := p.Conv.Kernel[0], p.Conv.Kernel[1]
	sh, sw, dh, dw := p.Conv.Stride[0], p.Conv.Stride[1], p.Conv.Dilation[0], p.Conv.Dilation[1]
	for bi := 0; bi < n; bi++ {
		padInput(p.pad, x.Data[bi*cin*h*wd:(bi+1)*cin*h*wd], cin, h, wd, g.Pad, p.Conv.mode())
		for co := 0; co < cout; co++ {
			grp := co / opg
			var bias float32
			if b != nil {
				bias = b.Data[co]
			}
			out := dst.Data[(bi*cout+co)*oh*ow:]
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					var s float32
					for ci := 0; ci < cpg; ci++ {
						in := p.pad[(grp*cpg+ci)*ph*pw:]
						wt := w.Data[(co*cpg+ci)*kh*kw:]
						for ky := 0; ky < kh; ky++ {
							for kx := 0; kx < kw; kx++ {
								s += wt[ky*kw+kx] * in[(oy*sh+ky*dh)*pw+ox*sw+kx*dw]
							}
						}
					}
					out[oy*ow+ox] = s + bias
				}
			}
		}
	}
	return nil
}

func (p *Plan) check(dst, x, w, b *Tensor) error {
	g := p.Geom
	switch {
	case !sameShape(x.Shape, g.Input):
		return shapeErr("input", x.Shape, g.Input)
	case !sameShape(w.Shape, g.Weight):
		return shapeErr("weight", w.Shape, g.Weight)
	case !sameShape(dst.Shape, g.Output):
		return shapeErr("output", dst.Shape, g.Output)
	case (b == nil) != (g.Bias == nil):
		return shapeErr("bias", shapeOf(b), g.Bias)
	case b != nil && !sameShape(b.Shape, g.Bias):
		return shapeErr("bias", b.Shape, g.Bias)
	}
	return nil
}

// padInput writes one batch item of x (C×H×W) into dst with the given padding.
func padInput(dst, x []float32, c, h, w int, p [4]int, mode string) {
	ph, pw := h+p[0]+p[1], w+p[2]+p[3]
	for ci := 0; ci < c; ci++ {
		src, d := x[ci*h*w:], dst[ci*ph*pw:]
		for y := 0; y < ph; y++ {
			sy, yok := source(y-p[0], h, mode)
			for xx := 0; xx < pw; xx++ {
				sx, xok := source(xx-p[2], w, mode)
				if yok && xok {
					d[y*pw+xx] = src[sy*w+sx]
				} else {
					d[y*pw+xx] = 0
				}
			}
		}
	}
}

// source maps a padded coordinate i (relative to the input's origin) to the
// input coordinate it copies, per padding mode; ok is false for a zero pad.
func source(i, n int, mode string) (int, bool) {
	if i >= 0 && i < n {
		return i, true
	}
	switch mode {
	case ReflectMode:
		if i < 0 {
			return -i, true
		}
		return 2*(n-1) - i, true
	case ReplicateMode:
		return min(max(i, 0), n-1), true
	case CircularMode:
		return ((i % n) + n) % n, true
	}
	return 0, false
}
