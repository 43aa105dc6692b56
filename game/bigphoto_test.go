package game

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// A dropped 256x256 photo is used at its size: the canvas shows it, the
// maps are 256x256 (scaled down to fit), and the hover names the pixel and
// the output cell under the pointer.
func TestBigPhoto(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for y := range 256 {
		for x := range 256 {
			img.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	g := newAt(t, 1280, 720, 1)
	shot := screen(g)
	put(g, Input{Dropped: fstest.MapFS{"ramp.png": {Data: b.Bytes()}}})
	frame(t, g, shot)
	if got := g.st.InputShape(); got[2] != 256 || got[3] != 256 || g.st.Out.Shape[2] != 256 {
		t.Fatalf("input %v, output %v: want 256x256", got, g.st.Out.Shape)
	}
	c := inputOf(g).canvas
	pointerAt(g, c.X+c.W*(100.5/256), c.Y+c.H*(30.5/256), false)
	frame(t, g, shot)
	if want := "x[0, :, 30, 100] = (0.392, 0.118, 0.502)\n"; !strings.HasPrefix(g.hover.text, want) {
		t.Errorf("over the canvas: %q, want %q", g.hover.text, want)
	}
	pointAtMap(g, 1, 200.5/256, 10.5/256)
	pix := frame(t, g, shot)
	if want := "y[0, 1, 10, 200]"; !strings.HasPrefix(g.hover.text, want) {
		t.Errorf("over map 1: %q, want %s…", g.hover.text, want)
	}
	if r := mapsOf(g).tiles[0]; r.W > mapsOf(g).maps.W || r.W < 50 {
		t.Errorf("map 0 is %v wide in a column of %v", r.W, mapsOf(g).maps.W)
	}
	saveShot(t, "big-photo.png", pix)
}
