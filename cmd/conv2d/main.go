// Command conv2d runs torch.nn.Conv2d outside the browser, with the same
// numbers as the playground and as PyTorch:
//
//	conv2d -x in.npy -w weight.npy [-b bias.npy] [-stride 2 | -stride 2,1]
//	       [-padding 2 | -padding 2,1 | -padding same | -padding valid]
//	       [-dilation 1] [-groups 1] [-padding-mode zeros] -o out.npy [-png maps.png]
//	       [-transpose [-output-padding 1 | -output-padding 1,0]]
//
// The in/out channels and the kernel size come from the weight's shape
// [out, in/groups, kh, kw]. -transpose runs torch.nn.ConvTranspose2d
// instead, whose weight is [in, out/groups, kh, kw] and which takes
// -output-padding (and only numbers for -padding).
// -x takes a .npy ([N,C,H,W], or [C,H,W] unbatched)
// or a PNG/JPEG image, read as [1,C,H,W] in [0,1] (grey: C=1, colour: C=3).
// It prints one line of shapes; a setting PyTorch rejects exits with status 1
// and PyTorch's message on stderr; a bad command line or file exits with
// status 2 and one message. -png draws the feature maps as a grid; -o and
// -png are written both or neither. The setting, the bias and the work are
// checked from the files' headers, before their data is read. A call
// needing more than -max-macs multiply-adds (default 2e10; a number, 0 or
// more) is refused before it starts; a call running over a second prints
// its progress on stderr. A float64 .npy value beyond float32's range is
// refused.
package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"math"
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

// flagError is a command line the flag package refused; it has printed the
// message and the usage already.
type flagError struct{ error }

func run(args []string, stdout, stderr io.Writer) int {
	err := conv2d(args, stdout, stderr)
	var ue usageError
	var fe flagError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &fe):
		return 2
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "conv2d:", err)
		return 2
	}
	fmt.Fprintln(stderr, err)
	return 1
}

// options are the parsed command line.
type options struct {
	x, w, b, o, png string
	maxMACs         float64
	conv            conv.Conv2d // all but the channels and kernel, which the weight gives
	transpose       bool        // ConvTranspose2d, with outputPadding
	outputPadding   [2]int
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("conv2d", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	fs.StringVar(&o.x, "x", "", "input: .npy [N,C,H,W] or [C,H,W], or a PNG/JPEG image")
	fs.StringVar(&o.w, "w", "", "weight .npy [out, in/groups, kh, kw]")
	fs.StringVar(&o.b, "b", "", "bias .npy [out] (none: bias=False)")
	stride := fs.String("stride", "1", "stride: s or sh,sw")
	padding := fs.String("padding", "0", "padding: p, ph,pw, same or valid")
	dilation := fs.String("dilation", "1", "dilation: d or dh,dw")
	fs.IntVar(&o.conv.Groups, "groups", 1, "groups")
	o.conv.PaddingMode = conv.ZerosMode
	fs.Func("padding-mode", "zeros, reflect, replicate or circular (default zeros)", func(v string) error {
		o.conv.PaddingMode = conv.PaddingMode(v) // PyTorch's message refuses an unknown one
		return nil
	})
	fs.StringVar(&o.o, "o", "", "output .npy")
	fs.StringVar(&o.png, "png", "", "also draw the feature maps into this PNG")
	fs.Float64Var(&o.maxMACs, "max-macs", defaultMaxMACs, "refuse calls needing more multiply-adds than this")
	fs.BoolVar(&o.transpose, "transpose", false, "ConvTranspose2d: the weight is [in, out/groups, kh, kw]")
	outputPadding := fs.String("output-padding", "0", "with -transpose, output_padding: p or ph,pw")
	if err := fs.Parse(args); err != nil {
		return nil, flagError{err}
	}
	if math.IsNaN(o.maxMACs) || math.IsInf(o.maxMACs, 0) || o.maxMACs < 0 {
		return nil, usageError{fmt.Errorf("-max-macs %v: want a number of multiply-adds, 0 or more", o.maxMACs)}
	}
	if o.x == "" || o.w == "" || o.o == "" {
		return nil, usageError{errors.New("-x, -w and -o are required (see -help)")}
	}
	if fs.NArg() > 0 {
		return nil, usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	var err error
	if o.conv.Stride, err = pair("-stride", *stride); err != nil {
		return nil, err
	}
	if o.conv.Dilation, err = pair("-dilation", *dilation); err != nil {
		return nil, err
	}
	if *padding == "same" || *padding == "valid" {
		o.conv.PaddingString = *padding
	} else if o.conv.Padding, err = pair("-padding", *padding); err != nil {
		return nil, err
	}
	return o, transposeFlags(o, *outputPadding)
}

func conv2d(args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	xf, wf, bf, err := openTensors(o)
	defer xf.close()
	defer wf.close()
	defer bf.close()
	if err != nil {
		return err
	}
	if o.transpose {
		x, w, b, err := readTensors(xf, wf, bf)
		if err != nil {
			return err
		}
		return transpose(o, x, w, b, stdout, stderr)
	}
	c := o.conv
	ws := wf.shape
	c.OutChannels, c.InChannels, c.Kernel, c.Bias = ws[0], ws[1]*c.Groups, [2]int{ws[2], ws[3]}, bf != nil
	g, err := c.Geometry(xf.shape)
	if err != nil {
		return err
	}
	if bf != nil && (len(bf.shape) != 1 || bf.shape[0] != ws[0]) {
		return fmt.Errorf("Given weight of size %s, expected bias to be 1-dimensional with %d elements, but got bias of size %s instead",
			conv.FormatShape(ws), ws[0], conv.FormatShape(bf.shape))
	}
	if err := checkWork(g, o.maxMACs); err != nil {
		return err
	}
	x, w, b, err := readTensors(xf, wf, bf)
	if err != nil {
		return err
	}
	y, err := forward(c, g, x, w, b, stderr)
	if err != nil {
		return err
	}
	return finish(o, x, w, b, y, g.Unbatched, stdout)
}

// finish saves the output y (unbatched: without its leading 1) and prints
// the line of shapes.
func finish(o *options, x, w, b, y *conv.Tensor, unbatched bool, stdout io.Writer) error {
	outShape := y.Shape
	if unbatched {
		outShape = y.Shape[1:]
	}
	if err := save(o, outShape, y); err != nil {
		return usageError{err}
	}
	bias := "none"
	if b != nil {
		bias = conv.FormatShape(b.Shape)
	}
	fmt.Fprintf(stdout, "input %s  weight %s  bias %s  output %s\n",
		conv.FormatShape(x.Shape), conv.FormatShape(w.Shape), bias, conv.FormatShape(outShape))
	return nil
}

// openTensors opens the input, the weight and the bias (nil without -b)
// and reads their headers.
func openTensors(o *options) (x, w, b *tensorFile, err error) {
	if x, err = openTensor(o.x, true); err != nil {
		return nil, nil, nil, usageError{err}
	}
	if w, err = openTensor(o.w, false); err != nil {
		return x, nil, nil, usageError{err}
	}
	if len(w.shape) != 4 {
		layout := "[out, in/groups, kh, kw]"
		if o.transpose {
			layout = "[in, out/groups, kh, kw] (-transpose)"
		}
		return x, w, nil, usageError{fmt.Errorf("%s: the weight must be 4-D %s, got %s", o.w, layout, conv.FormatShape(w.shape))}
	}
	if o.b != "" {
		if b, err = openTensor(o.b, false); err != nil {
			return x, w, nil, usageError{err}
		}
	}
	return x, w, b, nil
}

// readTensors reads the data of the files openTensors opened.
func readTensors(xf, wf, bf *tensorFile) (x, w, b *conv.Tensor, err error) {
	if x, err = xf.read(); err != nil {
		return nil, nil, nil, usageError{err}
	}
	if w, err = wf.read(); err != nil {
		return nil, nil, nil, usageError{err}
	}
	if bf != nil {
		if b, err = bf.read(); err != nil {
			return nil, nil, nil, usageError{err}
		}
	}
	return x, w, b, nil
}

// save writes the output .npy and the -png grid, both or neither: each
// under a temporary name first (writeAll).
func save(o *options, shape []int, y *conv.Tensor) error {
	files := map[string]func(io.Writer) error{
		o.o: func(w io.Writer) error { return npy.Write(w, shape, y.Data) },
	}
	if o.png != "" {
		grid, err := encodeGrid(y)
		if err != nil {
			return err
		}
		files[o.png] = func(w io.Writer) error { _, err := w.Write(grid); return err }
	}
	return writeAll(files)
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

// imageTensor turns an image into [1,C,H,W] in [0,1]: one channel for a
// grey image, three (R, G, B; alpha dropped) otherwise.
func imageTensor(img image.Image) *conv.Tensor {
	b := img.Bounds()
	h, w := b.Dy(), b.Dx()
	grey := greyModel(img.ColorModel())
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
