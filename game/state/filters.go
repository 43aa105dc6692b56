package state

import (
	"math"
	"math/rand/v2"
)

// Preset names, in the order the filter editor cycles through them.
const (
	Identity  = "identity"
	BoxBlur   = "box blur"
	Gaussian  = "gaussian blur"
	Sharpen   = "sharpen"
	Outline   = "outline"
	LoG       = "LoG"
	SobelX    = "sobel x"
	SobelY    = "sobel y"
	PrewittX  = "prewitt x"
	PrewittY  = "prewitt y"
	Emboss    = "emboss"
	DiagUp    = "diagonal /"
	DiagDown  = "diagonal \\"
	Kaiming   = "kaiming"
	Learned   = "learned"
	MaxKernel = 7
)

// Presets lists the hand-made filters and PyTorch's default initialisation.
var Presets = []string{Identity, BoxBlur, Gaussian, Sharpen, Outline, LoG, SobelX, SobelY,
	PrewittX, PrewittY, Emboss, DiagUp, DiagDown, Kaiming}

// defaultBank is the preset of each of the 20 filter slots at start.
var defaultBank = []string{Identity, Gaussian, SobelX, SobelY, Outline, Sharpen, Emboss, Kaiming,
	BoxBlur, LoG, PrewittX, PrewittY, DiagUp, DiagDown, Kaiming, Kaiming, Kaiming, Kaiming, Kaiming, Kaiming}

// Filter is one output channel's weights and bias. W is the live weight
// [Cin/groups, k, k], row-major, derived (see channels.go) from the preset
// or, for edited and learned filters, from store.
type Filter struct {
	Preset string
	Edited bool   // a weight or the bias was changed by hand
	Seed   uint64 // for the kaiming preset
	W      []float32
	B      float32
	// EditedChannels has bit c set when a weight reading input channel c
	// was set by hand.
	EditedChannels uint8

	// store holds an edited or learned filter's own numbers: every input
	// channel at MaxKernel×MaxKernel, centred; nil for an unedited preset.
	store []float32
}

// presetKernel returns a preset's k×k kernel for one input channel, or nil
// for the random preset. Kernels are cross-correlation kernels, as Conv2d
// uses them: Sobel x is positive where the image gets brighter to the right.
func presetKernel(name string, k int) []float32 {
	w := make([]float32, k*k)
	c := float64(k-1) / 2 // centre; between two pixels for even k
	ci := (k - 1) / 2     // the centre pixel (top-left of the middle for even k)
	each := func(f func(x, y float64) float64) {
		for y := 0; y < k; y++ {
			for x := 0; x < k; x++ {
				w[y*k+x] = float32(f(float64(x)-c, float64(y)-c))
			}
		}
	}
	smooth, deriv, tri := binomial(k), derivative(k), pascal(k)
	switch name {
	case Identity:
		w[ci*k+ci] = 1
	case BoxBlur:
		each(func(x, y float64) float64 { return 1 / float64(k*k) })
	case Gaussian:
		each(func(x, y float64) float64 { return smooth[int(y+c)] * smooth[int(x+c)] })
	case Sharpen: // identity plus (identity − blur): unsharp masking, sums to 1
		g := presetKernel(Gaussian, k)
		for i := range w {
			w[i] = -g[i]
		}
		w[ci*k+ci] += 2
	case Outline: // all −1 around a centre that balances them: sums to 0
		each(func(x, y float64) float64 { return -1 })
		w[ci*k+ci] = float32(k*k - 1)
	case LoG: // negated Laplacian of a Gaussian ("Mexican hat"), zero sum
		s := max(0.5, float64(k)/5)
		each(func(x, y float64) float64 {
			r := (x*x + y*y) / (2 * s * s)
			return (1 - r) * math.Exp(-r)
		})
		zeroMean(w)
	case SobelX: // [-1 0 1; -2 0 2; -1 0 1] at k=3: smoothing down, difference across
		each(func(x, y float64) float64 { return tri[int(y+c)] * deriv[int(x+c)] })
	case SobelY:
		each(func(x, y float64) float64 { return deriv[int(y+c)] * tri[int(x+c)] })
	case PrewittX:
		each(func(x, y float64) float64 { return x })
	case PrewittY:
		each(func(x, y float64) float64 { return y })
	case Emboss: // light from the top left: [-2 -1 0; -1 1 1; 0 1 2] at k=3
		each(func(x, y float64) float64 { return x + y })
		w[ci*k+ci] = 1
	case DiagUp: // edges along "/": [0 1 2; -1 0 1; -2 -1 0] at k=3
		each(func(x, y float64) float64 { return x - y })
	case DiagDown: // edges along "\": [-2 -1 0; -1 0 1; 0 1 2] at k=3
		each(func(x, y float64) float64 { return x + y })
	default:
		return nil
	}
	return w
}

// pascal is row k−1 of Pascal's triangle: [1 2 1] at k=3, [1 4 6 4 1] at k=5.
func pascal(k int) []float64 { return widen([]float64{1}, k) }

// binomial is pascal normalised: the discrete Gaussian ([1 2 1]/4 at k=3).
func binomial(k int) []float64 {
	r := pascal(k)
	sum := 0.0
	for _, v := range r {
		sum += v
	}
	for i := range r {
		r[i] /= sum
	}
	return r
}

// derivative is the central difference [-1 0 1] smoothed to length k by
// binomials, unnormalised as Sobel's: [-1 -2 0 2 1] at k=5; zero at k=1.
func derivative(k int) []float64 {
	if k < 3 {
		if k == 2 {
			return []float64{-1, 1}
		}
		return []float64{0}
	}
	return widen([]float64{-1, 0, 1}, k)
}

// widen convolves r with [1 1] until it has k taps: each pass smooths it
// by one more binomial step.
func widen(r []float64, k int) []float64 {
	for len(r) < k {
		n := make([]float64, len(r)+1)
		for i, v := range r {
			n[i] += v
			n[i+1] += v
		}
		r = n
	}
	return r
}

func zeroMean(w []float32) {
	var s float32
	for _, v := range w {
		s += v
	}
	for i := range w {
		w[i] -= s / float32(len(w))
	}
}

// newFilter builds a preset whose weight has cin channels (in_channels /
// groups). Hand-made kernels are applied to the mean of the channels (each
// channel gets kernel/cin). The random preset is PyTorch's default init of
// Conv2d, kaiming_uniform_(a=√5), which amounts to U(−1/√fan_in, 1/√fan_in),
// fan_in = cin·k·k, for every weight of every channel independently and
// for the bias.
func newFilter(name string, k, cin int, seed uint64) Filter {
	f := Filter{Preset: name, Seed: seed, W: make([]float32, cin*k*k)}
	if kern := presetKernel(name, k); kern != nil {
		for c := 0; c < cin; c++ {
			for i, v := range kern {
				f.W[c*k*k+i] = v / float32(cin)
			}
		}
		return f
	}
	f.Preset = Kaiming
	bound := kaimingBound(cin * k * k)
	r := rand.New(rand.NewPCG(seed, 0x636f6e76))
	for i := range f.W {
		f.W[i] = float32((2*r.Float64() - 1) * bound)
	}
	f.B = float32((2*r.Float64() - 1) * bound)
	return f
}

// kaimingBound is the half-width of PyTorch's default uniform init for a
// Conv2d with the given fan_in = cin·kh·kw.
func kaimingBound(fanIn int) float64 { return 1 / math.Sqrt(float64(fanIn)) }
