// Package preset is the filter presets: the hand-made kernels (identity,
// blurs, sharpening, edges, emboss) at any kernel size, and PyTorch's
// default initialisation of a Conv2d weight, each a typed Preset that
// knows its name.
package preset

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// Preset is one way to fill a filter.
type Preset int

// The presets, in the order the filter editor cycles through them (and a
// link code numbers them); Learned last: the trained network's own filter.
const (
	Identity Preset = iota
	BoxBlur
	Gaussian
	Sharpen
	Outline
	LoG
	SobelX
	SobelY
	PrewittX
	PrewittY
	Emboss
	DiagUp
	DiagDown
	Kaiming
	Learned
)

var names = [...]string{"identity", "box blur", "gaussian blur", "sharpen", "outline", "LoG", "sobel x", "sobel y",
	"prewitt x", "prewitt y", "emboss", "diagonal /", "diagonal \\", "kaiming", "learned"}

// String is the preset's name as the editor shows it: "sobel x".
func (p Preset) String() string {
	if p < 0 || int(p) >= len(names) {
		return "preset " + strconv.Itoa(int(p))
	}
	return names[p]
}

// Cycle lists the hand-made filters and PyTorch's default initialisation:
// every preset but Learned, in order.
var Cycle = func() []Preset {
	c := make([]Preset, Learned)
	for i := range c {
		c[i] = Preset(i)
	}
	return c
}()

// Weights are preset p's weights for cin input channels (in_channels /
// groups) at kernel size k, and its bias. Hand-made kernels apply to the
// mean of the channels (each channel gets kernel/cin), bias 0. Any other
// preset (Kaiming, Learned: then handmade is false) is PyTorch's default
// init of Conv2d, kaiming_uniform_(a=√5), which amounts to U(−1/√fan_in,
// 1/√fan_in), fan_in = cin·k·k, for every weight of every channel
// independently and for the bias, drawn from seed.
func Weights(p Preset, k, cin int, seed uint64) (w []float32, b float32, handmade bool) {
	w = make([]float32, cin*k*k)
	if kern := Kernel(p, k); kern != nil {
		for c := 0; c < cin; c++ {
			for i, v := range kern {
				w[c*k*k+i] = v / float32(cin)
			}
		}
		return w, 0, true
	}
	bound := KaimingBound(cin * k * k)
	r := rand.New(rand.NewPCG(seed, 0x636f6e76))
	for i := range w {
		w[i] = float32((2*r.Float64() - 1) * bound)
	}
	return w, float32((2*r.Float64() - 1) * bound), false
}

// Kernel returns a preset's k×k kernel for one input channel, or nil
// for the random preset. Kernels are cross-correlation kernels, as Conv2d
// uses them: Sobel x is positive where the image gets brighter to the right.
func Kernel(p Preset, k int) []float32 {
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
	switch p {
	case Identity:
		w[ci*k+ci] = 1
	case BoxBlur:
		each(func(x, y float64) float64 { return 1 / float64(k*k) })
	case Gaussian:
		each(func(x, y float64) float64 { return smooth[int(y+c)] * smooth[int(x+c)] })
	case Sharpen: // identity plus (identity − blur): unsharp masking, sums to 1
		g := Kernel(Gaussian, k)
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

// KaimingBound is the half-width of PyTorch's default uniform init for a
// Conv2d with the given fan_in = cin·kh·kw.
func KaimingBound(fanIn int) float64 { return 1 / math.Sqrt(float64(fanIn)) }
