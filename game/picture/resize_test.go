package picture

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

func randomRGBA(w, h int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 1))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	return img
}

// at reads channel c of output pixel (x, y) back as a byte.
func at(p []float32, n, c, x, y int) int {
	return int(math.Round(float64(p[(c*n+y)*n+x]) * 255))
}

// At the target size the pixels pass unchanged; at twice the size each
// output pixel is the rounded mean of its 2×2 block.
func TestResizeRGBWholeRatios(t *testing.T) {
	src := randomRGBA(64, 64, 1)
	p := ResizeRGB(src, src.Bounds(), 64, 64)
	for y := range 64 {
		for x := range 64 {
			for c := range 3 {
				if got, want := at(p, 64, c, x, y), int(src.RGBAAt(x, y).R); c == 0 && got != want {
					t.Fatalf("64→64 (%d,%d): %d, want %d", x, y, got, want)
				}
				if p[(c*64+y)*64+x] != float32(src.Pix[src.PixOffset(x, y)+c])/255 {
					t.Fatalf("64→64 (%d,%d,%d) changed", x, y, c)
				}
			}
		}
	}
	src = randomRGBA(128, 128, 2)
	p = ResizeRGB(src, src.Bounds(), 64, 64)
	for y := range 64 {
		for x := range 64 {
			for c := range 3 {
				sum := 0
				for _, d := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
					sum += int(src.Pix[src.PixOffset(2*x+d[0], 2*y+d[1])+c])
				}
				if got, want := at(p, 64, c, x, y), (2*sum+4)/8; got != want {
					t.Fatalf("128→64 (%d,%d,%d): %d, want %d (sum %d)", x, y, c, got, want, sum)
				}
			}
		}
	}
}

// At a fractional ratio the picture's mean is kept (area averaging moves
// no ink), a flat picture stays flat, and enlarging shows the pixels as
// blocks.
func TestResizeRGBFractionalAndEnlarged(t *testing.T) {
	for _, side := range []int{150, 77, 1023} {
		src := randomRGBA(side, side, uint64(side))
		p := ResizeRGB(src, src.Bounds(), 64, 64)
		for c := range 3 {
			var in, out float64
			for i := c; i < len(src.Pix); i += 4 {
				in += float64(src.Pix[i])
			}
			for _, v := range p[c*64*64 : (c+1)*64*64] {
				out += float64(v) * 255
			}
			in, out = in/float64(side*side), out/(64*64)
			if math.Abs(in-out) > 0.5 {
				t.Errorf("%d→64 channel %d: mean %.3f, source mean %.3f", side, c, out, in)
			}
		}
	}
	flat := image.NewUniform(color.RGBA{10, 200, 77, 255})
	for i, v := range ResizeRGB(flat, image.Rect(5, 5, 105, 105), 64, 64) {
		if want := []float32{10, 200, 77}[i/(64*64)] / 255; v != want {
			t.Fatalf("flat picture: value %d is %g, want %g", i, v*255, want*255)
		}
	}
	small := randomRGBA(2, 2, 3)
	p := ResizeRGB(small, small.Bounds(), 64, 64)
	for y := range 64 {
		for x := range 64 {
			if got, want := at(p, 64, 1, x, y), int(small.RGBAAt(x/32, y/32).G); got != want {
				t.Fatalf("2→64 (%d,%d): %d, want %d", x, y, got, want)
			}
		}
	}
}

// Transparency is composited over white; the square may sit anywhere in
// the source's bounds.
func TestResizeRGBAlphaAndOffset(t *testing.T) {
	img := image.NewNRGBA(image.Rect(-30, 10, 70, 110))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{255, 0, 0, 128}) // half-transparent red
	}
	img.SetNRGBA(-30, 10, color.NRGBA{0, 0, 255, 255}) // outside the square below
	p := ResizeRGB(img, image.Rect(-29, 10, 70, 109), 64, 64)
	for i, want := range []int{255, 127, 127} {
		for _, v := range p[i*64*64 : (i+1)*64*64] {
			if got := int(math.Round(float64(v) * 255)); got < want-1 || got > want+1 {
				t.Fatalf("channel %d: %d, want %d±1 (red at half alpha over white)", i, got, want)
			}
		}
	}
}
