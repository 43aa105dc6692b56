package game

import (
	"convplayground/game/teach"
	"fmt"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/i18n"
)

// mapsPanel is the right column: the colour and scale buttons, one heatmap
// per output channel (from the atlas), PyTorch's message over them when a
// setting is rejected, the legend, and the value under the pointer.
type mapsPanel struct {
	*view
	head      rect
	maps      rect      // the area of all maps
	tiles     []rect    // each map
	banner    rect      // "Rejected by PyTorch", when a setting is
	rejected  []string  // its message, wrapped
	fixes     []control // the banner's fix buttons (fixes.go)
	legend    rect
	hoverLine rect
	ctrls     []control
	expl      teach.Explanation // the hovered cell's arithmetic
}

// The longest hover line, in characters, e.g.
// "window: input rows 12..16, cols 17..21 (16 of 25 taps in padding)";
// Go Mono advances 0.6 em per character; lines are hoverLineH apart.
const (
	hoverChars  = 68
	monoAdvance = 0.6
	hoverLineH  = 15
)

func (m *mapsPanel) layout(a *areas) []control {
	m.tiles = nil // hidden behind another tab: nothing to point at
	if !m.shownTab(tabMaps) {
		return nil
	}
	s, r := m.st, a.maps
	x, w := r.X, r.W
	m.head = rect{x, r.Y, w, headH}
	y := r.Y + headH + 2
	scale := m.t(i18n.MapsScalePerMap)
	if s.SharedScale {
		scale = m.t(i18n.MapsScaleShared)
	}
	// The buttons, the legend and the hover text go under the maps, or
	// right of them in a short, wide area (a phone held sideways).
	side := rect{x, y, w, r.bottom() - y}
	if r.W >= 2*r.H {
		side.W = min(300, r.W*0.46)
		side.X, w = r.right()-side.W, r.W-side.W-10
	}
	bw := min(150, (side.W-6)/2) // a phone's column is narrower
	m.ctrls = []control{
		{name: "colormap", kind: kButton, r: rect{side.X, side.Y, bw, rowH - 2}, label: m.tf(i18n.MapsColours, m.cmapLabel()), press: func(float64, float64) { s.CycleColormap() }},
		{name: "scale", kind: kButton, r: rect{side.X + bw + 6, side.Y, bw, rowH - 2}, label: scale, press: func(float64, float64) { s.ToggleSharedScale() }},
	}
	if side.X == x {
		y += rowH + 4
	}
	// The hover text is two lines (the value, the window it reads); a
	// narrow column wraps each in two, so it gets room for four.
	lines := 2.0
	if side.W < hoverChars*monoAdvance*sizeSmall {
		lines = 4
	}
	m.hoverLine = rect{side.X, r.bottom() - 4 - hoverLineH*lines, side.W, 4 + hoverLineH*lines}
	m.legend = rect{side.X, m.hoverLine.Y - 30, side.W, 20}
	m.maps = rect{x, y, w, m.legend.Y - 6 - y}
	if side.X != x { // the maps as tall as the area; the legend under the buttons, the hover text under it
		m.maps.H = r.bottom() - y
		m.legend.Y = side.Y + rowH + 12
		m.hoverLine.Y, m.hoverLine.H = m.legend.bottom()+10, r.bottom()-m.legend.bottom()-10
	}
	m.ctrls = append(m.ctrls, control{name: "maps", kind: kArea, r: m.maps})
	m.layoutTiles()
	m.fixes = nil
	if fixes := s.Fixes(); m.banner.H > 0 && len(fixes) > 0 {
		m.fixes = m.fixButtons(m.banner, fixes)
		m.ctrls = append(m.ctrls, m.fixes...)
	}
	for i, t := range m.tiles {
		m.ctrls = append(m.ctrls, control{name: fmt.Sprintf("map%d", i), kind: kArea, r: t, press: func(float64, float64) { m.selectFilter(i) }})
	}
	return m.ctrls
}

// drawKey: the state (maps, ranges, captions, the message), the selected
// map and the hover (its cell and text).
func (m *mapsPanel) drawKey(k *drawKey) {
	s, h := m.st, m.hover
	k.b(m.shownTab(tabMaps))
	k.u(s.Version)
	k.u(s.OutVersion)
	k.i(m.st.Filter)
	k.i(h.ch)
	k.i(h.oy)
	k.i(h.ox)
	k.s(h.text)
	k.r(m.legend)
	k.r(m.hoverLine)
}

// layoutTiles places the maps below PyTorch's message, when there is one
// (hiding none of them), keeping a non-square map's shape.
func (m *mapsPanel) layoutTiles() {
	s, tiles := m.st, m.maps
	m.rejected, m.banner = nil, rect{}
	if s.Err != nil {
		p := painter{k: m.k(), fonts: &m.fonts}
		m.rejected = rejectedLines(p, s.Err.Error(), tiles.W)
		if g := m.gloss(s.Err.Error()); g != "" { // the Korean page: what it means, under PyTorch's words
			m.rejected = append(m.rejected, rejectedLines(p, g, tiles.W)...)
		}
		m.banner = rect{tiles.X, tiles.Y, tiles.W, 30 + 18*float64(len(m.rejected)) + 18}
		if len(s.Fixes()) > 0 {
			m.banner.H += fixesH
		}
		tiles.Y += m.banner.H + 4
		tiles.H -= m.banner.H + 4
	}
	n := 0
	if s.Out != nil {
		n = s.Out.Shape[1]
	}
	m.tiles = tileGrid(tiles, n)
	if out := s.Out; out != nil && out.Shape[2] != out.Shape[3] {
		for i, r := range m.tiles {
			m.tiles[i] = r.fit(float64(out.Shape[3]) / float64(out.Shape[2]))
		}
	}
}

// tileGrid places n square maps in r, each with a caption line above it,
// choosing the column count that makes them biggest.
func tileGrid(r rect, n int) []rect {
	if n == 0 {
		return nil
	}
	const capH, pad = 16, 8
	best, cols := 0.0, 1
	for c := 1; c <= n; c++ {
		rows := (n + c - 1) / c
		t := min(r.W/float64(c)-pad, r.H/float64(rows)-capH-pad)
		if t > best {
			best, cols = t, c
		}
	}
	t := max(4, best)
	x0 := r.X + max(0, (r.W-float64(cols)*(t+pad)+pad)/2) // centre the grid
	tiles := make([]rect, n)
	for i := range tiles {
		tiles[i] = rect{x0 + float64(i%cols)*(t+pad), r.Y + capH + float64(i/cols)*(t+capH+pad), t, t}
	}
	return tiles
}

// hover finds the output cell under the pointer and writes its value, as
// Σ w·x + b, and the window it reads.
func (m *mapsPanel) hoverAt(x, y float64, h *hoverInfo) {
	out := m.st.Out
	if out == nil {
		return
	}
	oh, ow := out.Shape[2], out.Shape[3]
	for i, r := range m.tiles {
		if !r.has(x, y) {
			continue
		}
		h.ch, h.oy, h.ox = i, int((y-r.Y)/r.H*float64(oh)), int((x-r.X)/r.W*float64(ow))
		v, _ := m.st.Teach.OutValue(i, h.oy, h.ox)
		n := m.st.Sample // the sample whose maps are shown (0 for an older, smaller batch)
		if n >= out.Shape[0] {
			n = 0
		}
		h.text = fmt.Sprintf("y[%d, %d, %d, %d] = %.4g", n, i, h.oy, h.ox, v)
		if e := &m.expl; m.st.Teach.ExplainCell(e, teach.Cell{Map: i, OY: h.oy, OX: h.ox}) == nil {
			h.text += fmt.Sprintf(" = Σ w·x + b = %.4g + %.3g", e.Sum-float64(e.Bias), e.Bias)
		}
		h.text += "\n" + m.windowText(h.oy, h.ox)
		return
	}
}

// windowText describes the input window an output cell reads.
func (m *mapsPanel) windowText(oy, ox int) string {
	if m.st.Transposed {
		return paintsText(m.lang, m.st, oy, ox) // no window: the input pixels that paint it
	}
	taps := m.st.Teach.Window(oy, ox)
	if len(taps) == 0 {
		return ""
	}
	a, b := taps[0], taps[len(taps)-1]
	pad := 0
	for _, t := range taps {
		if t.InPadding {
			pad++
		}
	}
	s := m.tf(i18n.MapsWindow, a.Y, b.Y, a.X, b.X)
	if pad > 0 {
		s = m.tf(i18n.MapsWindowPadding, a.Y, b.Y, a.X, b.X, pad, len(taps))
	}
	return s
}

func (m *mapsPanel) draw(p painter) {
	if !m.shownTab(tabMaps) {
		return
	}
	s := m.st
	head := m.t(i18n.MapsHead)
	if s.Out != nil {
		head += "  " + conv.FormatShape(s.Out.Shape)
	}
	heading(p, m.head, head)
	m.drawButtons(p, m.ctrls)
	m.drawTiles(p)
	if s.Err != nil {
		m.drawRejected(p)
	}
	m.drawLegend(p)
	for i, l := range m.hoverLines(p) {
		if 4+float64(i+1)*hoverLineH > m.hoverLine.H+2 { // never over the shapes panel
			break
		}
		p.text(l, m.hoverLine.X, m.hoverLine.Y+4+float64(i)*hoverLineH, mono, sizeSmall, colText, left)
	}
}

// drawTiles draws each map with its caption, the selected one framed and
// the hovered cell outlined; stale maps are dimmed.
func (m *mapsPanel) drawTiles(p painter) {
	s := m.st
	alpha := float32(1)
	if s.Stale() {
		alpha = 0.3
	}
	caps := m.captions(p)
	for i, r := range m.tiles {
		p.text(caps[i], r.X, r.Y-15, regular, sizeSmall, colMuted, left)
		p.image(m.mapImage(i), r, alpha)
		m.hatchNonFinite(p, i, r) // ±Inf and NaN (nonfinite.go)
		if i == m.st.Filter {
			p.stroke(r.inset(-2), 2, colAccent)
		}
		if h := m.hover; h.ch == i && !s.Stale() {
			oh, ow := s.Out.Shape[2], s.Out.Shape[3]
			cw, ch := r.W/float64(ow), r.H/float64(oh)
			p.stroke(rect{r.X + float64(h.ox)*cw, r.Y + float64(h.oy)*ch, cw, ch}, 1.5, colText)
		}
	}
}

// captions name each map by its index and filter ("3 sobel y", a * when
// edited). Where one of them does not fit its map's width with room to
// spare before the next, all are the index alone (the filter editor names
// the selected map's preset): names cut to "lear…" crowd the index, and a
// mixed grid reads as if the bare maps were different.
func (m *mapsPanel) captions(p painter) []string {
	ids, full := make([]string, len(m.tiles)), make([]string, len(m.tiles))
	fits := true
	for i, r := range m.tiles {
		f, star := m.st.Bank.Filters[i], ""
		if f.Edited {
			star = "*"
		}
		ids[i], full[i] = strconv.Itoa(i)+star, strconv.Itoa(i)+" "+m.known(f.Label(), i18n.PresetKeys...)+star
		fits = fits && p.width(full[i], regular, sizeSmall) <= r.W-6
	}
	if fits {
		return full
	}
	for i, r := range m.tiles {
		if w := r.W + 6; p.width(ids[i], regular, sizeSmall) > w { // 64 small maps: the index before the edit mark, into the gap
			ids[i] = p.fit(strconv.Itoa(i), w, regular, sizeSmall)
		}
	}
	return ids
}

// hoverLines is the text under the maps, wrapped to the column.
func (m *mapsPanel) hoverLines(p painter) []string {
	txt := m.hover.text
	if txt == "" {
		txt = m.t(i18n.MapsHint)
	}
	w := m.hoverLine.W
	var lines []string
	for _, para := range strings.Split(txt, "\n") {
		// Too long for the column: break where the meaning breaks (before
		// "= Σ w·x + b" or "(n of 25 taps in padding)"), not mid-sum.
		for _, at := range []string{" = Σ", " ("} {
			if i := strings.Index(para, at); i > 0 && p.width(para, mono, sizeSmall) > w {
				lines = append(lines, p.wrap(para[:i], w, mono, sizeSmall)...)
				para = para[i+1:]
			}
		}
		lines = append(lines, p.wrap(para, w, mono, sizeSmall)...)
	}
	return lines
}

// drawRejected puts PyTorch's message above the (dimmed) maps.
func (m *mapsPanel) drawRejected(p painter) {
	r := m.banner
	p.roundRect(r, 6, rgb(0xfbe9e7))
	p.stroke(r, 1.5, colError)
	p.text(m.t(i18n.MapsRejected), r.X+12, r.Y+8, bold, sizeBody, colError, left)
	for i, l := range m.rejected {
		p.text(l, r.X+12, r.Y+28+18*float64(i), regular, sizeBody, colError, left)
	}
	fixes := m.st.Fixes()
	y := r.bottom() - 20
	if len(fixes) > 0 {
		y -= fixesH
	}
	p.text(m.fixNote(fixes, m.st.Stale()), r.X+12, y, regular, sizeSmall, colMuted, left)
	m.drawButtons(p, m.fixes)
}

// drawLegend draws the colour bar with its range, for the hovered map (or
// the selected one), or for all maps on a shared scale.
// legendBars are the colour bars, −1 to +1 in 64 steps, a 64x1 image per
// colour map, made on first use: one image draw, where 64 fills took a
// twentieth of a stroke frame.
var legendBars [numCmaps]*ebiten.Image

func legendBar(m int) *ebiten.Image {
	if legendBars[m] == nil {
		const steps = 64
		pix := make([]byte, 4*steps)
		for i := range steps {
			c := cmap(m, float32(i)/(steps-1)*2-1)
			pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = c.R, c.G, c.B, 255
		}
		legendBars[m] = ebiten.NewImage(steps, 1)
		legendBars[m].WritePixels(pix)
	}
	return legendBars[m]
}

func (m *mapsPanel) drawLegend(p painter) {
	s, r := m.st, m.legend
	if s.Out == nil {
		return
	}
	bar := rect{r.X, r.Y + 3, min(160, r.W/3), 12}
	p.image(legendBar(s.Colormap), bar, 1)
	p.stroke(bar, 1, colBorder)
	ch := max(0, min(m.st.Filter, len(s.MapMin)-1))
	if m.hover.ch >= 0 && m.hover.ch < len(s.MapMin) {
		ch = m.hover.ch
	}
	v := m.mapScale(ch)
	p.text(fmt.Sprintf("-%.3g", v), bar.X, bar.bottom()+1, mono, sizeSmall-1, colMuted, left)
	p.text("0", bar.X+bar.W/2, bar.bottom()+1, mono, sizeSmall-1, colMuted, center)
	p.text(fmt.Sprintf("+%.3g", v), bar.right(), bar.bottom()+1, mono, sizeSmall-1, colMuted, right)
	txt, lo, hi := m.tf(i18n.MapsLegendOne, ch, s.MapMin[ch], s.MapMax[ch]), s.MapMin[ch], s.MapMax[ch]
	if s.SharedScale {
		txt, lo, hi = m.tf(i18n.MapsLegendAll, s.Min, s.Max), s.Min, s.Max
	}
	minMax := m.tf(i18n.MapsLegendShort, lo, hi)
	p.text(p.fitFirst([]string{txt, minMax}, r.right()-bar.right()-10, mono, sizeSmall), bar.right()+10, r.Y+1, mono, sizeSmall, colText, left) // a phone's column: without the map's name
}

// cmapLabel is the colour map's name as the colours button writes it
// (RdBu is a name; grey is a word, translated).
func (m *mapsPanel) cmapLabel() string {
	if m.st.Colormap == cmapGrey {
		return m.t(i18n.ColourGrey)
	}
	return cmapNames[m.st.Colormap]
}
