package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"convplayground/conv"
	"convplayground/nn"
)

// counts prints numbers as torchinfo does, with thousands separators: 120,370.
var counts = message.NewPrinter(language.English)

// summary prints the network as torchinfo's summary table does: one row
// per layer with its output shape, parameters and multiply-adds, then the
// totals. A layer that refuses its input ends the table with PyTorch's
// message (returned).
func summary(w io.Writer, s *nn.Sequential, in []int) error {
	shapes, shapeErr := s.Shapes(in)
	macs := make([]int64, len(s.Layers))
	if shapeErr == nil {
		macs, _ = s.MACs(in)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	rule := strings.Repeat("=", 96)
	fmt.Fprintln(w, rule)
	fmt.Fprintln(tw, "Layer (type:depth-idx)\tInput Shape\tOutput Shape\tParam #\tMult-Adds")
	out := "--"
	if shapeErr == nil && len(shapes) > 0 {
		out = conv.FormatShape(shapes[len(shapes)-1])
	}
	fmt.Fprintf(tw, "Sequential\t%s\t%s\t--\t--\n", conv.FormatShape(in), out)
	var params, total int64
	prev := in
	for i, l := range s.Layers {
		name := fmt.Sprintf("├─%s: 1-%d", kind(l), i+1)
		if i >= len(shapes) {
			fmt.Fprintf(tw, "%s\t%s\tERROR\t\t\n", name, conv.FormatShape(prev))
			break
		}
		var n int64
		for _, p := range l.State() {
			if p.Grad != nil {
				n += int64(p.Value.Len())
			}
		}
		params += n
		total += macs[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", name, conv.FormatShape(prev), conv.FormatShape(shapes[i]), dashes(n), dashes(macs[i]))
		prev = shapes[i]
	}
	tw.Flush()
	fmt.Fprintln(w, rule)
	counts.Fprintf(w, "Total params: %d\nTrainable params: %d\nNon-trainable params: 0\nTotal mult-adds: %d\n", params, params, total)
	fmt.Fprintln(w, rule)
	return shapeErr
}

// kind is the layer's class name, "Conv2d" of "Conv2d(1, 20, ...)".
func kind(l nn.Layer) string {
	k, _, _ := strings.Cut(l.String(), "(")
	return k
}

// dashes is torchinfo's "--" for a zero count.
func dashes(n int64) string {
	if n == 0 {
		return "--"
	}
	return counts.Sprint(n)
}
