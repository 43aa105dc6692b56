package e2e

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// rect is a control's rectangle in CSS pixels, as window.convPlayground.controls() reports it.
type rect struct{ X, Y, W, H float64 }

func (r rect) center() (float64, float64) { return r.X + r.W/2, r.Y + r.H/2 }

func (r rect) image() image.Rectangle {
	return image.Rect(int(r.X), int(r.Y), int(r.X+r.W), int(r.Y+r.H))
}

func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return img
}

// savePNG keeps a screenshot next to the test's other output, for people.
func savePNG(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", p)
}

// changed is the fraction of pixels of r that differ between a and b by more
// than a small tolerance (software rendering may dither a little).
func changed(a, b image.Image, r image.Rectangle) float64 {
	r = r.Intersect(a.Bounds()).Intersect(b.Bounds())
	if r.Empty() {
		return 0
	}
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if dist(a.At(x, y), b.At(x, y)) > 24 {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

func dist(a, b color.Color) int {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	return absDiff(ar, br)>>8 + absDiff(ag, bg)>>8 + absDiff(ab, bb)>>8
}

func absDiff(a, b uint32) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// palette counts the distinct colours of r (quantised to 4 bits a channel)
// and returns the share of the most common one.
func palette(img image.Image, r image.Rectangle) (colours int, top float64) {
	r = r.Intersect(img.Bounds())
	counts := map[uint32]int{}
	best := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			k := cr>>12<<8 | cg>>12<<4 | cb>>12
			counts[k]++
			best = max(best, counts[k])
		}
	}
	if r.Empty() {
		return 0, 0
	}
	return len(counts), float64(best) / float64(r.Dx()*r.Dy())
}
