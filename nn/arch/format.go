package arch

import (
	"fmt"
	"strconv"
	"strings"
)

// String is the canonical text of the network, one layer per line, which
// Parse reads back to the same Spec:
//
//	nn.Sequential(
//	    nn.Conv2d(1, 20, 5, padding=2),
//	    nn.ReLU()
//	)
func (s Spec) String() string {
	if len(s.Layers) == 0 {
		return "nn.Sequential()"
	}
	var b strings.Builder
	b.WriteString("nn.Sequential(\n")
	for i, l := range s.Layers {
		b.WriteString("    " + l.String())
		if i < len(s.Layers)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(")")
	return b.String()
}

// String is the layer as Python: nn.Conv2d(1, 20, 5, padding=2). The
// required arguments are positional, the others are keywords in PyTorch's
// order, written only when they differ from the default.
func (l Layer) String() string {
	sig, ok := signatures[l.Kind]
	if !ok {
		return l.Kind.String() + "()"
	}
	var args []string
	for i, v := range sig.args(l) {
		p := sig.params[i]
		switch {
		case p.required:
			args = append(args, v.repr())
		case v.repr() != p.def.repr():
			args = append(args, p.name+"="+v.repr())
		}
	}
	return "nn." + l.Kind.String() + "(" + strings.Join(args, ", ") + ")"
}

// Short is a compact label for a strip of layers: "Conv2d 1→20 k5",
// "Conv2d 20→32 k3 s2", "MaxPool2d 2", "Linear 3920→10", "ReLU".
func (l Layer) Short() string {
	name := l.Kind.String()
	switch l.Kind {
	case Conv2d, ConvTranspose2d:
		s := fmt.Sprintf("%s %d→%d k%s", name, l.Conv.InChannels, l.Conv.OutChannels, shortPair(l.Conv.Kernel))
		if l.Conv.Stride != [2]int{1, 1} {
			s += " s" + shortPair(l.Conv.Stride)
		}
		return s
	case MaxPool2d, AvgPool2d:
		s := name + " " + shortPair(l.Kernel)
		if l.Stride != l.Kernel {
			s += " s" + shortPair(l.Stride)
		}
		return s
	case Linear:
		return fmt.Sprintf("%s %d→%d", name, l.InFeatures, l.OutFeatures)
	case BatchNorm2d:
		return fmt.Sprintf("%s %d", name, l.NumFeatures)
	case Dropout:
		return name + " " + strconv.FormatFloat(l.P, 'g', -1, 64)
	case LeakyReLU:
		return name + " " + strconv.FormatFloat(l.NegativeSlope, 'g', -1, 64)
	}
	return name
}

// shortPair is "5" for (5, 5), else "3x5".
func shortPair(p [2]int) string {
	if p[0] == p[1] {
		return strconv.Itoa(p[0])
	}
	return fmt.Sprintf("%dx%d", p[0], p[1])
}
