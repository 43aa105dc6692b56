// Package picture turns what a learner brings into input tensors (C×H×W
// float32, as torchvision's ToTensor makes them): the generated RGB photo,
// image files (decoded, scaled down by area averaging), camera frames,
// MNIST digits at another size, and the shapes a dropped .npy may have.
// It imports no graphics library beyond the standard image decoders.
package picture

import "math"

// The RGB input: a small generated "photo" (a house, a tree, a sun, hills),
// 3×64×64, so learners meet the common RGB example, Conv2d(3, 6, 5, 1, 2)
// on [1, 3, 64, 64] → [1, 6, 64, 64], with in_channels = 3 and a weight
// of [Cout, 3, k, k].
const (
	PhotoSize = 64
	RGB       = 3 // channels of a colour picture
)

// Photo renders the scene with 4×4 supersampling, channel-major (CHW), in [0, 1].
func Photo() []float32 {
	const n, ss = PhotoSize, 4
	img := make([]float32, RGB*n*n)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			var acc [3]float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					c := scene(float64(x)+(float64(sx)+0.5)/ss, float64(y)+(float64(sy)+0.5)/ss)
					for i := range acc {
						acc[i] += c[i]
					}
				}
			}
			for i := range acc {
				img[i*n*n+y*n+x] = float32(acc[i] / (ss * ss))
			}
		}
	}
	return img
}

// scene is the colour at a point of the picture (64 units wide).
func scene(x, y float64) [3]float64 {
	in := func(x0, y0, x1, y1 float64) bool { return x >= x0 && x < x1 && y >= y0 && y < y1 }
	disc := func(cx, cy, r float64) bool { return math.Hypot(x-cx, y-cy) < r }
	switch {
	case in(19, 41, 23, 50):
		return [3]float64{0.40, 0.25, 0.10} // door
	case in(14, 33, 18, 37) || in(25, 33, 29, 37):
		return [3]float64{0.30, 0.50, 0.80} // windows
	case in(12, 30, 30, 50):
		return [3]float64{0.88, 0.82, 0.70} // wall
	case y >= 19 && y < 30 && math.Abs(x-21) < (y-19)*1.05:
		return [3]float64{0.75, 0.20, 0.15} // roof
	case disc(46, 30, 8):
		return [3]float64{0.15, 0.45, 0.15} // crown
	case in(44.5, 36, 47.5, 53):
		return [3]float64{0.45, 0.30, 0.15} // trunk
	case y >= 44+3*math.Sin(x/9):
		return [3]float64{0.30, 0.62, 0.25} // grass
	case disc(52, 11, 6):
		return [3]float64{1.00, 0.85, 0.30} // sun
	}
	t := y / 44 // sky, darker at the top
	return [3]float64{0.45 + 0.35*t, 0.65 + 0.25*t, 0.95 + 0.05*t}
}
