// Package hangul loads the playground's Korean font: a subset of
// NanumGothic (scripts/korean_font.py) with the Hangul of KS X 1001 and
// every character of the message table. It is not embedded in the
// browser build, which would grow every English download by ~170 KB
// (brotli): the browser fetches File when Korean is first shown and
// hands the bytes to Parse; the desktop app can embed or read it. The
// view draws with the Go fonts first and this face second (Ebiten's
// text.MultiFace), so Latin text looks as it does in English.
package hangul

import (
	"errors"
	"fmt"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// File is the font's path from the repository's root, which is also its
// URL relative to the page (the site serves assets/fonts/ as it is).
const File = "assets/fonts/ConvPlaygroundHangul.ttf"

// SwitchFile is the same font with only the characters of the language
// switch's 한국어 (i18n.KO.Name()): 2 KB, 1.3 KB brotli, to embed, so the
// English page draws the switch without fetching File.
const SwitchFile = "assets/fonts/ConvPlaygroundHangul-Switch.ttf"

// Parse reads the font's bytes (File's or SwitchFile's). Anything else (a failed download's error
// page, another font) is refused with a message, not parsed into a face
// that draws empty boxes.
func Parse(b []byte) (*opentype.Font, error) {
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("Korean font: %w", err)
	}
	var buf sfnt.Buffer
	if gi, err := f.GlyphIndex(&buf, '한'); err != nil || gi == 0 {
		return nil, errors.New("Korean font: not the Korean font (no glyph for 한)")
	}
	return f, nil
}

// NewFace is the font at px pixels, made as the view makes the Go fonts'
// faces (72 DPI, so the size is in pixels, and no hinting).
func NewFace(f *opentype.Font, px float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
}
