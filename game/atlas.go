package game

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/picture"
	"convplayground/game/state"
)

// Feature maps live in one atlas image, written with one WritePixels per
// change (the expensive call in browsers); each map is drawn from a
// sub-image. The canvas with its padding ring is a second small image.
// A cell holds the largest map of the current input (k=1, padding 4): the
// atlas grows, once, when a larger input (a dropped .npy) arrives.
const (
	atlasCols = 8                                  // 64 maps in a square: 8×8 cells, not a strip taller than a texture may be
	minCell   = picture.PhotoSize + 2*state.MaxPad // the photo's largest map
)

type atlas struct {
	cell        int // side of a map's cell, and of the input image
	maps, input *ebiten.Image
	pre         *ebiten.Image // what the trained network sees
	preKey      *float32
	mapPix      []byte
	inPix       []byte
	prePix      []byte
	mapKey      [2]uint64 // state version, output version (the colour map and scale are in the state)
	inKey       [2]uint64
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
func (v *view) mapScale(ch int) float32 {
	s := v.st
	var m float32
	if s.SharedScale || ch >= len(s.MapMin) {
		m = max(-s.Min, s.Max)
	} else {
		m = max(-s.MapMin[ch], s.MapMax[ch])
	}
	if m <= 0 {
		return 1
	}
	return m
}

// refreshAtlas rewrites the images whose inputs changed; the maps are
// rewritten when a panel draws one (mapImage): while training on the
// train tab, none is shown and each weight update would colour them all.
func (v *view) refreshAtlas() {
	if v.atlas == nil || v.atlas.cell < cellFor(v.st) {
		if v.atlas != nil {
			v.atlas.maps.Deallocate()
			v.atlas.input.Deallocate()
			v.atlas.pre.Deallocate()
		}
		v.atlas = newAtlas(cellFor(v.st))
	}
	a, s := v.atlas, v.st
	key := [2]uint64{s.Version, s.OutVersion}
	if key != a.inKey {
		a.inKey = key
		v.writeInput()
	}
	v.refreshPre()
}

// writeMaps colours every map into the atlas.
func (v *view) writeMaps() {
	a, s := v.atlas, v.st
	oh, ow := s.Out.Shape[2], s.Out.Shape[3]
	cell := a.cell
	stride := atlasCols * cell
	for ch := 0; ch < s.Out.Shape[1]; ch++ {
		plane, m := s.Input.MapPlane(ch), v.mapScale(ch) // the selected sample's
		x0, y0 := (ch%atlasCols)*cell, (ch/atlasCols)*cell
		for y := 0; y < oh; y++ {
			for x := 0; x < ow; x++ {
				c := cmap(s.Colormap, plane[y*ow+x]/m)
				o := 4 * ((y0+y)*stride + x0 + x)
				a.mapPix[o], a.mapPix[o+1], a.mapPix[o+2], a.mapPix[o+3] = c.R, c.G, c.B, 255
			}
		}
	}
	// Only the pixel rows that hold maps: the atlas has room for MaxOut
	// maps of the largest input, and the upload is the expensive part.
	rows := (s.Out.Shape[1]-1)/atlasCols*cell + oh
	a.maps.SubImage(image.Rect(0, 0, stride, rows)).(*ebiten.Image).WritePixels(a.mapPix[:4*stride*rows])
}

// writeInput draws the input and the padding ring the shown maps read
// (as F.pad fills it) into the input image.
func (v *view) writeInput() {
	a, s := v.atlas, v.st
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
				x, ok := float32(0), true
				if inside { // shown even without maps
					x = s.InputValue(min(c, s.C()-1), iy, ix)
				} else {
					x, _, ok = s.Teach.Padded(min(c, s.C()-1), iy, ix)
				}
				if !ok {
					break
				}
				rgb[c] = clamp((x-lo)/(hi-lo), 0, 1)
				a.inPix[o+3] = 255
			}
			for c := range rgb {
				a.inPix[o+c] = uint8(rgb[c]*255 + 0.5)
			}
		}
	}
	rows := h + 2*state.MaxPad // the rows written, as in writeMaps
	a.input.SubImage(image.Rect(0, 0, a.cell, rows)).(*ebiten.Image).WritePixels(a.inPix[:4*a.cell*rows])
}

// inputImage is the input with its padding ring.
func (v *view) inputImage() *ebiten.Image {
	s := v.st
	return v.atlas.input.SubImage(image.Rect(0, 0, s.W()+2*state.MaxPad, s.H()+2*state.MaxPad)).(*ebiten.Image)
}

// mapImage is channel ch's map in the atlas (the maps rewritten first
// when the state changed).
func (v *view) mapImage(ch int) *ebiten.Image {
	a, s := v.atlas, v.st
	if key := [2]uint64{s.Version, s.OutVersion}; key != a.mapKey {
		a.mapKey = key
		v.writeMaps()
	}
	oh, ow := v.st.Out.Shape[2], v.st.Out.Shape[3]
	x0, y0 := (ch%atlasCols)*v.atlas.cell, (ch/atlasCols)*v.atlas.cell
	return v.atlas.maps.SubImage(image.Rect(x0, y0, x0+ow, y0+oh)).(*ebiten.Image)
}

// refreshPre rewrites the preprocessed-digit image when it changed.
func (v *view) refreshPre() {
	m := &v.st.Trained.Model
	if len(m.Pre) != state.Size*state.Size || v.atlas.preKey == &m.Pre[0] {
		return
	}
	v.atlas.preKey = &m.Pre[0]
	pix := v.atlas.prePix
	for i, x := range m.Pre {
		b := uint8(clamp(x, 0, 1) * 255)
		pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = b, b, b, 255
	}
	v.atlas.pre.WritePixels(pix)
}
