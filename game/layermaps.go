package game

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/game/teach"
	"convplayground/i18n"
	"convplayground/nn/arch"
)

// layerMaps is the maps tab while a layer after layer 0 is selected (the
// strip): that layer's output for the selected sample, every channel as a
// heatmap ([C,H,W]), or its values as bars ([F]); the network's last
// layer with 10 outputs as the ten probabilities (softmax). Where the chain
// breaks, PyTorch's message instead. Layer 0 is mapsPanel's.
type layerMaps struct {
	*view
	head  rect
	area  rect
	tiles []rect
	hover rect // the hover line
	img   *ebiten.Image
	pix   []byte
	key   [6]uint64  // what img holds
	cols  int        // img's tiles per row
	cell  teach.Cell // the cell the explain tab explains (a click on a map picks it)
	// A deeper Conv2d's input, left of its maps: layer i−1's map that the
	// selected filter's channel reads, with the stepped window.
	inTile rect
	inPic  mapPic
	frame  state.StepFrame
	taps   []conv.Tap
	pr     teach.PixelReach // the pointed pixel of that map: the cells that read it, when prOn
	prOn   bool
}

// shown reports whether this panel has the maps column: a deeper layer
// is selected (the other tabs then say that they show layer 0 only), but
// a deeper Conv2d's explain tab is explainPanel's.
func (lm *layerMaps) shown() bool {
	return lm.st.Layer > 0 && !(lm.tab == tabExplain && lm.deepConv())
}

func (lm *layerMaps) layout(a *areas) []control {
	lm.tiles = nil
	if !lm.shown() {
		return nil
	}
	r := a.maps
	lm.head = rect{r.X, r.Y, r.W, headH}
	lm.hover = rect{r.X, r.bottom() - 2*hoverLineH - 4, r.W, 2*hoverLineH + 4}
	lm.area = rect{r.X, r.Y + headH + 8, r.W, lm.hover.Y - r.Y - headH - 14}
	sh := lm.tileShape()
	lm.inTile = rect{}
	if sh != nil {
		area := lm.area
		if lm.tab == tabMaps && lm.deepConv() { // its input map on the left, a third of the width
			side := min(area.W*0.3, area.H-20)
			lm.inTile = rect{area.X, area.Y + 20, side, side}
			area.X, area.W = area.X+side+gap, area.W-side-gap
		}
		if lm.tab == tabChannels { // a line above says what the parts are
			area.Y, area.H = area.Y+18, area.H-18
		}
		lm.tiles = tileGrid(area, sh[0])
		for i, t := range lm.tiles {
			lm.tiles[i] = t.fit(float64(sh[2]) / float64(sh[1]))
		}
	}
	ctrls := []control{{name: "layer_maps", kind: kArea, r: lm.area}}
	if lm.tab != tabMaps { // the channels tab's tiles are input channels: a press picks nothing
		return ctrls
	}
	for ch, t := range lm.tiles {
		ctrls = append(ctrls, control{name: fmt.Sprintf("lmap%d", ch), kind: kArea, r: t, press: func(x, y float64) {
			if _, sh := lm.st.Layers.LayerSample(lm.st.Layer); len(sh) == 3 {
				lm.cell = teach.Cell{Map: ch, OY: min(int((y-t.Y)/t.H*float64(sh[1])), sh[1]-1), OX: min(int((x-t.X)/t.W*float64(sh[2])), sh[2]-1)}
				if lm.stepTab(tabMaps) { // its filter in the editor, its cell explained
					lm.selectFilter(ch)
					lm.st.Player.Pin(lm.cell)
				}
			}
		}})
	}
	return ctrls
}

func (lm *layerMaps) drawKey(k *drawKey) {
	s := lm.st
	k.b(lm.shown())
	k.i(int(lm.tab))
	k.i(lm.cell.Map)
	k.i(lm.cell.OY)
	k.i(lm.cell.OX)
	k.u(s.Version)
	k.u(s.OutVersion)
	k.i(s.Layer)
	k.s(lm.view.hover.text)
	k.i(s.Filter)
	k.i(s.Channel)
	k.b(lm.reachOn)
	k.b(lm.prOn)
	k.i(lm.pr.Y)
	k.i(lm.pr.X)
	s.Player.StepFrame(&lm.frame)
	k.b(lm.frame.Stepping)
	k.i(lm.frame.Index)
	k.i(lm.frame.Cell.Map)
}

func (lm *layerMaps) draw(p painter) {
	if !lm.shown() {
		return
	}
	s := lm.st
	i := s.Layer
	l := s.Layers.LayerSpec(i)
	head := lm.tf(i18n.LayerHead, i, l.Short())
	v, sh := s.Layers.LayerSample(i)
	if sh != nil {
		head += "  " + shapeList(s.Layers.LayerShape(i))
	}
	heading(p, lm.head, head)
	switch {
	case lm.tab == tabExplain && (l.Kind == arch.ConvTranspose2d || l.Kind == arch.MaxPool2d || l.Kind == arch.AvgPool2d):
		lm.drawExplain(p, l.Kind)
	case lm.tab == tabChannels && l.Kind == arch.Conv2d:
		lm.drawChannels(p)
	case lm.tab != tabMaps:
		what := lm.tf(i18n.LayerNotForTab, lm.t(tabLabels[lm.tab]), i)
		if lm.tab == tabExplain {
			what = lm.tf(i18n.LayerNoExplain, i, l.Kind)
		}
		lm.drawMessage(p, lm.t(i18n.LayerNotForNow), what, colMuted)
	case s.Layers.LayerError(i) != "":
		lm.drawMessage(p, lm.t(i18n.LayerRejected), s.Layers.LayerError(i), colError)
	case v == nil:
		lm.drawMessage(p, lm.t(i18n.LayerNoOutput), lm.t(i18n.LayerChainBreaks), colMuted)
	case len(sh) == 3:
		lm.drawTiles(p, v, sh, s.SharedScale)
		lm.drawStepping(p)
	case len(sh) == 1 && sh[0] == 10 && i == s.Layers.NumLayers()-1:
		lm.drawBars(p, state.Softmax(v), true)
	case len(sh) == 1:
		lm.drawBars(p, v, false)
	default:
		lm.drawMessage(p, "", lm.tf(i18n.LayerNotDrawn, shapeList(sh)), colMuted)
	}
	p.text(p.fit(lm.view.hover.text, lm.hover.W, mono, sizeSmall), lm.hover.X, lm.hover.Y+4, mono, sizeSmall, colText, left)
}

// drawStepping draws the stepped map filled up to the current cell (a
// deeper Conv2d or ConvTranspose2d) and, for a Conv2d, its input map (the
// selected filter's channel of layer i−1) with the stepped window.
func (lm *layerMaps) drawStepping(p painter) {
	s, f := lm.st, &lm.frame
	if lm.tab != tabMaps || !lm.stepTab(tabMaps) {
		return
	}
	s.Player.StepFrame(f)
	if f.Stepping && f.Cell.Map < len(lm.tiles) {
		fillAfter(p, lm.tiles[f.Cell.Map], f)
	}
	sh, ok := s.Teach.Shown()
	if !lm.deepConv() || !ok { // a ConvTranspose2d: no window (its explain tab lists the paints)
		return
	}
	lm.taps = lm.taps[:0]
	if f.Stepping {
		for _, t := range f.Taps {
			lm.taps = append(lm.taps, t.Tap)
		}
	}
	lm.drawLayerInput(p, &lm.inPic, lm.inTile, inChannel(sh, s.Filter, s.Channel), f, lm.taps, sh.Mode)
	if r := &lm.pr; lm.prOn {
		cw, ch := lm.inTile.W/float64(f.W), lm.inTile.H/float64(f.H)
		p.stroke(rect{lm.inTile.X + float64(r.X)*cw, lm.inTile.Y + float64(r.Y)*ch, cw, ch}.inset(-1), 2, colReachLine)
		for m := r.MapFrom; m < r.MapTo && m < len(lm.tiles); m++ {
			t := lm.tiles[m]
			cw, ch := t.W/float64(r.Wout), t.H/float64(r.Hout)
			eachRun(r.Cells, r.Hout, r.Wout, true, func(y, x int) rect { return rect{t.X + float64(x)*cw, t.Y + float64(y)*ch, cw, ch} }, func(c rect) {
				p.stroke(c.inset(-0.5), 1.5, colReachLine)
			})
		}
	}
}

// hoverPixel: a pixel of the deeper Conv2d's input map, and the cells of
// its maps whose window reads it (weight sharing read backwards).
func (lm *layerMaps) hoverPixel(x, y float64, h *hoverInfo) {
	s := lm.st
	sh, ok := s.Teach.Shown()
	if !ok || !lm.inTile.has(x, y) {
		return
	}
	hh, ww := sh.Geom.Input[2], sh.Geom.Input[3]
	py, px := min(hh-1, int((y-lm.inTile.Y)/lm.inTile.H*float64(hh))), min(ww-1, int((x-lm.inTile.X)/lm.inTile.W*float64(ww)))
	c := inChannel(sh, s.Filter, s.Channel)
	if s.Teach.PixelReach(&lm.pr, c, py, px) != nil {
		return
	}
	lm.prOn = true
	r := &lm.pr
	h.text = lm.tf(i18n.LayerPixelHover,
		s.Layer-1, s.Sample, c, py, px, formatHover(sh.X.At(min(s.Sample, sh.X.Shape[0]-1), c, py, px)), r.Count, r.PerMap, r.MapTo-r.MapFrom)
}

// tileShape is the [C,H,W] of the maps the tab draws as tiles: the layer's
// output in the maps tab, a Conv2d's map taken apart by input channel in
// the channels tab; nil for none.
func (lm *layerMaps) tileShape() []int {
	s := lm.st
	switch {
	case lm.tab == tabMaps:
		if _, sh := s.Layers.LayerSample(s.Layer); len(sh) == 3 {
			return sh
		}
	case lm.tab == tabChannels && s.Layers.LayerSpec(s.Layer).Kind == arch.Conv2d:
		if _, sh, _, err := s.Teach.LayerChannelMaps(s.Layer, lm.cell.Map); err == nil {
			return sh
		}
	}
	return nil
}

// drawChannels draws the selected map (the cell's, picked in the maps
// tab) taken apart by input channel: each channel's Σ w·x as a map, on one
// colour scale, which with the bias add up to the map.
func (lm *layerMaps) drawChannels(p painter) {
	s := lm.st
	parts, sh, b, err := s.Teach.LayerChannelMaps(s.Layer, lm.cell.Map)
	if err != nil {
		lm.drawMessage(p, lm.t(i18n.LayerNoBreakdown), err.Error(), colMuted)
		return
	}
	lm.drawTiles(p, parts, sh, true) // one scale: the parts are compared with one another
	heads := []string{lm.tf(i18n.LayerChannelsHead, lm.cell.Map, sh[0], formatHover(b)), lm.tf(i18n.LayerChannelsHeadShort, lm.cell.Map, sh[0], formatHover(b))}
	p.text(p.fitFirst(heads, lm.area.W, regular, sizeSmall),
		lm.area.X, lm.area.Y, regular, sizeSmall, colMuted, left)
}

// drawMessage is a banner with a title and a wrapped message.
func (lm *layerMaps) drawMessage(p painter, title, msg string, c color.RGBA) {
	lines := rejectedLines(p, msg, lm.area.W)
	r := rect{lm.area.X, lm.area.Y, lm.area.W, 36 + 18*float64(len(lines))}
	p.roundRect(r, 6, rgb(0xfbe9e7))
	p.stroke(r, 1.5, c)
	p.text(title, r.X+12, r.Y+8, bold, sizeBody, c, left)
	for j, t := range lines {
		p.text(t, r.X+12, r.Y+28+18*float64(j), regular, sizeBody, c, left)
	}
}

// drawTiles draws every channel as a heatmap, each on its own symmetric
// colour scale (or one shared scale), from one image written when the
// values change.
func (lm *layerMaps) drawTiles(p painter, v []float32, sh []int, shared bool) {
	s := lm.st
	c, h, w := sh[0], sh[1], sh[2]
	key := [6]uint64{s.OutVersion, uint64(s.Layer), uint64(s.Sample), s.Version, uint64(lm.tab), uint64(lm.cell.Map)}
	if lm.img == nil || lm.key != key {
		lm.write(v, c, h, w, shared)
		lm.key = key
	}
	for ch, r := range lm.tiles {
		p.text(fmt.Sprint(ch), r.X, r.Y-15, regular, sizeSmall, colMuted, left)
		x0, y0 := (ch%lm.cols)*w, (ch/lm.cols)*h
		p.image(lm.img.SubImage(image.Rect(x0, y0, x0+w, y0+h)).(*ebiten.Image), r, 1)
		if c := lm.cell; lm.tab == tabMaps && ch == c.Map { // the picked cell (explain, channels, its receptive field)
			cw, chh := r.W/float64(w), r.H/float64(h)
			p.stroke(rect{r.X + float64(c.OX)*cw, r.Y + float64(c.OY)*chh, cw, chh}, 1.5, colWinTap)
		}
	}
}

// write colours the channels into img, lm.cols to a row.
func (lm *layerMaps) write(v []float32, c, h, w int, shared bool) {
	s := lm.st
	lm.cols = max(1, min(c, 4096/max(w, 1)))
	rows := (c + lm.cols - 1) / lm.cols
	W, H := lm.cols*w, rows*h
	if lm.img == nil || lm.img.Bounds().Dx() != W || lm.img.Bounds().Dy() != H {
		if lm.img != nil {
			lm.img.Deallocate()
		}
		lm.img = ebiten.NewImage(W, H)
		lm.pix = make([]byte, 4*W*H)
	}
	all := maxAbs(v)
	for ch := range c {
		plane := v[ch*h*w : (ch+1)*h*w]
		m := all
		if !shared {
			m = maxAbs(plane)
		}
		x0, y0 := (ch%lm.cols)*w, (ch/lm.cols)*h
		for y := range h {
			for x := range w {
				col := cmap(s.Colormap, plane[y*w+x]/m)
				o := 4 * ((y0+y)*W + x0 + x)
				lm.pix[o], lm.pix[o+1], lm.pix[o+2], lm.pix[o+3] = col.R, col.G, col.B, 255
			}
		}
	}
	lm.img.WritePixels(lm.pix)
}

// drawBars draws the values as vertical bars around a zero line, or (probs)
// as the ten classes' probabilities, each labelled with its class and value.
func (lm *layerMaps) drawBars(p painter, v []float32, probs bool) {
	r := lm.area
	n := len(v)
	bw := r.W / float64(n)
	top, bot := r.Y+20, r.bottom()-40
	m := maxAbs(v)
	zero := (top + bot) / 2
	scale := (bot - top) / 2 / float64(m)
	if probs {
		zero, scale = bot, (bot-top)/1
		p.text(lm.tf(i18n.LayerSoftmax), r.X, r.Y, regular, sizeSmall, colMuted, left)
	} else {
		p.text(lm.tf(i18n.LayerValues, n, m), r.X, r.Y, regular, sizeSmall, colMuted, left)
	}
	p.line(r.X, zero, r.right(), zero, 1, colBorder)
	for i, x := range v {
		hgt := float64(x) * scale
		b := rect{r.X + float64(i)*bw + bw*0.1, zero - max(hgt, 0), max(bw*0.8, 1), math.Abs(hgt)}
		c := colAccent
		if x < 0 {
			c = colError
		}
		p.fill(b, c)
		if bw >= 24 { // room for the labels
			label := fmt.Sprintf("%.3g", x)
			if probs {
				label = fmt.Sprintf("%.0f", 100*x)
			}
			p.text(fmt.Sprint(i), b.X+b.W/2, bot+4, mono, sizeMono, colText, center)
			p.text(label, b.X+b.W/2, bot+20, mono, sizeSmall, colMuted, center)
		}
	}
}

// hoverAt: a cell's value, y3[0, c, y, x] = v, or a bar's.
func (lm *layerMaps) hoverAt(x, y float64, h *hoverInfo) {
	lm.prOn = false
	if !lm.shown() {
		return
	}
	if lm.tab == tabMaps && lm.deepConv() {
		lm.hoverPixel(x, y, h)
	}
	s := lm.st
	v, sh := s.Layers.LayerSample(s.Layer)
	what := func(ch, oy, ox int) string {
		return lm.tf(i18n.LayerMapHover, s.Layer, s.Sample, ch, oy, ox)
	}
	if lm.tab == tabChannels { // the tiles are map cell.Map's parts, one per input channel
		v, sh, _, _ = s.Teach.LayerChannelMaps(s.Layer, lm.cell.Map)
		what = func(ch, oy, ox int) string {
			return lm.tf(i18n.LayerPartHover, s.Layer, lm.cell.Map, ch, oy, ox)
		}
	}
	for ch, r := range lm.tiles {
		if r.has(x, y) && len(sh) == 3 {
			oy, ox := int((y-r.Y)/r.H*float64(sh[1])), int((x-r.X)/r.W*float64(sh[2]))
			oy, ox = min(oy, sh[1]-1), min(ox, sh[2]-1)
			h.text = what(ch, oy, ox) + " = " + formatHover(v[(ch*sh[1]+oy)*sh[2]+ox])
			return
		}
	}
	if lm.tab != tabMaps {
		return
	}
	if len(sh) == 1 && lm.area.has(x, y) {
		i := min(int((x-lm.area.X)/lm.area.W*float64(sh[0])), sh[0]-1)
		h.text = lm.tf(i18n.LayerVectorHover, s.Layer, s.Sample, i, formatHover(v[i]))
	}
}

// formatHover is a value as the hover line shows it.
func formatHover(v float32) string { return fmt.Sprintf("%.6g", v) }
