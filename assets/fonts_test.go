package assets

import (
	"image"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The embedded fonts draw every character of the Go fonts they come from
// (golang.org/x/image/font/gofont) pixel for pixel the same, with the same
// advances, at text and title sizes; and they are smaller (no hinting).
func TestFontsDrawLikeTheGoFonts(t *testing.T) {
	for name, orig := range map[string][]byte{"fonts/Go-Regular.ttf": goregular.TTF, "fonts/Go-Mono.ttf": gomono.TTF} {
		b, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) >= len(orig)*2/3 {
			t.Errorf("%s: %d bytes, the original %d: the hinting is still there?", name, len(b), len(orig))
		}
		ours, err := opentype.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ref, err := opentype.Parse(orig)
		if err != nil {
			t.Fatal(err)
		}
		if ours.NumGlyphs() != ref.NumGlyphs() {
			t.Fatalf("%s: %d glyphs, the original %d", name, ours.NumGlyphs(), ref.NumGlyphs())
		}
		var buf sfnt.Buffer
		n := 0
		for r := rune(0x20); r < 0x10000; r++ {
			if gi, _ := ref.GlyphIndex(&buf, r); gi == 0 {
				continue
			}
			n++
			for _, px := range []float64{13, 31} {
				a, aw := render(t, ours, r, px)
				c, cw := render(t, ref, r, px)
				if aw != cw || !equalPix(a, c) {
					t.Fatalf("%s: %q at %g px differs from the original (advance %v, want %v)", name, r, px, aw, cw)
				}
			}
		}
		if n < 600 {
			t.Errorf("%s: only %d characters checked", name, n)
		}
	}
}

func render(t *testing.T, f *opentype.Font, r rune, px float64) (*image.Alpha, fixed.Int26_6) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	s := int(px * 2)
	dst := image.NewAlpha(image.Rect(0, 0, s, s))
	d := font.Drawer{Dst: dst, Src: image.Opaque, Face: face, Dot: fixed.P(s/4, s*3/4)}
	d.DrawString(string(r))
	adv, _ := face.GlyphAdvance(r)
	return dst, adv
}

func equalPix(a, b *image.Alpha) bool {
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			return false
		}
	}
	return true
}
