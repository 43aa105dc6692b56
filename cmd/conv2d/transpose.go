package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"convplayground/conv"
)

// transposeFlags checks and stores -output-padding, which only
// ConvTranspose2d has, as -padding 'same'/'valid' only Conv2d has.
func transposeFlags(o *options, outputPadding string) error {
	var err error
	if o.outputPadding, err = pair("-output-padding", outputPadding); err != nil {
		return err
	}
	switch {
	case !o.transpose && o.outputPadding != [2]int{}:
		return usageError{errors.New("-output-padding is a setting of -transpose (ConvTranspose2d)")}
	case o.transpose && o.conv.PaddingString != "":
		return usageError{fmt.Errorf("-padding %s is not a setting of -transpose (ConvTranspose2d takes numbers)", o.conv.PaddingString)}
	}
	return nil
}

// transpose runs nn.ConvTranspose2d: the in/out channels and the kernel
// size come from the weight's shape [in, out/groups, kh, kw].
func transpose(o *options, x, w, b *conv.Tensor, stdout, stderr io.Writer) error {
	c := conv.ConvTranspose2d{
		InChannels: w.Shape[0], OutChannels: w.Shape[1] * o.conv.Groups, Kernel: [2]int{w.Shape[2], w.Shape[3]},
		Stride: o.conv.Stride, Padding: o.conv.Padding, OutputPadding: o.outputPadding, Dilation: o.conv.Dilation,
		Groups: o.conv.Groups, Bias: b != nil, PaddingMode: o.conv.PaddingMode,
	}
	g, err := c.Geometry(x.Shape)
	if err != nil {
		return err
	}
	if b != nil && (len(b.Shape) != 1 || b.Shape[0] != c.OutChannels) {
		return fmt.Errorf("Given transposed=1, weight of size %s, expected bias to be 1-dimensional with %d elements, but got bias of size %s instead",
			conv.FormatShape(w.Shape), c.OutChannels, conv.FormatShape(b.Shape))
	}
	if err := checkWork(conv.Geometry{MACs: g.MACs}, o.maxMACs); err != nil {
		return err
	}
	y, err := transposeForward(c, g, x, w, b, stderr)
	if err != nil {
		return err
	}
	return finish(o, x, w, b, y, g.Unbatched, stdout)
}

// transposeForward is conv.TransposeForward one batch item at a time,
// reporting progress on stderr for long calls.
func transposeForward(c conv.ConvTranspose2d, g conv.TransposeGeometry, x, w, b *conv.Tensor, stderr io.Writer) (*conv.Tensor, error) {
	y, err := conv.NewTensor(g.Output...)
	if err != nil {
		return nil, err
	}
	n := g.Input[0]
	item, outItem := conv.Numel(g.Input[1:]), conv.Numel(g.Output[1:])
	p := progress{w: stderr, total: g.MACs, start: time.Now()}
	for i := 0; i < n; i++ {
		share := g.MACs / int64(n) // the last item's takes the remainder, so progress ends at 100%
		if i == n-1 {
			share = g.MACs - share*int64(n-1)
		}
		xi := conv.FromData(x.Data[i*item:(i+1)*item], append([]int{1}, g.Input[1:]...)...)
		yi, err := conv.TransposeForward(c, xi, w, b)
		if err != nil {
			return nil, err
		}
		copy(y.Data[i*outItem:], yi.Data)
		p.add(share)
	}
	return y, nil
}
