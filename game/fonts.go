package game

import (
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/opentype"

	"convplayground/assets"
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
	style int
	px    float64
}

type fonts struct {
	parsed [len(fontFiles)]*opentype.Font
	faces  map[faceKey]*text.GoXFace
	sheet  textSheet // strings drawn at these faces (textsheet.go)
}

// face returns the face of a style at a size in physical pixels. Faces are
// cached; the cache is dropped when the scale changes (see Game.setSize).
func (f *fonts) face(style int, px float64) *text.GoXFace {
	if style == bold {
		style = regular
	}
	k := faceKey{style, px}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	if f.faces == nil {
		f.faces = map[faceKey]*text.GoXFace{}
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
	fc := text.NewGoXFace(of)
	f.faces[k] = fc
	return fc
}

func (f *fonts) reset() { f.faces = nil; f.sheet.reset() }

// Text sizes in virtual pixels.
const (
	sizeTitle = 20
	sizeHead  = 15
	sizeBody  = 13
	sizeSmall = 11
	sizeMono  = 12.5
)
