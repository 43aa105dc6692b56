// Command net runs a network written as PyTorch's nn.Sequential text, with
// the layers of package nn (PyTorch 1.13's numbers and messages):
//
//	net -arch arch.txt -weights state.npz -x in.npy -o out.npy     # eval-mode forward
//	net -arch arch.txt -x in.npy -summary                           # each layer's output shape, params, MACs
//	net -arch arch.txt -weights start.npz -x x.npy -labels y.npy -train-steps K -lr 0.05 -optim sgd -save after.npz
//
// -arch is a file holding the nn.Sequential(...) text, or - for stdin.
// -weights is a state_dict whose keys are the network's (0.weight, 0.bias,
// 3.running_mean, 3.num_batches_tracked, ...): an .npz (float32 or float64
// arrays, int64 for num_batches_tracked), a torch.save .pt/.pth or a
// .safetensors (package modelfile reads all three), loaded as
// load_state_dict(strict=True) does; without it the layers get PyTorch's default initialisation from
// -seed. -x is a float32 or float64 .npy. Training (-train-steps K) runs K
// steps in training mode (BatchNorm's batch statistics, Dropout's mask) of
// cross_entropy against -labels (an int64 or int32 .npy of class indices) with SGD
// (-momentum) or Adam (PyTorch's defaults), printing each step's loss; -save
// writes every state_dict entry afterwards.
//
// Exit status 1, with PyTorch's message on stderr, when PyTorch would refuse
// the network (a constructor's TypeError or ValueError), the weights or the
// input (the message names the layer); 2 for a bad command line or file (a
// text that is not an nn.Sequential of the supported layers and options),
// or work above -max-macs multiply-adds.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"convplayground/conv"
	"convplayground/conv/npy"
	"convplayground/modelfile"
	"convplayground/nn"
	"convplayground/nn/arch"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError is a problem with the command line or a file (exit status 2);
// other errors are PyTorch's refusals (exit status 1).
type usageError struct{ error }

// flagError is a command line the flag package refused and has reported.
type flagError struct{ error }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := netCmd(args, stdin, stdout, stderr)
	var ue usageError
	var fe flagError
	var le *nn.LayerError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &fe):
		return 2
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "net:", err)
		return 2
	case errors.As(err, &le):
		fmt.Fprintf(stderr, "%s\n(layer %d, %s)\n", le.Err, le.Index, le.Layer)
		return 1
	}
	fmt.Fprintln(stderr, err)
	return 1
}

type options struct {
	arch, weights, x, o, labels, save, optim string
	summary                                  bool
	seed                                     uint64
	maxMACs, lr, momentum                    float64
	steps                                    int
}

// defaultMaxMACs bounds the work of one run unless -max-macs raises it
// (cmd/conv2d's default: seconds on a laptop).
const defaultMaxMACs = 2e10

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("net", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	fs.StringVar(&o.arch, "arch", "", "file holding the nn.Sequential(...) text (- for stdin)")
	fs.StringVar(&o.weights, "weights", "", "state_dict .npz, .pt/.pth or .safetensors (none: PyTorch's default init from -seed)")
	fs.StringVar(&o.x, "x", "", "input .npy")
	fs.StringVar(&o.o, "o", "", "write the output (eval mode) to this .npy")
	fs.BoolVar(&o.summary, "summary", false, "print every layer's output shape, parameters and multiply-adds")
	fs.Uint64Var(&o.seed, "seed", 0, "seed of the default initialisation (without -weights) and of Dropout's masks")
	fs.Float64Var(&o.maxMACs, "max-macs", defaultMaxMACs, "refuse runs needing more multiply-adds than this")
	fs.StringVar(&o.labels, "labels", "", "class indices .npy (int64 or int32), for training")
	fs.IntVar(&o.steps, "train-steps", 0, "training steps on -x and -labels (cross_entropy)")
	fs.Float64Var(&o.lr, "lr", 0.01, "learning rate")
	fs.StringVar(&o.optim, "optim", "sgd", "optimizer: sgd or adam")
	fs.Float64Var(&o.momentum, "momentum", 0, "SGD's momentum")
	fs.StringVar(&o.save, "save", "", "write the state_dict after training (or as initialised or loaded) to this .npz")
	if err := fs.Parse(args); err != nil {
		return nil, flagError{err}
	}
	switch {
	case fs.NArg() > 0:
		return nil, usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	case o.arch == "" || o.x == "":
		return nil, usageError{errors.New("-arch and -x are required (see -help)")}
	case o.steps < 0:
		return nil, usageError{fmt.Errorf("-train-steps %d is negative", o.steps)}
	case o.steps > 0 && o.labels == "":
		return nil, usageError{errors.New("-train-steps needs -labels")}
	case o.steps == 0 && o.labels != "":
		return nil, usageError{errors.New("-labels is for training: give -train-steps")}
	case o.optim != "sgd" && o.optim != "adam":
		return nil, usageError{fmt.Errorf("-optim %q: want sgd or adam", o.optim)}
	case o.steps == 0 && o.o == "" && !o.summary && o.save == "":
		return nil, usageError{errors.New("nothing to do: give -o, -summary, -train-steps or -save")}
	}
	return o, nil
}

func netCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	s, err := network(o, stdin)
	if err != nil {
		return err
	}
	shape, xs, err := npy.Load(o.x)
	if err != nil {
		return usageError{fmt.Errorf("-x %s: %w", o.x, err)}
	}
	x := conv.FromData(xs, shape...)
	if o.summary {
		if err := summary(stdout, s, x.Shape); err != nil {
			return err
		}
	}
	if err := checkWork(s, x.Shape, o); err != nil {
		return err
	}
	if o.steps > 0 {
		if err := train(o, s, x, stdout); err != nil {
			return err
		}
	}
	if o.o != "" {
		s.Train = false
		y, err := s.Forward(x)
		if err != nil {
			return err
		}
		if err := npy.Save(o.o, y.Shape, y.Data); err != nil {
			return usageError{err}
		}
		fmt.Fprintf(stdout, "input %s -> output %s\n", conv.FormatShape(x.Shape), conv.FormatShape(y.Shape))
	}
	if o.save != "" {
		if err := npy.SaveNPZ(o.save, stateArrays(s)); err != nil {
			return usageError{err}
		}
	}
	return nil
}

// network builds the -arch text's network with -weights' values or the
// default initialisation.
func network(o *options, stdin io.Reader) (*nn.Sequential, error) {
	var text []byte
	var err error
	if o.arch == "-" {
		text, err = io.ReadAll(io.LimitReader(stdin, maxArchBytes+1))
	} else {
		text, err = readLimited(o.arch)
	}
	if err != nil {
		return nil, usageError{fmt.Errorf("-arch: %w", err)}
	}
	if len(text) > maxArchBytes {
		return nil, usageError{fmt.Errorf("-arch: more than %d bytes of text", maxArchBytes)}
	}
	spec, err := arch.Parse(string(text))
	var ae *arch.Error
	if errors.As(err, &ae) && strings.Contains(ae.Msg, ".__init__() ") {
		// A constructor's TypeError (a missing or unexpected argument):
		// Python refuses the network with it.
		return nil, fmt.Errorf("%s\n(-arch line %d, col %d)", ae.Msg, ae.Line, ae.Col)
	}
	if err != nil {
		return nil, usageError{fmt.Errorf("-arch %s: %w", o.arch, err)}
	}
	s, err := nn.Build(spec)
	if err != nil {
		return nil, err
	}
	s.Reset(o.seed)
	if o.weights == "" {
		return s, nil
	}
	arrays, err := modelfile.Load(o.weights)
	if err != nil {
		return nil, usageError{fmt.Errorf("-weights: %w", err)}
	}
	return s, s.LoadStateDict(nn.NamedArrays(arrays))
}

// maxArchBytes bounds the -arch text (a network of thousands of layers).
const maxArchBytes = 1 << 20

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxArchBytes+1))
}

// checkWork refuses a run above -max-macs before it starts. A pass costs
// its multiply-adds plus a value per layer output (the layers without
// products still move every value); a training step about three passes
// (forward, input and weight gradients).
func checkWork(s *nn.Sequential, in []int, o *options) error {
	macs, err := s.MACs(in)
	if err != nil {
		return err
	}
	shapes, _ := s.Shapes(in) // MACs has checked them
	var pass float64
	for i, m := range macs {
		pass += float64(m) + float64(conv.Numel(shapes[i]))
	}
	work := 3 * pass * float64(o.steps)
	if o.o != "" {
		work += pass
	}
	if work > o.maxMACs {
		return usageError{fmt.Errorf("this run needs about %.4g multiply-adds, above the limit of %g: raise it with -max-macs", work, o.maxMACs)}
	}
	return nil
}

// train runs the training steps, printing each step's loss.
func train(o *options, s *nn.Sequential, x *conv.Tensor, stdout io.Writer) error {
	shape, ls, err := loadLabels(o.labels)
	if err != nil {
		return usageError{fmt.Errorf("-labels %s: %w", o.labels, err)}
	}
	if len(shape) != 1 {
		return fmt.Errorf("0D or 1D target tensor expected, multi-target not supported")
	}
	var opt nn.Optimizer
	if o.optim == "adam" {
		opt, err = nn.NewAdam(s, o.lr)
	} else {
		opt, err = nn.NewSGD(s, o.lr, o.momentum)
	}
	if err != nil {
		return err
	}
	for step := 1; step <= o.steps; step++ {
		loss, err := nn.TrainStep(s, opt, x, ls)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "step %d loss %.7g\n", step, loss)
	}
	return nil
}

// loadLabels reads an int64 .npy of class indices.
func loadLabels(path string) ([]int, []int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	h, err := npy.ReadHeader(f)
	if err != nil {
		return nil, nil, err
	}
	v, err := npy.ReadInt64(f, h)
	if err != nil {
		return nil, nil, err
	}
	ls := make([]int, len(v))
	for i, l := range v {
		ls[i] = int(l)
	}
	return h.Shape, ls, nil
}

// stateArrays is the state_dict as .npz arrays: float32 values, int64
// num_batches_tracked (0-d), as torch's state_dict saved with np.savez.
func stateArrays(s *nn.Sequential) []npy.Array {
	var as []npy.Array
	for _, e := range s.StateDict() {
		if e.Count != nil {
			as = append(as, npy.Array{Name: e.Key, Shape: []int{}, DType: npy.Int64, I64: []int64{*e.Count}})
		} else {
			as = append(as, npy.Array{Name: e.Key, Shape: e.Value.Shape, DType: npy.Float32, F32: e.Value.Data})
		}
	}
	return as
}
