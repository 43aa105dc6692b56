package game

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
	"convplayground/nn/arch"
)

// The teaching views on a deeper Conv2d (selected in the strip): the
// step-through and the explain tab work on it as on layer 0, its window
// moving over layer i−1's maps, which these helpers draw (the input panel
// keeps layer 0's drawing).

// deepConv reports whether a Conv2d after layer 0 is selected.
func (v *view) deepConv() bool {
	return v.st.Layer > 0 && v.st.Layers.LayerSpec(v.st.Layer).Kind == arch.Conv2d
}

// teachTab reports whether tab is the maps column's view and its panel
// (the step-through, explain) works on the selected layer: layer 0 or a
// deeper Conv2d.
func (v *view) teachTab(tab mapTab) bool { return v.tab == tab && (v.st.Layer == 0 || v.deepConv()) }

// stepTab reports whether tab is the maps column's view and the
// step-through works on the selected layer: teachTab's, or a deeper
// ConvTranspose2d (its map fills in, without a window).
func (v *view) stepTab(tab mapTab) bool {
	return v.teachTab(tab) || v.tab == tab && v.st.Layer > 0 && v.st.Layers.LayerSpec(v.st.Layer).Kind == arch.ConvTranspose2d
}

// chanName labels input channel c of the selected layer: R, G, B or c0…
// on the input, c0… on layer i−1's maps.
func (v *view) chanName(c int) string {
	if v.st.Layer > 0 {
		return fmt.Sprintf("c%d", c)
	}
	return v.st.Bank.ChannelName(c)
}

// inChannel is the input channel that channel c of the selected filter
// reads (its group's), of the shown convolution.
func inChannel(sh state.Shown, filter, c int) int {
	g := sh.Geom
	perGroup := g.Output[1] / g.Conv.Groups
	return filter/perGroup*g.Weight[1] + c
}

// mapPic is one channel of a layer's output (the selected sample) as an
// image, on its own symmetric colour scale (the shared one across the
// layer's channels when the scale is shared), written when it changes.
type mapPic struct {
	img *ebiten.Image
	pix []byte
	key [7]uint64
}

// get is channel ch of layer i's output, nil when the layer has none.
func (m *mapPic) get(v *view, i, ch int) *ebiten.Image {
	s := v.st
	vals, sh := s.Layers.LayerSample(i)
	if len(sh) != 3 || ch < 0 || ch >= sh[0] {
		return nil
	}
	key := [7]uint64{s.Version, s.OutVersion, uint64(i), uint64(ch), uint64(s.Sample), uint64(s.Colormap), boolKey(s.SharedScale)}
	if m.img != nil && m.key == key {
		return m.img
	}
	m.key = key
	h, w := sh[1], sh[2]
	if m.img == nil || m.img.Bounds().Dx() != w || m.img.Bounds().Dy() != h {
		if m.img != nil {
			m.img.Deallocate()
		}
		m.img, m.pix = ebiten.NewImage(w, h), make([]byte, 4*w*h)
	}
	plane := vals[ch*h*w : (ch+1)*h*w]
	scale := maxAbs(plane)
	if s.SharedScale {
		scale = maxAbs(vals)
	}
	for j, x := range plane {
		c := cmap(s.Colormap, x/scale)
		m.pix[4*j], m.pix[4*j+1], m.pix[4*j+2], m.pix[4*j+3] = c.R, c.G, c.B, 255
	}
	m.img.WritePixels(m.pix)
	return m.img
}

func boolKey(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// drawLayerInput draws, in r, channel c of layer i−1's maps (the selected
// deeper Conv2d's input) with a window on it: the pixels read so far by
// the stepping tinted (f), the taps (padding taps, outside the map, in the
// padding mode's colour) and the dots of the weight pointed at in the
// editor (v.reach); a caption above says what it is.
func (v *view) drawLayerInput(p painter, pic *mapPic, r rect, c int, f *state.StepFrame, taps []conv.Tap, mode conv.PaddingMode) {
	s := v.st
	img := pic.get(v, s.Layer-1, c)
	if img == nil {
		return
	}
	size := v.textSize(sizeSmall)
	caption := p.fit(v.tf(i18n.LayerMapCaption, s.Layer-1, c), r.W+gap, regular, size)
	defer func() { // over the padding taps above the map, readable
		p.fill(rect{r.X, r.Y - size - 4, p.width(caption, regular, size) + 2, size + 2}, colBg)
		p.text(caption, r.X, r.Y-size-4, regular, size, colMuted, left)
	}()
	p.image(img, r, 1)
	p.stroke(r.inset(-1), 1, colBorder)
	h, w := img.Bounds().Dy(), img.Bounds().Dx()
	cw, ch := r.W/float64(w), r.H/float64(h)
	cell := func(y, x int) rect { return rect{r.X + float64(x)*cw, r.Y + float64(y)*ch, cw, ch} }
	if f.Stepping && f.H == h && f.W == w {
		fillRuns(p, f.Trail, h, w, true, cell, colTrail)
	}
	if rc := &v.reach; v.reachOn && rc.InChannel == c && rc.H == h && rc.W == w {
		d := max(2, min(cw, ch)*0.3)
		for j, on := range rc.Pixels {
			if on {
				at := cell(j/w, j%w)
				p.fill(rect{at.X + (at.W-d)/2, at.Y + (at.H-d)/2, d, d}, colReachLine)
			}
		}
	}
	if len(taps) == 0 {
		return
	}
	a, b := cell(taps[0].Y, taps[0].X), cell(taps[len(taps)-1].Y, taps[len(taps)-1].X)
	p.stroke(rect{a.X, a.Y, b.right() - a.X, b.bottom() - a.Y}, 2, colWinTap)
	for _, t := range taps {
		col := colWinTap
		if t.InPadding {
			col = padModeCol(mode)
		}
		p.fill(cell(t.Y, t.X).inset(min(cw, ch)*0.12), withAlpha(col, 0.6))
	}
}
