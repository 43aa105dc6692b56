package hangul

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"convplayground/assets"
	"convplayground/i18n"
)

func load(t *testing.T) *opentype.Font { return loadFile(t, File) }

func loadFile(t *testing.T, name string) *opentype.Font {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func goFont(t *testing.T, name string) *opentype.Font {
	t.Helper()
	b, err := assets.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func has(f *opentype.Font, r rune) bool {
	var buf sfnt.Buffer
	gi, err := f.GlyphIndex(&buf, r)
	return err == nil && gi != 0
}

// The subset keeps KS X 1001's 2,350 syllables (so typed Korean renders)
// and not the other 8,822, and draws them.
func TestSyllables(t *testing.T) {
	f := load(t)
	n := 0
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		if has(f, r) {
			n++
		}
	}
	if n != 2350 {
		t.Errorf("%d syllables, want KS X 1001's 2350", n)
	}
	// Common ones and the last, 힝, all in KS X 1001; 똠, 쌰, 햏, 뷁 are
	// famously not, nor the last syllable of Unicode, 힣.
	for _, r := range "가각한글합성곱맵필터힝" {
		if !has(f, r) {
			t.Errorf("no glyph for %q", r)
		}
	}
	for _, r := range "똠쌰햏뷁힣" {
		if has(f, r) {
			t.Errorf("%q is not in KS X 1001 but has a glyph", r)
		}
	}
	face, err := NewFace(f, 13)
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	dst := image.NewAlpha(image.Rect(0, 0, 40, 20))
	d := font.Drawer{Dst: dst, Src: image.Opaque, Face: face, Dot: fixed.P(1, 15)}
	d.DrawString("한글")
	ink := 0
	for _, p := range dst.Pix {
		if p > 0 {
			ink++
		}
	}
	if adv := d.MeasureString("한"); ink < 40 || adv < fixed.I(11) || adv > fixed.I(14) {
		t.Errorf("한글 at 13 px: %d inked pixels, advance %v", ink, adv)
	}
}

func TestParseRefuses(t *testing.T) {
	goRegular, err := assets.FS.ReadFile("fonts/Go-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"empty":      nil,
		"error page": []byte("<!doctype html><title>404 Not Found</title>"),
		"Go Regular": goRegular,
	} {
		if _, err := Parse(b); err == nil || !strings.HasPrefix(err.Error(), "Korean font: ") {
			t.Errorf("%s: Parse gave %v", name, err)
		}
	}
}

// The switch's font draws 한국어 and is small: the English page embeds it.
func TestSwitchFont(t *testing.T) {
	f := loadFile(t, SwitchFile)
	for _, r := range i18n.KO.Name() {
		if !has(f, r) {
			t.Errorf("no glyph for %q", r)
		}
	}
	fi, err := os.Stat(filepath.Join("..", "..", SwitchFile))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > 4096 {
		t.Errorf("%s: %d bytes", SwitchFile, fi.Size())
	}
}
