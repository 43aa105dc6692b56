package game

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/opentype"

	"convplayground/assets"
	"convplayground/i18n/hangul"
)

// Font styles. Faces are made at the physical pixel size (virtual size ×
// scale), so text stays crisp at any window size and device scale factor.
const (
	regular = iota
	mono
	bold // Go Regular drawn twice, slightly shifted (painter.text): Go Bold would add ~35 KB (brotli) to the wasm
)

// The Go fonts, as embedded by package assets: without their hinting
// instructions, which opentype never runs (scripts/fonts.py).
var fontFiles = [...]string{regular: "fonts/Go-Regular.ttf", mono: "fonts/Go-Mono.ttf"}

// emboldenPx is how far right bold text's second copy is drawn, in
// physical pixels, for a face of px pixels.
func emboldenPx(px float64) float64 { return px / 16 }

type faceKey struct {
	style  int
	px     float64
	hangul bool // the Go font, then the Korean one (text.MultiFace)
}

type fonts struct {
	parsed [len(fontFiles)]*opentype.Font
	// hangul is the Korean font: until the language pack or the desktop's
	// copy sets the whole one (Game.setHangul), the embedded subset with
	// the switch's 한국어 (hangul.SwitchFile).
	hangul *opentype.Font
	faces  map[faceKey]text.Face
	sheet  textSheet // strings drawn at these faces (textsheet.go)
	// widths are strings' advances at these faces: every drawn label is
	// measured (for the cut check, fitting), the costliest part of a text
	// that the sheet already holds.
	widths map[widthKey]float64
}

type widthKey struct {
	s     string
	style int
	px    float64
}

// maxWidths bounds the kept advances (a long session's changing numbers):
// past it they are forgotten and measured again.
const maxWidths = 4096

// advance is text.Advance of s in a style at px physical pixels, bold's
// offset included.
func (f *fonts) advance(s string, style int, px float64) float64 {
	k := widthKey{s, style, px}
	if w, ok := f.widths[k]; ok {
		return w
	}
	if f.widths == nil || len(f.widths) >= maxWidths {
		f.widths = map[widthKey]float64{}
	}
	w := text.Advance(s, f.face(style, px, s))
	if style == bold {
		w += emboldenPx(px)
	}
	f.widths[k] = w
	return w
}

// hasHangul says whether s has Korean letters, which the Go fonts lack.
func hasHangul(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { // Jamo, compatibility Jamo, syllables
		return r >= 0x1100 && r <= 0x11ff || r >= 0x3130 && r <= 0x318f || r >= 0xac00 && r <= 0xd7a3
	})
}

// face returns the face that draws s in a style at a size in physical
// pixels: the Go font's, or for Korean text the Go font's with the Korean
// font's for what the Go font lacks (so Latin text, numbers and code in a
// Korean label look as in English, and English text is drawn exactly as
// before the Korean font existed). Faces are cached; the cache is dropped
// when the scale changes (see Game.setSize).
func (f *fonts) face(style int, px float64, s string) text.Face {
	if style == bold {
		style = regular
	}
	k := faceKey{style, px, hasHangul(s)}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	if f.faces == nil {
		f.faces = map[faceKey]text.Face{}
	}
	if f.parsed[style] == nil {
		b, err := assets.FS.ReadFile(fontFiles[style])
		if err != nil {
			panic(err) // the fonts are compiled in; this cannot fail
		}
		ft, err := opentype.Parse(b)
		if err != nil {
			panic(err)
		}
		f.parsed[style] = ft
	}
	of, err := opentype.NewFace(f.parsed[style], &opentype.FaceOptions{Size: px, DPI: 72, Hinting: 0})
	if err != nil {
		panic(err)
	}
	var fc text.Face = text.NewGoXFace(of)
	if k.hangul {
		fc = f.withHangul(fc, px)
	}
	f.faces[k] = fc
	return fc
}

// withHangul is face goFace, then the Korean font at px for the letters
// goFace lacks.
func (f *fonts) withHangul(goFace text.Face, px float64) text.Face {
	if f.hangul == nil {
		b, err := assets.FS.ReadFile(hangul.SwitchFile[len("assets/"):])
		if err == nil {
			f.hangul, err = hangul.Parse(b)
		}
		if err != nil {
			panic(err) // embedded; this cannot fail
		}
	}
	hf, err := hangul.NewFace(f.hangul, px)
	if err != nil {
		panic(err)
	}
	mf, err := text.NewMultiFace(goFace, text.NewGoXFace(hf))
	if err != nil {
		panic(err)
	}
	return mf
}

func (f *fonts) reset() { f.faces, f.widths = nil, nil; f.sheet.reset() }

// Text sizes in virtual pixels.
const (
	sizeTitle = 20
	sizeHead  = 15
	sizeBody  = 13
	sizeSmall = 11
	sizeMono  = 12.5
)
