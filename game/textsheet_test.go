package game

import (
	"fmt"
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// farPixels counts the pixels where a and b differ by more than rounding
// (bold's two copies meet in the sheet before the screen: ±1 a channel).
func farPixels(a, b *image.RGBA) int {
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		for c := range 4 {
			if d := int(a.Pix[i+c]) - int(b.Pix[i+c]); d > 2 || d < -2 {
				n++
				break
			}
		}
	}
	return n
}

// Text from the sheet lands where text.Draw puts it, in every alignment
// and at fractional positions, also after the sheet filled up and was
// emptied.
func TestTextSheetMatchesTextDraw(t *testing.T) {
	var f fonts
	pixels := func(img *ebiten.Image) *image.RGBA {
		out := image.NewRGBA(img.Bounds())
		img.ReadPixels(out.Pix)
		return out
	}
	direct := func(s string, x, y float64, style, align int) *image.RGBA {
		img := ebiten.NewImage(400, 60)
		img.Fill(colBg)
		op := &text.DrawOptions{}
		op.GeoM.Translate(x, y)
		op.ColorScale.ScaleWithColor(colText)
		op.PrimaryAlign = [...]text.Align{text.AlignStart, text.AlignCenter, text.AlignEnd}[align]
		fc := f.face(style, 15, s)
		text.Draw(img, s, fc, op)
		if style == bold {
			op.GeoM.Translate(emboldenPx(15), 0)
			text.Draw(img, s, fc, op)
		}
		return pixels(img)
	}
	sheet := func(s string, x, y float64, style, align int) *image.RGBA {
		img := ebiten.NewImage(400, 60)
		img.Fill(colBg)
		var box image.Rectangle
		painter{dst: img, k: 1, fonts: &f, box: &box}.text(s, x, y, style, 15, colText, align)
		if box.Empty() {
			t.Errorf("%q: no drawn box", s)
		}
		return pixels(img)
	}
	check := func(when string) {
		for _, c := range []struct {
			s           string
			x, y        float64
			style, algn int
		}{
			{"Feature maps y  [1, 8, 28, 28]", 10.3, 5.6, bold, left},
			{"out_channels", 200.5, 20.25, mono, center},
			{"Copy link", 390.7, 30, regular, right},
		} {
			want, got := direct(c.s, c.x, c.y, c.style, c.algn), sheet(c.s, c.x, c.y, c.style, c.algn)
			if n := farPixels(got, want); n > 0 {
				t.Errorf("%s: %q: %d pixels differ from text.Draw's", when, c.s, n)
			}
		}
	}
	check("a fresh sheet")
	img := ebiten.NewImage(10, 10)
	p := painter{dst: img, k: 1, fonts: &f}
	n := 0
	for ; len(f.sheet.at) >= n; n++ { // until the sheet is emptied
		p.text(fmt.Sprintf("filler string number %d to fill the sheet", n), 0, 0, regular, 15, colText, left)
	}
	if n < 100 {
		t.Fatalf("the sheet was emptied after %d strings", n)
	}
	check(fmt.Sprintf("a sheet refilled after %d strings", n))
}
