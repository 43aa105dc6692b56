package game

import (
	"convplayground/game/teach"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
)

// stepOverlay draws the step-through and weight sharing over the other
// panels: on the input the window at the stepped cell (on the padded
// input, the gaps of dilation, padding taps in their mode's colour), the
// pixels read so far, and the rows and columns no window reads (always,
// when there are any); on the stepped map the cells computed so far. It
// also lights what the pointer's weight or pixel reaches: the input pixels
// one weight multiplies, the output cells one pixel feeds.
type stepOverlay struct {
	*view
	g     *Game // its panels: the input, the maps, the filter editor
	in    *inputPanel
	maps  *mapsPanel
	ed    *filterEditor
	frame state.StepFrame
	wr    teach.WeightReach // the pointed weight's pixels, when wrOn
	pr    teach.PixelReach  // the pointed pixel's output cells, when prOn
	wrOn  bool
	prOn  bool
	never string // "never read: rows 25..27 (floor)", or ""
	key   neverKey
}

// Colours of the step-through.
var (
	colTrail = withAlpha(colWinTap, 0.28)
	colNever = rgb(0xc0392b)
	// colReachLine marks the one pixel and weight of a tap.
	colReachLine = rgb(0xffb300)
	// padModeCols are the padding modes' colours: a padding tap is drawn in
	// its mode's, and so is the pixel a copying mode reads for it.
	padModeCols = map[conv.PaddingMode]color.RGBA{
		conv.ZerosMode: colPadTap, conv.ReflectMode: rgb(0x9b59b6), conv.ReplicateMode: rgb(0x27ae60), conv.CircularMode: rgb(0xd6306e),
	}
)

func padModeCol(mode conv.PaddingMode) color.RGBA {
	if c, ok := padModeCols[mode]; ok {
		return c
	}
	return colPadTap
}

func (o *stepOverlay) layout(*areas) []control {
	if o.in == nil {
		o.in, o.maps, o.ed = panelIn[*inputPanel](o.g), panelIn[*mapsPanel](o.g), panelIn[*filterEditor](o.g)
	}
	o.st.Player.StepFrame(&o.frame)
	if key := (neverKey{o.st.Version, o.st.OutVersion, o.lang}); key != o.key {
		o.key, o.never = key, o.neverText(o.frame.NeverRows, o.frame.NeverCols, o.frame.H, o.frame.W)
	}
	return nil
}

// panelIn finds g's panel of type P.
func panelIn[P panel](g *Game) P {
	for _, p := range g.panels {
		if p, ok := p.(P); ok {
			return p
		}
	}
	var zero P
	return zero
}

// neverKey is what the never-read label is made of.
type neverKey struct {
	version, outVersion uint64
	lang                i18n.Lang
}

// neverText is the never-read label: the rows and columns as ranges, and
// why (the floor drops the last ones; a stride longer than the window
// skips some between).
func (v *view) neverText(rows, cols []int, h, w int) string {
	if len(rows) == 0 && len(cols) == 0 {
		return ""
	}
	var parts []string
	if len(rows) > 0 {
		parts = append(parts, v.tf(i18n.NeverRows, ranges(rows)))
	}
	if len(cols) > 0 {
		parts = append(parts, v.tf(i18n.NeverCols, ranges(cols)))
	}
	why := v.t(i18n.NeverFloor)
	if len(rows) > 0 && rows[0] < h-len(rows) || len(cols) > 0 && cols[0] < w-len(cols) {
		why = v.t(i18n.NeverStride)
	}
	return v.tf(i18n.NeverRead, strings.Join(parts, ", "), why)
}

// ranges writes sorted indices as "25..27" runs, comma separated, or as
// "1..27 step 2" when they are four or more a constant step apart (a
// stride's skipped rows).
func ranges(xs []int) string {
	if n := len(xs); n >= 4 && xs[1]-xs[0] > 1 {
		step, even := xs[1]-xs[0], true
		for i := 2; i < n && even; i++ {
			even = xs[i]-xs[i-1] == step
		}
		if even {
			return fmt.Sprintf("%d..%d step %d", xs[0], xs[n-1], step)
		}
	}
	var b strings.Builder
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(xs[i]))
		if j > i {
			b.WriteString(".." + strconv.Itoa(xs[j]))
		}
		i = j + 1
	}
	return b.String()
}

// hoverAt finds the weight or pixel under the pointer and says how far it
// reaches (after the input panel's value of the pixel).
func (o *stepOverlay) hoverAt(x, y float64, h *hoverInfo) {
	o.wrOn, o.prOn = false, false
	s, ed, in := o.st, o.ed, o.in
	if s.Layer > 0 { // layer 0's editor and input are not the selected layer's
		return
	}
	if ed != nil && !ed.menu && ed.grid.has(x, y) {
		ky, kx := int((y-ed.grid.Y)/ed.gridCell), int((x-ed.grid.X)/ed.gridCell)
		if s.Teach.WeightReach(&o.wr, o.st.Filter, ed.st.Channel, ky, kx) == nil {
			o.wrOn = true
			r := &o.wr
			h.text = o.tf(i18n.ReachWeight,
				r.Map, r.Channel, r.KY, r.KX, s.Bank.Weight(o.st.Filter, ed.st.Channel, ky, kx), r.Count, r.H*r.W, r.Outputs, r.Padding)
		}
	}
	if in != nil && in.canvas.has(x, y) && !o.g.ptr.down { // not while drawing: the maps stay at full contrast
		cx, cy := in.toCanvas(x, y)
		c := 0
		if ed != nil {
			c = s.Bank.InputChannel(o.st.Filter, ed.st.Channel)
		}
		if s.Teach.PixelReach(&o.pr, c, int(cy), int(cx)) == nil {
			o.prOn = true
			r := &o.pr
			h.text += o.tf(i18n.ReachPixel, r.Count, r.PerMap, r.MapTo-r.MapFrom)
		}
	}
}

func (o *stepOverlay) draw(p painter) {
	if o.st.Layer > 0 { // a deeper layer's window is on layer i−1's maps (deepview.go)
		return
	}
	if o.frame.Stepping && o.st.Transposed { // a ConvTranspose2d: the pixels that paint the cell
		markPaints(p, o.in, o.st, o.frame.Cell.OY, o.frame.Cell.OX)
	}
	if o.in == nil || !o.st.MapsFitInput() {
		return
	}
	f := &o.frame
	if f.Stepping {
		o.drawTrail(p)
	}
	o.drawNever(p)
	if f.Stepping {
		o.drawWindow(p)
	}
	if o.wrOn {
		o.drawWeightReach(p)
	}
	if o.prOn { // the pointed pixel (mapsOverlay lights the cells that read it)
		p.stroke(o.in.pixel(o.pr.Y, o.pr.X).inset(-1), 2, colReachLine)
	}
}

// mapsOverlay is the overlay's part on the maps (the stepped map filling
// in, the cells that read the pointed pixel): a panel of its own, so that
// where each part draws stays apart and a redraw of the canvas does not
// spread across the columns between (redraw.go).
type mapsOverlay struct{ o *stepOverlay }

func (m mapsOverlay) layout(*areas) []control { return nil }

func (m mapsOverlay) draw(p painter) {
	o := m.o
	if o.in == nil || o.st.Layer > 0 || !o.st.MapsFitInput() && !o.st.Transposed { // a ConvTranspose2d's maps fill in too
		return
	}
	if o.frame.Stepping {
		o.drawFill(p)
	}
	if o.prOn {
		o.drawPixelReach(p)
	}
}

// fillRuns fills the runs of cells of an h×w mask equal to want, at
// cell(y, x) sized cells: one rectangle per run of a band of alike rows,
// so a map's faded cells around a pixel's reach are 4 rectangles, not two
// a row (vector fills were a third of a stroke's frame with 20 maps).
func fillRuns(p painter, mask []bool, h, w int, want bool, cell func(y, x int) rect, c color.Color) {
	eachRun(mask, h, w, want, cell, func(r rect) { p.fill(r, c) })
}

// eachRun calls do with the rectangle of each run of cells equal to want
// (see fillRuns).
func eachRun(mask []bool, h, w int, want bool, cell func(y, x int) rect, do func(rect)) {
	for y := 0; y < h; {
		row := mask[y*w : (y+1)*w]
		y1 := y + 1 // rows y..y1-1 are alike
		for y1 < h && slices.Equal(mask[y1*w:(y1+1)*w], row) {
			y1++
		}
		for x := 0; x < w; {
			if row[x] != want {
				x++
				continue
			}
			e := x
			for e < w && row[e] == want {
				e++
			}
			a, b := cell(y, x), cell(y1-1, e-1)
			do(rect{a.X, a.Y, b.right() - a.X, b.bottom() - a.Y})
			x = e
		}
		y = y1
	}
}

// drawTrail tints the input pixels read so far.
func (o *stepOverlay) drawTrail(p painter) {
	f := &o.frame
	fillRuns(p, f.Trail, f.H, f.W, true, o.in.pixel, colTrail)
}

// drawNever hatches the rows and columns no window reads, with the label.
func (o *stepOverlay) drawNever(p painter) {
	f := &o.frame
	if o.never == "" {
		return
	}
	hatch := func(r rect) {
		p.fill(r, withAlpha(colNever, 0.22))
		cs := o.in.cs
		for d := 0.0; d < r.W+r.H; d += max(4, cs*0.7) { // 45° lines, clipped to r
			x0, y0 := r.X+min(d, r.W), r.Y+max(0, d-r.W)
			x1, y1 := r.X+max(0, d-r.H), r.Y+min(d, r.H)
			p.line(x0, y0, x1, y1, 1, withAlpha(colNever, 0.7))
		}
	}
	c := o.in.canvas
	for _, y := range f.NeverRows {
		hatch(rect{c.X, o.in.pixel(y, 0).Y, c.W, o.in.cs})
	}
	for _, x := range f.NeverCols {
		hatch(rect{o.in.pixel(0, x).X, c.Y, o.in.cs, c.H})
	}
	size := o.textSize(sizeSmall)
	box := o.in.box
	short := o.tf(i18n.NeverShort, len(f.NeverRows), len(f.NeverCols))
	txt := p.fitFirst([]string{o.never, short}, box.W-8, regular, size)
	w := p.width(txt, regular, size)
	pill := rect{box.right() - w - 8, box.bottom() - size*1.3 - 6, w + 6, size*1.3 + 2}
	p.roundRect(pill, 3, withAlpha(colPanel, 0.9))
	p.text(txt, pill.right()-3, pill.Y+1, regular, size, colNever, right)
}

// textSize is size, raised so that no text is below 10 CSS pixels.
func (v *view) textSize(size float64) float64 { return max(size, 10/v.scale) }

// drawWindow marks the stepped cell's taps on the padded input: the
// window's extent, each tap (blue on the input, the padding mode's colour
// in the padding), and the pixel a copying mode reads for a padding tap.
func (o *stepOverlay) drawWindow(p painter) {
	o.in.drawTaps(p, o.frame.Taps, tapStyle{pad: padModeCol(o.st.OutConv.PaddingMode), inset: 0.12, alpha: 0.6, sources: true})
}

// drawFill fades the stepped map's cells not computed yet and outlines
// the current one.
func (o *stepOverlay) drawFill(p painter) {
	f, m := &o.frame, o.maps
	if m != nil && o.shownTab(tabMaps) && f.Cell.Map < len(m.tiles) {
		fillAfter(p, m.tiles[f.Cell.Map], f)
	}
}

// fillAfter fades, on map tile t, the cells after f's current one and
// outlines that one.
func fillAfter(p painter, t rect, f *state.StepFrame) {
	if f.Wout == 0 || f.Hout == 0 {
		return
	}
	cw, ch := t.W/float64(f.Wout), t.H/float64(f.Hout)
	fade := withAlpha(colBg, 0.9)
	y := t.Y + float64(f.Cell.OY)*ch
	p.fill(rect{t.X + float64(f.Cell.OX+1)*cw, y, t.right() - t.X - float64(f.Cell.OX+1)*cw, ch}, fade)
	p.fill(rect{t.X, y + ch, t.W, t.bottom() - y - ch}, fade)
	p.stroke(rect{t.X + float64(f.Cell.OX)*cw, y, cw, ch}, 2, colText)
}

// drawWeightReach marks each input pixel the pointed weight multiplies
// with a dot, leaving the pixel's own shade readable around it.
func (o *stepOverlay) drawWeightReach(p painter) {
	r, d := &o.wr, max(2, o.in.cs*0.3)
	for i, on := range r.Pixels {
		if on {
			c := o.in.pixel(i/r.W, i%r.W)
			dot := rect{c.X + (c.W-d)/2, c.Y + (c.H-d)/2, d, d}
			p.fill(dot.inset(-0.75), colRingDark)
			p.fill(dot, colReachLine)
		}
	}
}

// colRingDark edges the reach marks, so they show on light and dark cells.
var colRingDark = rgb(0x222222)

// drawPixelReach marks the pointed pixel and, in each map that reads it,
// frames the cells whose window contains it (the map itself keeps its
// contrast).
func (o *stepOverlay) drawPixelReach(p painter) {
	r, m := &o.pr, o.maps
	if m == nil || !o.shownTab(tabMaps) || r.PerMap == 0 {
		return
	}
	for i := r.MapFrom; i < r.MapTo && i < len(m.tiles); i++ {
		t := m.tiles[i]
		cw, ch := t.W/float64(r.Wout), t.H/float64(r.Hout)
		cell := func(y, x int) rect { return rect{t.X + float64(x)*cw, t.Y + float64(y)*ch, cw, ch} }
		eachRun(r.Cells, r.Hout, r.Wout, true, cell, func(c rect) {
			p.stroke(c.inset(-1.5), 1, colRingDark)
			p.stroke(c.inset(-0.5), 1.5, colReachLine)
		})
	}
}
