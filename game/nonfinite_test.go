package game

import (
	"bytes"
	"math"
	"testing"
	"testing/fstest"

	"convplayground/conv/npy"
)

// A dropped .npy near float32's limit (issue 10's) overflows the sums of
// sobel y (1+2+1 times the band's edge) to ±Inf: those cells of its map are
// hatched (dark, not the colormap's colour), the identity's map (finite)
// is not.
func TestNonFiniteHatched(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	x := make([]float32, 28*28)
	for i := range x {
		if i/28 >= 10 && i/28 < 18 { // a band of rows near the limit
			x[i] = 3.4e38
		}
	}
	var b bytes.Buffer
	if err := npy.Write(&b, []int{1, 1, 28, 28}, x); err != nil {
		t.Fatal(err)
	}
	g.loadDropped(fstest.MapFS{"huge.npy": {Data: b.Bytes()}})
	g.st.Recompute()
	if g.st.Filters[3].Preset.String() != "sobel y" {
		t.Fatalf("filter 3 is %q", g.st.Filters[3].Preset)
	}
	if g.nonFinite(0) || !g.nonFinite(3) {
		t.Fatalf("non-finite: map 0 %v (want false), map 3 %v (want true); notice %q", g.nonFinite(0), g.nonFinite(3), g.st.Notice)
	}
	g.dirty = true
	shot := frame(t, g, screen(g))
	saveShot(t, "nonfinite.png", shot)
	r, plane := mapsOf(g).tiles[3], g.st.Input.MapPlane(3)
	ow, oh := g.st.Out.Shape[3], g.st.Out.Shape[2]
	cw, ch := r.W/float64(ow), r.H/float64(oh)
	hatched, plain := 0, 0
	for i, v := range plane {
		x, y := int(r.X+(float64(i%ow)+0.25)*cw), int(r.Y+(float64(i/ow)+0.25)*ch)
		dark := shot.RGBAAt(x, y) == colText
		switch inf := math.IsInf(float64(v), 0) || math.IsNaN(float64(v)); {
		case inf && dark:
			hatched++
		case inf:
			t.Fatalf("cell %d (%v) is %v, not hatched", i, v, shot.RGBAAt(x, y))
		case !dark:
			plain++
		}
	}
	if hatched == 0 || plain == 0 {
		t.Errorf("%d hatched cells, %d plain ones: want both", hatched, plain)
	}
}
