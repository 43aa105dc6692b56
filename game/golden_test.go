package game

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// goldenTolerance is how far a colour channel may differ from the golden
// screenshot: room for rounding and for a downscaled map sampling a
// neighbouring texel, below any change that matters
// (a changed number or colour differs by tens of levels).
const goldenTolerance = 16

// checkGolden compares shot with testdata/golden/name, or writes it there
// with -update. A pixel matches when the other image has its colour (within
// goldenTolerance per channel) at the same place or one pixel away, both
// ways: the maps are scaled from sub-images of Ebiten's texture atlas, and
// where a map lands in that atlas (which depends on what was drawn before in
// the process) moves a texel boundary by a pixel; a map shrunk to its tile
// may even pick a texel two away, on a few pixels (strayPixels). More
// differing pixels fail the test, and the shot is written next to the
// golden as name.got.png to look at.
func checkGolden(t *testing.T, name string, shot *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		writePNG(t, path, shot)
		return
	}
	want, err := readPNG(path)
	if err != nil {
		t.Fatalf("%s: %v (go test -update writes it)", name, err)
	}
	if want.Bounds() != shot.Bounds() {
		t.Errorf("%s: %v, golden %v", name, shot.Bounds(), want.Bounds())
		return
	}
	n, box := 0, image.Rectangle{}
	for y := shot.Rect.Min.Y; y < shot.Rect.Max.Y; y++ {
		for x := shot.Rect.Min.X; x < shot.Rect.Max.X; x++ {
			if !nearby(shot, want, x, y) || !nearby(want, shot, x, y) {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	if n > len(shot.Pix)/4/strayPixels {
		got := path + ".got.png"
		writePNG(t, got, shot)
		t.Errorf("%s: %d pixels differ from the golden, in %v (first: %v, golden %v); see %s",
			name, n, box, shot.RGBAAt(box.Min.X, box.Min.Y), want.RGBAAt(box.Min.X, box.Min.Y), got)
	}
}

// nearby says whether b has a's colour at (x, y) within one pixel.
func nearby(a, b *image.RGBA, x, y int) bool {
	c := a.RGBAAt(x, y)
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if p := image.Pt(x+dx, y+dy); p.In(b.Rect) && near(c, b.RGBAAt(p.X, p.Y)) {
				return true
			}
		}
	}
	return false
}

// strayPixels: one pixel in this many may differ (about 46 at 1280x720,
// where a changed digit of text is hundreds).
const strayPixels = 20000

func near(a, b interface{ RGBA() (r, g, b, a uint32) }) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	for _, d := range [][2]uint32{{ar, br}, {ag, bg}, {ab, bb}, {aa, ba}} {
		if diff := int(d[0]>>8) - int(d[1]>>8); diff > goldenTolerance || diff < -goldenTolerance {
			return false
		}
	}
	return true
}

func readPNG(path string) (*image.RGBA, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, err
	}
	rgba, ok := img.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(img.Bounds())
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				rgba.Set(x, y, img.At(x, y))
			}
		}
	}
	return rgba, nil
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
