// Package nn is torch.nn's layers in pure Go, exact to PyTorch 1.13 (NCHW
// float32, forward and backward, PyTorch's messages): Conv2d and
// ConvTranspose2d (on the conv core), ReLU, LeakyReLU, Sigmoid, Tanh,
// MaxPool2d, AvgPool2d, BatchNorm2d, Dropout, Flatten and Linear behind
// the Layer interface; Sequential, with
// its state_dict and PyTorch's default initialisation, built from an
// nn.Sequential text (Build, from package nn/arch); cross_entropy
// (CrossEntropy), SGD and Adam (TrainStep).
//
// On them, a small LeNet-style network for MNIST digits (Net, a Sequential
// of those layers: Net.Sequential), whose first layer is exactly the layer
// every learner meets first, nn.Conv2d(1, 20, 5, stride=1, padding=2). In
// PyTorch terms:
//
//	conv1 = nn.Conv2d(1, 20, 5, stride=1, padding=2)  # [N,1,28,28]  → [N,20,28,28]
//	relu, nn.MaxPool2d(2)                               #              → [N,20,14,14]
//	conv2 = nn.Conv2d(20, C2, 5)                        #              → [N,C2,10,10]
//	relu, nn.MaxPool2d(2)                               #              → [N,C2,5,5]
//	flatten                                             #              → [N,C2·25]
//	fc1 = nn.Linear(C2·25, H), relu                     #              → [N,H]
//	fc2 = nn.Linear(H, 10)                              #              → [N,10] logits
//
// trained with softmax cross-entropy (nn.CrossEntropyLoss). The committed
// weights (assets/mnist_lenet.bin, see Default) have C2 = 32 and H = 128
// (120,370 parameters, 240,848 bytes) and classify 99.28 % of the 10k MNIST
// test images correctly; cmd/train made them.
//
// Input scaling: 28x28 images, white digit on black, pixel values in [0, 1]
// (torchvision's ToTensor, no Normalize): MNIST byte / 255. A drawn digit
// should first go through Preprocess, which frames it as MNIST's digits are.
//
// # Weights file format
//
// All integers and floats little-endian:
//
//	magic   4 bytes  "CPNN"
//	version uint32   3
//	count   uint32   8 (tensors, in the order below)
//	count × { ndim uint32; dims ndim × uint32; data prod(dims) × float16 }
//
// The data are IEEE 754 half-precision floats (NumPy's '<f2'): Save rounds
// the float32 weights to the nearest one (ties to even), Load widens them
// back to float32 exactly. It halves the file the browser build embeds and
// costs LeNet nothing: the committed network's test accuracy and loss are
// the same as with its float32 weights. A tensor's float16 values are
// stored in two byte planes: the high byte of every value, then the low
// byte of every value (the high bytes, sign and exponent, compress well
// apart). Versions 1 (float32 data) and 2 (interleaved bytes) are refused.
//
// The tensors are conv1.weight [20,1,5,5], conv1.bias [20], conv2.weight
// [C2,20,5,5], conv2.bias [C2], fc1.weight [H,C2·25], fc1.bias [H],
// fc2.weight [10,H], fc2.bias [10] — PyTorch's state_dict order, layouts and
// shapes, so `torch.from_numpy(np.frombuffer(data, 'u1').reshape(2, -1)[::-1].T.copy().view('<f2').reshape(dims)).float()`
// loads each one. Load rejects anything else (wrong magic, version, count or
// shapes, C2 or H outside 1..MaxWidth, non-finite values, truncated or
// trailing bytes).
package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"convplayground/conv"
)

const (
	// Side is the input image side (28x28).
	Side = 28
	// Classes is the number of outputs (digits 0–9).
	Classes = 10
	// Conv1Filters is the first layer's number of 5x5 filters.
	Conv1Filters = 20
	// MaxWidth bounds C2 and H in a weights file, so a malformed header
	// cannot ask for a huge allocation.
	MaxWidth = 1024
)

// Net holds the network's parameters (PyTorch layouts). A Net is not safe
// for concurrent use: Predict reuses a workspace.
type Net struct {
	conv1, conv2 conv.Conv2d // the two convolution layers
	// Params in state_dict order: conv1.weight, conv1.bias, conv2.weight,
	// conv2.bias, fc1.weight, fc1.bias, fc2.weight, fc2.bias.
	Params [8]*conv.Tensor

	predict *share    // batch-1 workspace for Predict, made on first use
	follow  *follower // PredictWith's workspace, for the last conv1 and input shape
}

var paramNames = [8]string{"conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}

// shapes returns the parameter shapes of a network with widths c2 and h.
func shapes(c2, h int) [8][]int {
	return [8][]int{
		{Conv1Filters, 1, 5, 5}, {Conv1Filters},
		{c2, Conv1Filters, 5, 5}, {c2},
		{h, c2 * 25}, {h},
		{Classes, h}, {Classes},
	}
}

// New returns a network with widths c2 (conv2 filters) and h (hidden units),
// initialised as PyTorch does (kaiming_uniform(a=√5): weights and biases
// uniform in ±1/√fan_in), from a fixed seed.
func New(c2, h int, seed uint64) (*Net, error) {
	if c2 < 1 || c2 > MaxWidth || h < 1 || h > MaxWidth {
		return nil, fmt.Errorf("nn: widths C2=%d, H=%d outside 1..%d", c2, h, MaxWidth)
	}
	r := rand.New(rand.NewPCG(seed, 0x6e6e))
	n := newNet(c2)
	sh := shapes(c2, h)
	for i := 0; i < 8; i += 2 {
		w, b := conv.Zeros(sh[i]...), conv.Zeros(sh[i+1]...)
		bound := 1 / math.Sqrt(float64(w.Len()/sh[i][0])) // fan_in = weights per output
		for j := range w.Data {
			w.Data[j] = float32((2*r.Float64() - 1) * bound)
		}
		for j := range b.Data {
			b.Data[j] = float32((2*r.Float64() - 1) * bound)
		}
		n.Params[i], n.Params[i+1] = w, b
	}
	return n, nil
}

func newNet(c2 int) *Net {
	return &Net{conv1: conv.New(1, Conv1Filters, 5, 1, 2), conv2: conv.New(Conv1Filters, c2, 5, 1, 0)}
}

// Widths returns C2 (conv2 filters) and H (hidden units).
func (n *Net) Widths() (c2, h int) { return n.Params[2].Shape[0], n.Params[4].Shape[0] }

// Conv1 returns copies of the first layer's 20 filters [20,1,5,5] and their
// biases [20], ready for conv.Forward with conv.New(1, 20, 5, 1, 2).
func (n *Net) Conv1() (w, b *conv.Tensor) { return n.Params[0].Clone(), n.Params[1].Clone() }

// Predict returns the class probabilities (softmax of the logits) for one
// 28x28 image scaled as in training ([0,1], white on black; see Preprocess).
// After the first call it allocates nothing.
func (n *Net) Predict(x []float32) ([Classes]float32, error) {
	var p [Classes]float32
	if len(x) != Side*Side {
		return p, fmt.Errorf("nn: Predict wants %d pixels (28x28), got %d", Side*Side, len(x))
	}
	if n.predict == nil {
		n.predict = n.newShare(1, false)
	}
	copy(n.predict.x.Data, x)
	if _, err := n.predict.forward(); err != nil {
		return p, err
	}
	copy(p[:], n.predict.probs)
	return p, nil
}

// Stage is one step of the network's shape chain.
type Stage struct {
	Name  string // e.g. "conv1"
	Layer string // the PyTorch layer, e.g. "Conv2d(1, 20, kernel_size=5, stride=1, padding=2)"
	Shape []int  // output shape of this stage
}

func (s Stage) String() string {
	if s.Layer == "" {
		return fmt.Sprintf("%s %s", s.Name, conv.FormatShape(s.Shape))
	}
	return fmt.Sprintf("%s %s → %s", s.Name, s.Layer, conv.FormatShape(s.Shape))
}

// ShapeChain lists the network layer by layer for a batch of n images, from
// the input [n,1,28,28] to the logits [n,10].
func (n *Net) ShapeChain(batch int) []Stage {
	return n.ChainFrom(n.conv1, conv1Layer, []int{batch, 1, Side, Side}).Stages
}

// conv1Layer is the network's own first layer as PyTorch prints it.
const conv1Layer = "Conv2d(1, 20, kernel_size=5, stride=1, padding=2)"
