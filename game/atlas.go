package game

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
)

// Feature maps live in one atlas image, written with one WritePixels per
// change (the expensive call in browsers); each map is drawn from a
// sub-image. The canvas with its padding ring is a second small image.
// A cell holds the largest map of the current input (k=1, padding 4): the
// atlas grows, once, when a larger input (a dropped .npy) arrives.
const (
	atlasCols = 5
	minCell   = state.PhotoSize + 2*state.MaxPad // the photo's largest map
)

type atlas struct {
	cell        int // side of a map's cell, and of the input image
	maps, input *ebiten.Image
	pre         *ebiten.Image // what the trained network sees
	preKey      *float32
	mapPix      []byte
	inPix       []byte
	prePix      []byte
	mapKey      [3]uint64 // output version, colormap, shared scale (viewKey)
	inKey       [2]uint64 // state version, output version
}

func newAtlas(cell int) *atlas {
	rows := (state.MaxOut + atlasCols - 1) / atlasCols
	a := &atlas{
		cell:  cell,
		maps:  ebiten.NewImage(atlasCols*cell, rows*cell),
		input: ebiten.NewImage(cell, cell),
		pre:   ebiten.NewImage(state.Size, state.Size),
	}
	a.mapPix = make([]byte, 4*atlasCols*cell*rows*cell)
	a.inPix = make([]byte, 4*cell*cell)
	a.prePix = make([]byte, 4*state.Size*state.Size)
	return a
}

// cellFor is the cell side the state's input needs.
func cellFor(s *state.State) int { return max(minCell, max(s.H(), s.W())+2*state.MaxPad) }

// mapScale is the half-range of the colour scale for channel ch.
func (g *Game) mapScale(ch int) float32 {
	s := g.st
	var m float32
	if g.st.SharedScale || ch >= len(s.MapMin) {
		m = max(-s.Min, s.Max)
	} else {
		m = max(-s.MapMin[ch], s.MapMax[ch])
	}
	if m <= 0 {
		return 1
	}
	return m
}

// refreshAtlas rewrites the images whose inputs changed.
func (g *Game) refreshAtlas() {
	if g.atlas == nil || g.atlas.cell < cellFor(g.st) {
		if g.atlas != nil {
			g.atlas.maps.Deallocate()
			g.atlas.input.Deallocate()
			g.atlas.pre.Deallocate()
		}
		g.atlas = newAtlas(cellFor(g.st))
	}
	a, s := g.atlas, g.st
	if key := g.viewKey(s.OutVersion); key != a.mapKey && s.Out != nil {
		a.mapKey = key
		g.writeMaps()
	}
	if key := [2]uint64{s.Version, s.OutVersion}; key != a.inKey {
		a.inKey = key
		g.writeInput()
	}
	g.refreshPre()
}

// writeMaps colours every map into the atlas.
func (g *Game) writeMaps() {
	a, s := g.atlas, g.st
	oh, ow := s.Out.Shape[2], s.Out.Shape[3]
	cell := a.cell
	stride := atlasCols * cell
	for ch := 0; ch < s.Out.Shape[1]; ch++ {
		plane, m := s.Out.Plane(0, ch), g.mapScale(ch)
		x0, y0 := (ch%atlasCols)*cell, (ch/atlasCols)*cell
		for y := 0; y < oh; y++ {
			for x := 0; x < ow; x++ {
				c := cmap(g.st.Colormap, plane[y*ow+x]/m)
				o := 4 * ((y0+y)*stride + x0 + x)
				a.mapPix[o], a.mapPix[o+1], a.mapPix[o+2], a.mapPix[o+3] = c.R, c.G, c.B, 255
			}
		}
	}
	a.maps.WritePixels(a.mapPix)
}

// writeInput draws the input and the padding ring the shown maps read
// (as F.pad fills it) into the input image.
func (g *Game) writeInput() {
	a, s := g.atlas, g.st
	lo, hi := float32(0), float32(1)
	if s.Normalize {
		lo = -1
	}
	// The input and its padding ring, at the top left of the image.
	h, w := s.H(), s.W()
	clear(a.inPix)
	for y := 0; y < h+2*state.MaxPad; y++ {
		for x := 0; x < w+2*state.MaxPad; x++ {
			o := 4 * (y*a.cell + x)
			iy, ix := y-state.MaxPad, x-state.MaxPad
			inside := iy >= 0 && ix >= 0 && iy < h && ix < w
			var rgb [3]float32
			for c := range rgb {
				v, ok := float32(0), true
				if inside { // shown even without maps
					v = s.InputValue(min(c, s.C()-1), iy, ix)
				} else {
					v, _, ok = s.Padded(min(c, s.C()-1), iy, ix)
				}
				if !ok {
					break
				}
				rgb[c] = min(1, max(0, (v-lo)/(hi-lo)))
				a.inPix[o+3] = 255
			}
			for c := range rgb {
				a.inPix[o+c] = uint8(rgb[c]*255 + 0.5)
			}
		}
	}
	a.input.WritePixels(a.inPix)
}

// inputImage is the input with its padding ring.
func (g *Game) inputImage() *ebiten.Image {
	s := g.st
	return g.atlas.input.SubImage(image.Rect(0, 0, s.W()+2*state.MaxPad, s.H()+2*state.MaxPad)).(*ebiten.Image)
}

// mapImage is channel ch's map in the atlas.
func (g *Game) mapImage(ch int) *ebiten.Image {
	oh, ow := g.st.Out.Shape[2], g.st.Out.Shape[3]
	x0, y0 := (ch%atlasCols)*g.atlas.cell, (ch/atlasCols)*g.atlas.cell
	return g.atlas.maps.SubImage(image.Rect(x0, y0, x0+ow, y0+oh)).(*ebiten.Image)
}
