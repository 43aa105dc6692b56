package game

import (
	"convplayground/conv"
	"convplayground/game/teach"
	"fmt"
	"strconv"

	"convplayground/game/state"
)

// explainPanel is the "explain" view of the maps column: the arithmetic of
// one output cell, whole, of layer 0 or of a deeper Conv2d (whose window
// is drawn on layer i−1's map beside the small map). A small copy of the
// selected map picks the cell (point at it, click to pin; otherwise the
// pinned or the stepped cell);
// per input channel the k×k grids of the inputs x (padding taps labelled
// with their source), the weights w and the products x·w on the diverging
// scale; the channel sums, + bias, = the core's value. Pointing at a tap
// (or clicking it, to keep it) writes its full values and marks its pixel
// on the input and its weight in the kernel editor.
type explainPanel struct {
	*view
	g       *Game // the input and the filter editor, for the highlights
	r       rect  // the panel
	head    rect
	miniMap            // the selected map, to pick a cell (minimap.go)
	sums    rect       // the sums and the tap's full values, right of mini
	inMini  rect       // a deeper Conv2d's input channel (layer i−1's map) with the window
	inPic   mapPic     // and its image
	chLabel rect       // the channel shown, between its < and > (many channels)
	taps    []conv.Tap // the explained cell's window on it
	xmax    float64    // the largest |x| of a deeper layer's grids
	mode    conv.PaddingMode
	grids   rect // the channels' grids
	// The grids' arrangement: which of x, w, x·w (gridAll: all three) and
	// which channel (chAll: every one) are shown, and how big a cell is.
	show, ch int
	fits     [2]bool // all grids fit side by side; all channels fit
	cs       float64
	ctrls    []control
	e        teach.Explanation
	frame    state.StepFrame // the stepping, to fill the small map as far as computed
	hasCell  bool
	// The tap pointed at, and the tap clicked (kept when the pointer
	// leaves): a channel index and a tap index.
	hovTap, keptTap [2]int
	hovOn, keptOn   bool
}

const (
	gridAll = -1
	chAll   = -1
	gridSep = 14 // between the grids: room for × and =
)

var gridNames = [3]string{"x", "w", "x·w"}

func (e *explainPanel) layout(a *areas) []control {
	e.ctrls = e.ctrls[:0]
	if !e.teachTab(tabExplain) || e.transposeExplained() { // a ConvTranspose2d: transposePanel explains
		e.hoverOn, e.hovOn = false, false
		return nil
	}
	e.follow()
	s, r := e.st, a.maps
	e.r = r
	e.head = rect{r.X, r.Y, r.W, headH}
	sh, ok := s.Teach.Shown()
	side := min(120, r.W*0.32)
	if s.Layer > 0 { // room for layer i−1's map beside the output's
		side = min(120, r.W*0.25)
	}
	e.mini = rect{r.X, e.head.bottom() + 4, side, side}
	e.sums = rect{r.X + side + 12, e.head.bottom() + 4, r.W - side - 12, side}
	y, x := e.mini.Y+side+8, r.X
	if r.W >= 2*r.H { // short and wide (a phone held sideways): the map over the sums, left of the grids
		side = min(120, (r.bottom()-e.mini.Y)/2)
		e.mini.W, e.mini.H = side, side
		e.sums = rect{r.X, e.mini.Y + side + 6, r.W * 0.4, r.bottom() - e.mini.Y - side - 6}
		y, x = e.mini.Y, e.sums.right()+12
	}
	if out := sh.Out; out != nil && out.Shape[2] != out.Shape[3] {
		e.mini = e.mini.fit(float64(out.Shape[3]) / float64(out.Shape[2]))
	}
	if s.Layer > 0 {
		e.inMini = rect{e.sums.X, e.sums.Y + 16, side, side - 16}
		if ok {
			e.inMini = e.inMini.fit(float64(sh.Geom.Input[3]) / float64(sh.Geom.Input[2]))
		}
		e.sums.X, e.sums.W = e.sums.X+side+12, e.sums.W-side-12
	}
	e.ctrls = append(e.ctrls, control{name: "explain_map", kind: kArea, r: e.mini, press: e.pressMini})
	if !ok || s.Err != nil {
		return e.ctrls
	}
	k, nch := sh.Geom.Weight[2], sh.Geom.Weight[1]
	e.arrange(rect{x, y, r.right() - x, r.bottom() - y}, k, nch)
	e.layoutToggles(rect{x, y, r.right() - x, rowH - 4}, nch)
	if !e.fits[0] || !e.fits[1] {
		y += rowH
	}
	e.grids = rect{x, y, r.right() - x, r.bottom() - y}
	e.layoutTaps(k, nch)
	return e.ctrls
}

// arrange picks the first arrangement whose cells hold four characters:
// all grids and channels, then one grid of each channel, then all grids of
// one channel, then one grid of one channel (chosen by toggles). When none
// does, the one with the biggest cells, the earlier on a tie (no smaller
// cells for showing less).
func (e *explainPanel) arrange(r rect, k, nch int) {
	need := 4.5*monoAdvance*e.numSize() + 2 // cellChars' four
	r.H -= rowH + 3*e.numSize()*1.3 + 6     // the toggles, when any; the tap's values
	best := -1.0
	for _, f := range [][2]bool{{true, true}, {false, true}, {true, false}, {false, false}} {
		grids, chans := 1.0, 1.0
		if f[0] {
			grids = 3
		}
		f[1] = f[1] || nch == 1 // one channel needs no choice
		if f[1] {
			chans = float64(nch)
		}
		cs := min((r.W-(grids-1)*gridSep)/grids/float64(k), (r.H/chans-18)/float64(k))
		if cs > best+0.5 {
			best, e.fits = cs, f
		}
		if cs >= need {
			best, e.fits = cs, f
			break
		}
	}
	e.cs = max(4, best)
	if e.fits[0] {
		e.show = gridAll
	} else if e.show == gridAll {
		e.show = 2 // the products
	}
	if e.fits[1] {
		e.ch = chAll
	} else if e.ch == chAll || e.ch >= nch {
		e.ch = 0
	}
}

// layoutToggles places the grid and channel choices the room lacks.
func (e *explainPanel) layoutToggles(r rect, nch int) {
	n := 0 // the toggles: 46 wide, narrower in a phone's column
	if !e.fits[0] {
		n += len(gridNames)
	}
	if !e.fits[1] {
		n += nch
	}
	x, w := r.X, min(46, (r.W-10)/float64(max(n, 1))-4)
	add := func(name, label string, on bool, do func()) {
		e.ctrls = append(e.ctrls, control{name: name, kind: kToggle, r: rect{x, r.Y, w, r.H}, label: label, on: on,
			press: func(float64, float64) { do() }})
		x += w + 4
	}
	if !e.fits[0] {
		for i, n := range gridNames {
			add("explain_grid:"+n, n, e.show == i, func() { e.show = i })
		}
		x += 10
	}
	e.chLabel = rect{}
	switch {
	case e.fits[1]:
	case x+float64(nch)*50 <= r.right():
		for c := range nch {
			add("explain_ch:"+strconv.Itoa(c), e.chanName(c), e.ch == c, func() { e.ch = c })
		}
	default: // too many for a toggle each (a deeper layer's): step through them
		e.chLabel = rect{x + stepW, r.Y, 56, r.H}
		e.ctrls = append(e.ctrls,
			control{name: "explain_ch-", kind: kStep, r: rect{x, r.Y, stepW, r.H}, label: "<", press: func(float64, float64) { e.ch = max(0, e.ch-1) }},
			control{name: "explain_ch+", kind: kStep, r: rect{e.chLabel.right(), r.Y, stepW, r.H}, label: ">", press: func(float64, float64) { e.ch = min(nch-1, e.ch+1) }})
	}
}

// gridRect is grid g (0 x, 1 w, 2 x·w) of shown channel row i.
func (e *explainPanel) gridRect(row, g int, k int) rect {
	side := e.cs * float64(k)
	col := 0
	if e.show == gridAll {
		col = g
	}
	return rect{e.grids.X + float64(col)*(side+gridSep), e.grids.Y + 16 + float64(row)*(side+20), side, side}
}

// shownChannels is the range of channel indices the grids show.
func (e *explainPanel) shownChannels(nch int) (int, int) {
	if e.ch == chAll {
		return 0, nch
	}
	return e.ch, e.ch + 1
}

// layoutTaps makes each shown tap of each grid a control: pointing at it
// marks it, a click keeps its full values on screen.
func (e *explainPanel) layoutTaps(k, nch int) {
	from, to := e.shownChannels(nch)
	for c := from; c < to; c++ {
		for g := range 3 {
			if e.show != gridAll && e.show != g {
				continue
			}
			gr := e.gridRect(c-from, g, k)
			for i := range k * k {
				r := rect{gr.X + float64(i%k)*e.cs, gr.Y + float64(i/k)*e.cs, e.cs, e.cs}
				e.ctrls = append(e.ctrls, control{name: fmt.Sprintf("explain_%s_%d_%d_%d", gridKey(g), c, i/k, i%k), kind: kArea, r: r,
					press: func(float64, float64) { e.keptTap, e.keptOn = [2]int{c, i}, true }})
			}
		}
	}
}

func gridKey(g int) string { return [3]string{"x", "w", "p"}[g] }

// numSize is the grids' text size: 11 px, never below 10 CSS px.
func (e *explainPanel) numSize() float64 { return e.textSize(sizeSmall) }

// hoverAt follows the pointer: a cell of the small map is explained while
// the pointer stays on the panel; a tap is marked while pointed at.
func (e *explainPanel) hoverAt(x, y float64, h *hoverInfo) {
	e.hovOn = false
	if !e.teachTab(tabExplain) || e.transposeExplained() { // a ConvTranspose2d: transposePanel explains
		return
	}
	if c, ok := e.miniCell(x, y); ok {
		e.pointed, e.hoverOn = c, true
	} else if !e.r.has(x, y) {
		e.hoverOn = false
	}
	sh, ok := e.st.Teach.Shown()
	if !ok || e.st.Err != nil {
		return
	}
	k := sh.Geom.Weight[2]
	from, to := e.shownChannels(sh.Geom.Weight[1])
	for c := from; c < to; c++ {
		for g := range 3 {
			if r := e.gridRect(c-from, g, k); (e.show == gridAll || e.show == g) && r.has(x, y) {
				e.hovTap, e.hovOn = [2]int{c, int((y-r.Y)/e.cs)*k + int((x-r.X)/e.cs)}, true
			}
		}
	}
}

// follow makes the kernel editor show the explained map's filter.
func (e *explainPanel) follow() {
	if c, ok := e.explained(); ok && c.Map != e.st.Filter {
		e.selectFilter(c.Map)
		e.g.dirty = true // lay the editor out again for it
	}
}
