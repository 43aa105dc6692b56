package conv

// referenceForward is the plain 7-loop definition of nn.Conv2d, written
// independently of the kernels: every tap maps its coordinate into the input
// through the padding mode, one element at a time. Tests compare against it.
func referenceForward(c Conv2d, x, w, b *Tensor) *Tensor {
	g, err := c.Geometry(x.Shape)
	if err != nil {
		panic(err)
	}
	out := Zeros(g.Output...)
	n, cin, h, wd := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	cout, oh, ow := g.Output[1], g.Output[2], g.Output[3]
	cpg, opg := cin/c.Groups, cout/c.Groups
	at := func(bi, ci, y, xx int) float64 {
		y, xx = refIndex(y, h, c.mode()), refIndex(xx, wd, c.mode())
		if y < 0 || xx < 0 {
			return 0
		}
		return float64(x.At(bi, ci, y, xx))
	}
	for bi := 0; bi < n; bi++ {
		for co := 0; co < cout; co++ {
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					var s float64
					if b != nil {
						s = float64(b.Data[co])
					}
					for ci := 0; ci < cpg; ci++ {
						for ky := 0; ky < c.Kernel[0]; ky++ {
							for kx := 0; kx < c.Kernel[1]; kx++ {
								y := oy*c.Stride[0] + ky*c.Dilation[0] - g.Pad[0]
								xx := ox*c.Stride[1] + kx*c.Dilation[1] - g.Pad[2]
								s += float64(w.At(co, ci, ky, kx)) * at(bi, co/opg*cpg+ci, y, xx)
							}
						}
					}
					out.Set(float32(s), bi, co, oy, ox)
				}
			}
		}
	}
	return out
}

// refIndex maps an unpadded coordinate to the input, or -1 for a zero.
func refIndex(i, n int, mode PaddingMode) int {
	for i < 0 || i >= n {
		switch mode {
		case ReflectMode:
			if i < 0 {
				i = -i
			} else {
				i = 2*(n-1) - i
			}
		case ReplicateMode:
			i = min(max(i, 0), n-1)
		case CircularMode:
			if i < 0 {
				i += n
			} else {
				i -= n
			}
		default:
			return -1
		}
	}
	return i
}
