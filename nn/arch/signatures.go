package arch

import "convplayground/conv"

// signatures holds every supported layer's constructor (PyTorch 1.13's
// parameters, names and defaults; checked against inspect.signature by
// scripts/arch_cases.py's fixture).
var signatures = map[Kind]*signature{
	Conv2d: {
		qualname: "Conv2d",
		params: []param{req("in_channels"), req("out_channels"), req("kernel_size"), opt("stride", iv(1)),
			opt("padding", iv(0)), opt("dilation", iv(1)), opt("groups", iv(1)), opt("bias", bv(true)),
			opt("padding_mode", sv(string(conv.ZerosMode))), opt("device", none), opt("dtype", none)},
		build: func(b *binder, l *Layer) {
			c := &l.Conv
			c.InChannels, c.OutChannels = b.int("in_channels"), b.int("out_channels")
			c.Kernel, c.Stride = b.pair("kernel_size"), b.pair("stride")
			if v, _ := b.get("padding"); v.kind == vString {
				c.PaddingString = b.str("padding")
			} else {
				c.Padding = b.pair("padding")
			}
			c.Dilation, c.Groups, c.Bias = b.pair("dilation"), b.int("groups"), b.bool("bias")
			c.PaddingMode = conv.PaddingMode(b.str("padding_mode"))
			b.cpuFloat()
		},
		args: func(l Layer) []value {
			c := l.Conv
			padding := pv(c.Padding)
			if c.PaddingString != "" {
				padding = sv(c.PaddingString)
			}
			return []value{iv(c.InChannels), iv(c.OutChannels), pv(c.Kernel), pv(c.Stride), padding,
				pv(c.Dilation), iv(c.Groups), bv(c.Bias), sv(paddingMode(c)), none, none}
		},
	},
	ConvTranspose2d: {
		qualname: "ConvTranspose2d",
		params: []param{req("in_channels"), req("out_channels"), req("kernel_size"), opt("stride", iv(1)),
			opt("padding", iv(0)), opt("output_padding", iv(0)), opt("groups", iv(1)), opt("bias", bv(true)),
			opt("dilation", iv(1)), opt("padding_mode", sv(string(conv.ZerosMode))), opt("device", none), opt("dtype", none)},
		build: func(b *binder, l *Layer) {
			c := &l.Conv
			c.InChannels, c.OutChannels = b.int("in_channels"), b.int("out_channels")
			c.Kernel, c.Stride, c.Padding = b.pair("kernel_size"), b.pair("stride"), b.pair("padding")
			l.OutputPadding = b.pair("output_padding")
			c.Groups, c.Bias, c.Dilation = b.int("groups"), b.bool("bias"), b.pair("dilation")
			c.PaddingMode = conv.PaddingMode(b.str("padding_mode"))
			b.cpuFloat()
		},
		args: func(l Layer) []value {
			c := l.Conv
			return []value{iv(c.InChannels), iv(c.OutChannels), pv(c.Kernel), pv(c.Stride), pv(c.Padding),
				pv(l.OutputPadding), iv(c.Groups), bv(c.Bias), pv(c.Dilation), sv(paddingMode(c)), none, none}
		},
	},
	ReLU: {
		qualname: "ReLU",
		params:   []param{opt("inplace", bv(false))},
		build:    func(b *binder, l *Layer) { l.Inplace = b.bool("inplace") },
		args:     func(l Layer) []value { return []value{bv(l.Inplace)} },
	},
	LeakyReLU: {
		qualname: "LeakyReLU",
		params:   []param{opt("negative_slope", fv(0.01)), opt("inplace", bv(false))},
		build: func(b *binder, l *Layer) {
			l.NegativeSlope, l.Inplace = b.float("negative_slope"), b.bool("inplace")
		},
		args: func(l Layer) []value { return []value{fv(l.NegativeSlope), bv(l.Inplace)} },
	},
	Sigmoid: noArgs,
	Tanh:    noArgs,
	MaxPool2d: {
		qualname: "_MaxPoolNd",
		params: []param{req("kernel_size"), opt("stride", none), opt("padding", iv(0)), opt("dilation", iv(1)),
			opt("return_indices", bv(false)), opt("ceil_mode", bv(false))},
		build: func(b *binder, l *Layer) {
			poolWindow(b, l)
			b.refuse("dilation", b.pair("dilation") != [2]int{1, 1}, "the playground's max pooling has dilation 1")
			b.refuse("return_indices", b.bool("return_indices"), "the playground's pooling returns only the pooled values")
			b.refuse("ceil_mode", b.bool("ceil_mode"), floorOnly)
		},
		args: func(l Layer) []value {
			return []value{pv(l.Kernel), poolStride(l), pv(l.Padding), iv(1), bv(false), bv(false)}
		},
	},
	AvgPool2d: {
		qualname: "AvgPool2d",
		params: []param{req("kernel_size"), opt("stride", none), opt("padding", iv(0)), opt("ceil_mode", bv(false)),
			opt("count_include_pad", bv(true)), opt("divisor_override", none)},
		build: func(b *binder, l *Layer) {
			poolWindow(b, l)
			b.refuse("ceil_mode", b.bool("ceil_mode"), floorOnly)
			b.refuse("count_include_pad", !b.bool("count_include_pad"), "the playground's average pooling counts the padding in the window (count_include_pad=True)")
			v, _ := b.get("divisor_override")
			b.refuse("divisor_override", v.kind != vNone, "the playground's average pooling divides by the window's size")
		},
		args: func(l Layer) []value {
			return []value{pv(l.Kernel), poolStride(l), pv(l.Padding), bv(false), bv(true), none}
		},
	},
	BatchNorm2d: {
		qualname: "_BatchNorm",
		params: []param{req("num_features"), opt("eps", fv(1e-5)), opt("momentum", fv(0.1)), opt("affine", bv(true)),
			opt("track_running_stats", bv(true)), opt("device", none), opt("dtype", none)},
		build: func(b *binder, l *Layer) {
			l.NumFeatures, l.Eps = b.int("num_features"), b.float("eps")
			v, _ := b.get("momentum")
			b.refuse("momentum", v.kind == vNone, "give a number such as 0.1 (None, a cumulative moving average, is not implemented)")
			l.Momentum = b.float("momentum")
			b.refuse("affine", !b.bool("affine"), "the playground's BatchNorm2d always has a weight and a bias")
			b.refuse("track_running_stats", !b.bool("track_running_stats"), "the playground's BatchNorm2d always keeps running statistics")
			b.cpuFloat()
		},
		args: func(l Layer) []value {
			return []value{iv(l.NumFeatures), fv(l.Eps), fv(l.Momentum), bv(true), bv(true), none, none}
		},
	},
	Dropout: {
		qualname: "_DropoutNd",
		params:   []param{opt("p", fv(0.5)), opt("inplace", bv(false))},
		build:    func(b *binder, l *Layer) { l.P, l.Inplace = b.float("p"), b.bool("inplace") },
		args:     func(l Layer) []value { return []value{fv(l.P), bv(l.Inplace)} },
	},
	Flatten: {
		qualname: "Flatten",
		params:   []param{opt("start_dim", iv(1)), opt("end_dim", iv(-1))},
		build:    func(b *binder, l *Layer) { l.StartDim, l.EndDim = b.int("start_dim"), b.int("end_dim") },
		args:     func(l Layer) []value { return []value{iv(l.StartDim), iv(l.EndDim)} },
	},
	Linear: {
		qualname: "Linear",
		params: []param{req("in_features"), req("out_features"), opt("bias", bv(true)),
			opt("device", none), opt("dtype", none)},
		build: func(b *binder, l *Layer) {
			l.InFeatures, l.OutFeatures, l.Bias = b.int("in_features"), b.int("out_features"), b.bool("bias")
			b.cpuFloat()
		},
		args: func(l Layer) []value { return []value{iv(l.InFeatures), iv(l.OutFeatures), bv(l.Bias), none, none} },
	},
}

// noArgs is Sigmoid's and Tanh's constructor: torch.nn.Module's.
var noArgs = &signature{
	qualname: "Module",
	build:    func(*binder, *Layer) {},
	args:     func(Layer) []value { return nil },
}

const floorOnly = "the playground's pooling rounds the output size down (ceil_mode=False)"

// poolWindow reads a pool's kernel_size, stride (kernel_size when None)
// and padding.
func poolWindow(b *binder, l *Layer) {
	l.Kernel = b.pair("kernel_size")
	l.Stride = l.Kernel
	if v, _ := b.get("stride"); v.kind != vNone {
		l.Stride = b.pair("stride")
	}
	l.Padding = b.pair("padding")
}

// poolStride is a pool's stride as written: None when it is the kernel's.
func poolStride(l Layer) value {
	if l.Stride == l.Kernel {
		return none
	}
	return pv(l.Stride)
}

func paddingMode(c conv.Conv2d) string {
	if c.PaddingMode == "" {
		return string(conv.ZerosMode)
	}
	return string(c.PaddingMode)
}
