// Command conv2d runs torch.nn.Conv2d outside the browser, with the same
// numbers as the playground and as PyTorch:
//
//	conv2d -x in.npy -w weight.npy [-b bias.npy] [-stride 2 | -stride 2,1]
//	       [-padding 2 | -padding 2,1 | -padding same | -padding valid]
//	       [-dilation 1] [-groups 1] [-padding-mode zeros] -o out.npy [-png maps.png]
//
// The in/out channels and the kernel size come from the weight's shape
// [out, in/groups, kh, kw]. -x takes a .npy ([N,C,H,W], or [C,H,W] unbatched)
// or a PNG/JPEG image, read as [1,C,H,W] in [0,1] (grey: C=1, colour: C=3).
// It prints one line of shapes; a setting PyTorch rejects exits with status 1
// and PyTorch's message on stderr. -png draws the feature maps as a grid.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"strconv"
	"strings"

	"convplayground/conv"
	"convplayground/conv/npy"
)

// maxImageSide bounds the images -x accepts (checked from the header, before decoding).
const maxImageSide = 4096

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a problem with the command line or the files (exit status 2);
// other errors are PyTorch's rejections of the setting (exit status 1).
type usageError struct{ error }

func run(args []string, stdout, stderr io.Writer) int {
	err := conv2d(args, stdout)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 2
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "conv2d:", err)
		return 2
	}
	fmt.Fprintln(stderr, err)
	return 1
}

func conv2d(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("conv2d", flag.ContinueOnError)
	xPath := fs.String("x", "", "input: .npy [N,C,H,W] or [C,H,W], or a PNG/JPEG image")
	wPath := fs.String("w", "", "weight .npy [out, in/groups, kh, kw]")
	bPath := fs.String("b", "", "bias .npy [out] (none: bias=False)")
	stride := fs.String("stride", "1", "stride: s or sh,sw")
	padding := fs.String("padding", "0", "padding: p, ph,pw, same or valid")
	dilation := fs.String("dilation", "1", "dilation: d or dh,dw")
	groups := fs.Int("groups", 1, "groups")
	mode := fs.String("padding-mode", "zeros", "zeros, reflect, replicate or circular")
	oPath := fs.String("o", "", "output .npy")
	pngPath := fs.String("png", "", "also draw the feature maps into this PNG")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *xPath == "" || *wPath == "" || *oPath == "" {
		return usageError{errors.New("-x, -w and -o are required (see -help)")}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	c := conv.Conv2d{Groups: *groups, PaddingMode: *mode}
	var err error
	if c.Stride, err = pair("-stride", *stride); err != nil {
		return err
	}
	if c.Dilation, err = pair("-dilation", *dilation); err != nil {
		return err
	}
	if *padding == "same" || *padding == "valid" {
		c.PaddingString = *padding
	} else if c.Padding, err = pair("-padding", *padding); err != nil {
		return err
	}
	x, err := loadInput(*xPath)
	if err != nil {
		return usageError{err}
	}
	w, err := loadNpy(*wPath)
	if err != nil {
		return usageError{err}
	}
	if len(w.Shape) != 4 {
		return usageError{fmt.Errorf("%s: the weight must be 4-D [out, in/groups, kh, kw], got %s", *wPath, conv.FormatShape(w.Shape))}
	}
	c.OutChannels, c.InChannels, c.Kernel = w.Shape[0], w.Shape[1]*c.Groups, [2]int{w.Shape[2], w.Shape[3]}
	var b *conv.Tensor
	if *bPath != "" {
		if b, err = loadNpy(*bPath); err != nil {
			return usageError{err}
		}
		c.Bias = true
	}
	g, err := c.Geometry(x.Shape)
	if err != nil {
		return err
	}
	if b != nil && (len(b.Shape) != 1 || b.Shape[0] != w.Shape[0]) {
		return fmt.Errorf("Given weight of size %s, expected bias to be 1-dimensional with %d elements, but got bias of size %s instead",
			conv.FormatShape(w.Shape), w.Shape[0], conv.FormatShape(b.Shape))
	}
	xb := conv.FromData(x.Data, g.Input...) // an unbatched input seen as a batch of one
	y, err := conv.Forward(c, xb, w, b)
	if err != nil {
		return err
	}
	outShape := y.Shape
	if g.Unbatched {
		outShape = y.Shape[1:]
	}
	if err := npy.Save(*oPath, outShape, y.Data); err != nil {
		return usageError{err}
	}
	if *pngPath != "" {
		if err := savePNG(*pngPath, y); err != nil {
			return usageError{err}
		}
	}
	bias := "none"
	if b != nil {
		bias = conv.FormatShape(b.Shape)
	}
	fmt.Fprintf(stdout, "input %s  weight %s  bias %s  output %s\n",
		conv.FormatShape(x.Shape), conv.FormatShape(w.Shape), bias, conv.FormatShape(outShape))
	return nil
}

// pair parses "2" or "2,1".
func pair(name, s string) ([2]int, error) {
	parts := strings.Split(s, ",")
	if len(parts) > 2 {
		return [2]int{}, usageError{fmt.Errorf("%s %q: want one number or two separated by a comma", name, s)}
	}
	var p [2]int
	for i, t := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(t))
		if err != nil {
			return p, usageError{fmt.Errorf("%s %q: want one number or two separated by a comma", name, s)}
		}
		p[i] = v
	}
	if len(parts) == 1 {
		p[1] = p[0]
	}
	return p, nil
}

func loadNpy(path string) (*conv.Tensor, error) {
	shape, data, err := npy.Load(path)
	if err != nil {
		return nil, err
	}
	return conv.FromData(data, shape...), nil
}

// loadInput reads a .npy (recognised by its magic bytes) or an image.
func loadInput(path string) (*conv.Tensor, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	if head, _ := r.Peek(6); string(head) == "\x93NUMPY" {
		shape, data, err := npy.Read(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return conv.FromData(data, shape...), nil
	}
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return nil, fmt.Errorf("%s: neither a .npy file nor a PNG/JPEG image (%v)", path, err)
	}
	if cfg.Width > maxImageSide || cfg.Height > maxImageSide {
		return nil, fmt.Errorf("%s: %d×%d pixels is too large (limit %d×%d)", path, cfg.Width, cfg.Height, maxImageSide, maxImageSide)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return imageTensor(img), nil
}

// imageTensor turns an image into [1,C,H,W] in [0,1]: one channel for a
// grey image, three (R, G, B; alpha dropped) otherwise.
func imageTensor(img image.Image) *conv.Tensor {
	b := img.Bounds()
	h, w := b.Dy(), b.Dx()
	grey := img.ColorModel() == color.GrayModel || img.ColorModel() == color.Gray16Model
	ch := 3
	if grey {
		ch = 1
	}
	t := conv.Zeros(1, ch, h, w)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if grey {
				g := color.Gray16Model.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray16)
				t.Data[y*w+x] = float32(g.Y) / 0xffff
				continue
			}
			c := color.NRGBA64Model.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA64)
			for i, v := range []uint16{c.R, c.G, c.B} {
				t.Data[(i*h+y)*w+x] = float32(v) / 0xffff
			}
		}
	}
	return t
}
