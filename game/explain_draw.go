package game

import (
	"convplayground/game/state"
	"convplayground/game/teach"
	"convplayground/i18n"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
)

// Drawing the explain view (explain.go lays it out).

func (e *explainPanel) draw(p painter) {
	if !e.teachTab(tabExplain) || e.transposeExplained() { // a ConvTranspose2d: transposePanel explains
		return
	}
	s := e.st
	sh, ok := s.Teach.Shown()
	e.mode = sh.Mode
	e.hasCell = false
	if c, ok := e.explained(); ok && s.Teach.ExplainCell(&e.e, c) == nil {
		e.hasCell = true
	}
	head := e.t(i18n.ExplainHead)
	if e.hasCell {
		c := e.e.Cell
		head = fmt.Sprintf("y[0, %d, %d, %d] = Σ x·w + b", c.Map, c.OY, c.OX)
		if s.Layer > 0 {
			head = e.tf(i18n.ExplainLayerHead, s.Layer, c.Map, c.OY, c.OX, s.Layer-1)
		}
	}
	heading(p, e.head, p.fit(head, e.head.W, bold, sizeHead))
	e.drawButtons(p, e.ctrls)
	if e.chLabel.W > 0 {
		p.textIn(e.tf(i18n.ExplainChannelOf, e.chanName(e.ch), len(e.e.Channels)), e.chLabel, mono, e.numSize(), colText, center)
	}
	if !ok {
		if s.Layer > 0 {
			e.lines(p, p.wrap(e.t(i18n.LayerNoOutput)+" "+e.t(i18n.LayerChainBreaks), e.r.W, regular, e.numSize()), e.r.X, e.mini.Y, colMuted, regular)
		}
		return
	}
	e.drawMini(p, &e.frame, e.e.Cell, e.hasCell)
	if s.Layer > 0 {
		e.drawInMini(p, sh)
	}
	if !e.hasCell {
		msg := e.t(i18n.ExplainHint)
		if s.Err != nil {
			msg = e.t(i18n.ExplainRejected)
		}
		e.lines(p, p.wrap(msg, e.sums.W, regular, e.numSize()), e.sums.X, e.sums.Y, colMuted, regular)
		return
	}
	e.drawSums(p)
	e.drawGrids(p)
	e.drawTap(p)
}

// lines draws text lines from (x, y) down.
func (e *explainPanel) lines(p painter, ls []string, x, y float64, c color.RGBA, style int) {
	size := e.numSize()
	for i, l := range ls {
		p.text(l, x, y+float64(i)*size*1.3, style, size, c, left)
	}
}

// drawSums writes, right of the small map, what the cell is and its sum:
// per channel, + bias, = the core's value.
func (e *explainPanel) drawSums(p painter) {
	x := &e.e
	why := e.t(i18n.ExplainStepped)
	switch pc, pinned := e.st.Player.Pinned(); {
	case e.hoverOn:
		why = e.t(i18n.ExplainPointed)
	case pinned && pc == x.Cell:
		why = e.t(i18n.ExplainPinned)
	}
	ls := []string{p.fit("cell ("+strconv.Itoa(x.Cell.OY)+", "+strconv.Itoa(x.Cell.OX)+"), "+why, e.sums.W, mono, e.numSize())}
	for _, c := range x.Channels {
		ls = append(ls, fmt.Sprintf("Σ %-3s %+.6g", e.chanName(c.Channel), c.Sum))
	}
	if x.HasBias {
		ls = append(ls, fmt.Sprintf("+ b   %+.6g", x.Bias))
	}
	ls = append(ls, fmt.Sprintf("= y   %+.6g", x.Value))
	room := int(e.sums.H / (e.numSize() * 1.3))
	if len(ls) > room { // many channels: their sums give way to the result
		ls = append(ls[:room-2], "…", ls[len(ls)-1])
	}
	e.lines(p, ls, e.sums.X, e.sums.Y, colText, mono)
}

// drawGrids draws each shown channel's grids: x, w, x·w.
func (e *explainPanel) drawGrids(p painter) {
	x := &e.e
	k := x.Kernel[0]
	var pmax float64
	for _, c := range x.Channels {
		for _, t := range c.Taps {
			pmax = math.Max(pmax, math.Abs(t.Product))
		}
	}
	if pmax == 0 {
		pmax = 1
	}
	from, to := e.shownChannels(len(x.Channels))
	size := e.numSize()
	e.xmax = 0 // a deeper layer's inputs on the diverging scale
	for ci := from; ci < to && ci < len(x.Channels); ci++ {
		for _, t := range x.Channels[ci].Taps {
			e.xmax = math.Max(e.xmax, math.Abs(float64(t.Input)))
		}
	}
	for ci := from; ci < to && ci < len(x.Channels); ci++ {
		c := &x.Channels[ci]
		wmax := float32(0)
		for _, t := range c.Taps {
			wmax = max(wmax, t.Weight, -t.Weight)
		}
		for g := range 3 {
			if e.show != gridAll && e.show != g {
				continue
			}
			r := e.gridRect(ci-from, g, k)
			title := gridNames[g]
			if len(x.Channels) > 1 {
				title = e.chanName(c.Channel) + ": " + title
			}
			p.text(title, r.X, r.Y-15, regular, e.textSize(sizeSmall), colMuted, left)
			vals := make([]float64, len(c.Taps))
			for i := range c.Taps {
				vals[i] = tapValue(g, &c.Taps[i])
			}
			texts := gridTexts(vals, e.cs, size, 3) // one format for the grid
			for i := range c.Taps {
				e.drawTap1(p, g, &c.Taps[i], rect{r.X + float64(i%k)*e.cs, r.Y + float64(i/k)*e.cs, e.cs, e.cs}, float64(wmax), pmax, texts[i])
			}
			if e.show == gridAll && g < 2 {
				p.text([2]string{"×", "="}[g], r.right()+gridSep/2, r.Y+r.H/2-size*0.6, regular, size, colText, center)
			}
			if t, ok := e.tapShown(); ok && t[0] == ci {
				p.stroke(rect{r.X + float64(t[1]%k)*e.cs, r.Y + float64(t[1]/k)*e.cs, e.cs, e.cs}, 2.5, colText)
			}
		}
	}
}

// tapValue is tap t's number in grid g: x, w or x·w.
func tapValue(g int, t *teach.CellTap) float64 {
	switch g {
	case 0:
		return float64(t.Input)
	case 1:
		return float64(t.Weight)
	}
	return t.Product
}

// drawTap1 draws one tap in grid g: x (grey, padding in its mode's colour,
// with the pixel it copies), w or x·w (diverging), its number written txt.
func (e *explainPanel) drawTap1(p painter, g int, t *teach.CellTap, r rect, wmax, pmax float64, txt string) {
	var bg color.RGBA
	v := tapValue(g, t)
	switch g {
	case 0:
		lo, hi := 0.0, 1.0
		if e.st.Normalize {
			lo = -1
		}
		u := uint8(min(1, max(0, (v-lo)/(hi-lo))) * 255)
		bg = color.RGBA{u, u, u, 255}
		if e.st.Layer > 0 { // layer i−1's maps: any sign
			bg = cmap(cmapDiverging, float32(v/max(e.xmax, 1e-30)))
		}
	case 1:
		bg = cmap(cmapDiverging, float32(v/max(wmax, 1e-30)))
	default:
		bg = cmap(cmapDiverging, float32(v/pmax))
	}
	p.fill(r.inset(0.5), bg)
	size := e.numSize()
	fg := readableOn(bg)
	if g == 0 && t.InPadding {
		pc := padModeCol(e.mode)
		p.stroke(r.inset(1.5), 2, pc)
		if t.Reads() && r.H >= 2.4*size+2 { // the pixel it copies, under the value
			src := strconv.Itoa(t.SrcY) + "," + strconv.Itoa(t.SrcX)
			if len(src) <= cellChars(r.W, size) {
				p.text(src, r.X+r.W/2, r.Y+r.H/2+1, mono, size, fg, center)
				p.text(txt, r.X+r.W/2, r.Y+r.H/2-size*1.15, mono, size, fg, center)
				return
			}
		}
	}
	p.textIn(txt, r, mono, size, fg, center)
}

// tapShown is the tap marked: the one pointed at, else the one clicked.
func (e *explainPanel) tapShown() ([2]int, bool) {
	if e.hovOn {
		return e.hovTap, true
	}
	return e.keptTap, e.keptOn
}

// drawTap writes the marked tap's full values under the grids, as wide as
// they are, and marks its pixel on the input and its weight in the kernel
// editor.
func (e *explainPanel) drawTap(p painter) {
	t0, ok := e.tapShown()
	x := &e.e
	size := e.numSize()
	y := e.r.bottom() - 3*size*1.3
	if !ok || t0[0] >= len(x.Channels) || t0[1] >= len(x.Channels[t0[0]].Taps) {
		e.drawHint(p, y)
		return
	}
	c := &x.Channels[t0[0]]
	t := &c.Taps[t0[1]]
	src := e.t(i18n.ExplainInput)
	if e.st.Layer > 0 {
		src = e.tf(i18n.LayerMapCaption, e.st.Layer-1, c.Channel)
	}
	switch {
	case t.InPadding && t.Reads():
		src = e.tf(i18n.ExplainPadding, e.mode, t.SrcY, t.SrcX)
	case t.InPadding:
		src = e.t(i18n.ExplainPaddingZero)
	}
	ls := []string{
		fmt.Sprintf("x[0, %d, %d, %d] = %.7g  (%s)", c.Channel, t.Y, t.X, t.Input, src),
		fmt.Sprintf("w[%d, %d, %d, %d] = %.7g", x.Cell.Map, t0[0], t.KY, t.KX, t.Weight),
		fmt.Sprintf("x·w = %.7g", t.Product),
	}
	for i, l := range ls {
		ls[i] = p.fit(l, e.grids.W, mono, size)
	}
	e.lines(p, ls, e.grids.X, y, colText, mono)
	e.markTap(p, t, t0[0])
}

// drawHint writes, where a tap's values go, what the pointer is over
// elsewhere (a weight's or a pixel's reach), or how to get a tap's values.
func (e *explainPanel) drawHint(p painter, y float64) {
	size := e.numSize()
	txt := e.view.hover.text
	if txt == "" || e.hoverOn {
		p.text(p.fit(e.t(i18n.ExplainNumberHint), e.grids.W, regular, size), e.grids.X, y, regular, size, colMuted, left)
		return
	}
	var ls []string
	for _, para := range strings.Split(txt, "\n") {
		ls = append(ls, p.wrap(para, e.grids.W, mono, size)...)
	}
	e.lines(p, ls[:min(3, len(ls))], e.grids.X, y, colText, mono)
}

// markTap marks the tap's pixel (and the pixel a padding copy reads) on the
// input, and its weight in the kernel editor when it shows this filter's
// channel ch.
func (e *explainPanel) markTap(p painter, t *teach.CellTap, ch int) {
	if e.st.Layer > 0 { // a deeper layer's: on layer i−1's map and in its editor
		if sh, ok := e.st.Teach.Shown(); ok {
			cw, chh := e.inMini.W/float64(sh.Geom.Input[3]), e.inMini.H/float64(sh.Geom.Input[2])
			p.stroke(rect{e.inMini.X + float64(t.X)*cw, e.inMini.Y + float64(t.Y)*chh, cw, chh}.inset(-1), 2.5, colReachLine)
		}
		if ls := panelIn[*layerSettings](e.g); ls != nil {
			ls.markWeight(p, e.e.Cell.Map, ch, t.KY, t.KX)
		}
		return
	}
	if in := panelIn[*inputPanel](e.g); in != nil && e.st.MapsFitInput() {
		at := func(y, x int) rect {
			return rect{in.canvas.X + float64(x)*in.cs, in.canvas.Y + float64(y)*in.cs, in.cs, in.cs}
		}
		p.stroke(at(t.Y, t.X).inset(-1), 2.5, colReachLine)
		if t.InPadding && t.Reads() {
			p.stroke(at(t.SrcY, t.SrcX).inset(-1), 2, padModeCol(e.mode))
		}
	}
	if ed := panelIn[*filterEditor](e.g); ed != nil && ed.st.Filter == e.e.Cell.Map && ed.st.Channel == ch && !ed.menu {
		r := rect{ed.grid.X + float64(t.KX)*ed.gridCell, ed.grid.Y + float64(t.KY)*ed.gridCell, ed.gridCell, ed.gridCell}
		p.stroke(r.inset(1), 3, colReachLine)
	}
}

// drawInMini draws, beside the small map, the map of layer i−1 that a
// deeper Conv2d's explained cell reads (the channel of the tap marked, else
// of the channel shown, else the first) with the cell's window on it, and
// the pixels the stepping has read so far.
func (e *explainPanel) drawInMini(p painter, sh state.Shown) {
	x := &e.e
	e.taps = e.taps[:0]
	c := inChannel(sh, e.st.Filter, 0)
	if e.hasCell && len(x.Channels) > 0 {
		i := 0
		if t, ok := e.tapShown(); ok && t[0] < len(x.Channels) {
			i = t[0]
		} else if e.ch != chAll && e.ch < len(x.Channels) {
			i = e.ch
		}
		c = x.Channels[i].Channel
		for _, t := range x.Channels[i].Taps {
			e.taps = append(e.taps, t.Tap)
		}
	}
	e.drawLayerInput(p, &e.inPic, e.inMini, c, &e.frame, e.taps, sh.Mode)
}
