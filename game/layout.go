package game

import (
	"fmt"
	"strconv"
	"strings"

	"convplayground/game/state"
)

// The design size: the layout is made for a virtual screen at least this
// big, scaled uniformly to the window (so 1280x720 is 1:1 and 800x600 is 0.8).
const (
	minVW, minVH = 1000, 720
	margin       = 14
	gap          = 18
	leftW, midW  = 300, 320
	headerH      = 50
	bottomH      = 150
	predH        = 84 // the network's guess, under the input buttons
	rowH         = 28
	padCells     = state.MaxPad // room around the canvas for the padding ring
)

// Control kinds.
const (
	kButton = iota // a labelled button
	kToggle        // a button that shows an on/off state
	kArea          // a region with its own drawing (canvas, maps, cells)
)

// control is one clickable thing: its name (stable, used by the browser
// tests through Controls), its place, and what a press does.
type control struct {
	name  string
	r     rect
	kind  int
	label string
	on    bool
	press func()
}

// layout is where everything goes for the current window and state.
type layout struct {
	vw, vh     float64
	header     rect
	leftHead   rect
	canvasBox  rect    // the canvas with its padding ring
	canvas     rect    // the 28x28 input itself
	cs         float64 // canvas cell size
	canvasNote rect
	predict    rect
	midHead    rect
	filterHead rect
	grid       rect // the selected filter's weights
	gridCell   float64
	biasNote   rect // the bias, then help, above the Learned/Preset buttons
	biasValue  rect // the bias's value, between its − and +
	menu       rect // the open preset list
	bankHead   rect
	bank       []rect // thumbnails of the active filters
	rightHead  rect
	maps       rect   // the area of all maps
	tiles      []rect // each map
	legend     rect
	hoverLine  rect
	banner     rect     // "Rejected by PyTorch", when a setting is
	rejected   []string // its message, wrapped
	bottom     rect
	ctrls      []control // clickable, in drawing order
	settings   []settingRow
	preset     rect   // the selected filter's preset (a click opens the list)
	presetText string // its name
}

// settingRow is one Conv2d setting's name and value, between its − and +.
type settingRow struct {
	r            rect
	label, value string
}

func (g *Game) relayout() {
	s := g.st
	g.sel = max(0, min(g.sel, s.OutChannels-1))
	if g.cellOn && g.cell != biasCell && (g.cell[0] >= s.Kernel || g.cell[1] >= s.Kernel) {
		g.cellOn, g.typing = false, ""
	}
	L := &layout{vw: g.vw, vh: g.vh}
	L.header = rect{0, 0, g.vw, headerH}
	L.bottom = rect{margin, g.vh - margin - bottomH, g.vw - 2*margin, bottomH}
	top, bottom := float64(headerH+6), L.bottom.Y-10
	if g.OnShare != nil { // the platform can share a link (browser: copy it)
		label := "Copy link"
		if g.ticks < g.sharedUntil {
			label = g.shareNote
		}
		L.add("share", rect{g.vw - margin - 110, 11, 110, rowH}, kButton, label, false, g.share)
	}
	g.layoutInput(L, top, bottom)
	g.layoutFilters(L, top)
	g.layoutMaps(L, top, bottom)
	g.lay = L
}

func (L *layout) add(name string, r rect, kind int, label string, on bool, press func()) {
	L.ctrls = append(L.ctrls, control{name, r, kind, label, on, press})
}

// layoutInput places the left column: the canvas and its buttons.
func (g *Game) layoutInput(L *layout, top, bottom float64) {
	s, add := g.st, L.add
	x := float64(margin)
	L.leftHead = rect{x, top, leftW, 22}
	side := min(leftW, bottom-top-22-3*(rowH+6)-6-predH)
	L.canvasBox = rect{x + (leftW-side)/2, top + 24, side, side}
	h, w := float64(s.H()), float64(s.W())
	L.cs = side / (max(h, w) + 2*padCells)
	// A non-square input is centred in the square box.
	ox, oy := (side-(w+2*padCells)*L.cs)/2, (side-(h+2*padCells)*L.cs)/2
	L.canvas = rect{L.canvasBox.X + ox + padCells*L.cs, L.canvasBox.Y + oy + padCells*L.cs, w * L.cs, h * L.cs}
	add("canvas", L.canvasBox, kArea, "", false, nil)
	y := L.canvasBox.bottom() + 8
	bw := (leftW - 3*6) / 4.0
	add("pen", rect{x, y, bw, rowH}, kToggle, "Pen", !g.eraser, func() { g.eraser = false })
	add("eraser", rect{x + bw + 6, y, bw, rowH}, kToggle, "Eraser", g.eraser, func() { g.eraser = true })
	add("undo", rect{x + 2*(bw+6), y, bw, rowH}, kButton, "Undo", false, func() { s.Undo() })
	add("clear", rect{x + 3*(bw+6), y, bw, rowH}, kButton, "Clear", false, func() { s.Clear() })
	y += rowH + 6
	add("digit", rect{x, y, 2*bw + 6, rowH}, kButton, "Random MNIST digit", false, func() { s.RandomDigit(g.rng) })
	add("drawing", rect{x + 2*(bw+6), y, bw, rowH}, kToggle, "Drawing", !s.Photo, func() { s.SetPhoto(false) })
	photo := "RGB photo"
	if strings.HasSuffix(strings.ToLower(s.PhotoName), ".npy") {
		photo = "Your .npy"
	}
	add("photo", rect{x + 3*(bw+6), y, bw, rowH}, kToggle, photo, s.Photo, func() { s.SetPhoto(true) })
	L.canvasNote = rect{x, L.leftHead.Y, leftW, 20}
	y += rowH + 6
	add("tensor", rect{x, y, 2*bw + 6, rowH}, kToggle, "ToTensor  [0, 1]", !s.Normalize, func() { s.SetNormalize(false) })
	add("normalize", rect{x + 2*(bw+6), y, 2*bw + 6, rowH}, kToggle, "Normalize  [-1, 1]", s.Normalize, func() { s.SetNormalize(true) })
	L.predict = rect{x, y + rowH + 10, leftW, predH - 10}
}

// layoutFilters places the middle column: settings, the filter editor, the bank.
func (g *Game) layoutFilters(L *layout, top float64) {
	s, add := g.st, L.add
	x := float64(margin + leftW + gap)
	L.midHead = rect{x, top, midW, 22}
	y := top + 24
	for _, st := range []struct{ name, label, value string }{
		{state.SetOut, "out_channels", strconv.Itoa(s.OutChannels)},
		{state.SetKernel, "kernel_size", strconv.Itoa(s.Kernel)},
		{state.SetStride, "stride", strconv.Itoa(s.Stride)},
		{state.SetPadding, "padding", s.PaddingText()},
		{state.SetDilation, "dilation", strconv.Itoa(s.Dilation)},
		{state.SetMode, "padding_mode", "'" + s.PaddingMode + "'"},
	} {
		name := st.name
		add(name+"-", rect{x + 150, y, 30, rowH - 4}, kButton, "-", false, func() { s.Step(name, -1) })
		add(name+"+", rect{x + midW - 30, y, 30, rowH - 4}, kButton, "+", false, func() { s.Step(name, +1) })
		L.settings = append(L.settings, settingRow{rect{x, y, midW, rowH - 4}, st.label, st.value})
		y += rowH
	}
	y = g.layoutEditor(L, x, y+6)
	g.layoutBank(L, x, y)
}

// layoutEditor places the selected filter's editor from y down: its preset,
// weights, bias, the bank buttons and the open preset list. It returns
// where the bank goes.
func (g *Game) layoutEditor(L *layout, x, y float64) float64 {
	s, add, f := g.st, L.add, g.sel
	L.filterHead = rect{x, y, midW, 22}
	y += 22
	add("preset-", rect{x, y, 30, rowH - 2}, kButton, "<", false, func() { s.CyclePreset(g.sel, -1) })
	add("preset+", rect{x + 186, y, 30, rowH - 2}, kButton, ">", false, func() { s.CyclePreset(g.sel, +1) })
	L.preset, L.presetText = rect{x + 30, y, 156, rowH - 2}, s.Filters[f].Preset+" ▼"
	if s.Filters[f].Preset == state.Kaiming {
		L.presetText = fmt.Sprintf("kaiming, seed %d ▼", s.Filters[f].Seed)
	}
	add("preset_menu", L.preset, kArea, "", false, func() { g.menu = !g.menu })
	y += rowH + 2
	gs := min(216.0, L.bottom.Y-10-y-22-2*30)
	L.grid = rect{x, y, gs, gs}
	L.gridCell = gs / float64(s.Kernel)
	for ky := 0; ky < s.Kernel; ky++ {
		for kx := 0; kx < s.Kernel; kx++ {
			r := rect{x + float64(kx)*L.gridCell, y + float64(ky)*L.gridCell, L.gridCell, L.gridCell}
			add(fmt.Sprintf("cell_%d_%d", ky, kx), r, kArea, "", false, func() { g.pressCell(ky, kx) })
		}
	}
	bx := x + gs + 10
	add("bias-", rect{bx, y + 18, 30, rowH - 4}, kButton, "-", false, func() { s.SetBias(g.sel, float64(s.Filters[g.sel].B)-0.1) })
	add("bias+", rect{x + midW - 30, y + 18, 30, rowH - 4}, kButton, "+", false, func() { s.SetBias(g.sel, float64(s.Filters[g.sel].B)+0.1) })
	L.biasNote = rect{bx, y, x + midW - bx, gs - 2*rowH - 8} // ends above the two buttons
	L.biasValue = rect{bx + 32, y + 18, x + midW - bx - 64, rowH - 4}
	add("bias_value", L.biasValue, kArea, "", false, func() { g.pressCell(-1, -1) })
	add("learned", rect{bx, y + gs - 2*rowH - 6, x + midW - bx, rowH}, kButton, "Learned filters", false, func() { s.LoadLearned() })
	add("presets", rect{bx, y + gs - rowH, x + midW - bx, rowH}, kButton, "Preset filters", false, func() { s.ResetBank() })
	if g.menu {
		g.layoutMenu(L)
	}
	return y + gs + 6
}

// layoutMenu places the preset list over the weights, in two columns.
func (g *Game) layoutMenu(L *layout) {
	s, x, gs := g.st, L.grid.X, L.grid.W
	L.menu = rect{x - 4, L.grid.Y - 4, gs + 8, gs + 8}
	rows := (len(state.Presets) + 1) / 2
	ih := gs / float64(rows)
	for i, name := range state.Presets {
		r := rect{x + float64(i/rows)*gs/2, L.grid.Y + float64(i%rows)*ih, gs/2 - 3, ih - 3}
		L.add("preset:"+name, r, kToggle, name, s.Filters[g.sel].Preset == name, func() {
			s.SetPreset(g.sel, name)
			g.menu = false
		})
	}
}

// layoutBank places the thumbnails of the active filters, ten a row.
func (g *Game) layoutBank(L *layout, x, y float64) {
	L.bankHead = rect{x, y, midW, 18}
	y += 18
	tw := midW / 10.0
	for i := 0; i < g.st.OutChannels; i++ {
		r := rect{x + float64(i%10)*tw + 2, y + float64(i/10)*tw + 2, tw - 4, tw - 4}
		L.bank = append(L.bank, r)
		L.add(fmt.Sprintf("filter%d", i), r, kArea, "", false, func() { g.selectFilter(i) })
	}
}

// layoutMaps places the right column: the feature maps and their legend.
func (g *Game) layoutMaps(L *layout, top, bottom float64) {
	add := L.add
	x := float64(margin + leftW + gap + midW + gap)
	w := g.vw - margin - x
	L.rightHead = rect{x, top, w, 22}
	y := top + 24
	add("colormap", rect{x, y, 150, rowH - 2}, kButton, "colours: "+cmapNames[g.st.Colormap], false, func() { g.st.Colormap = (g.st.Colormap + 1) % numCmaps })
	scale := "scale: per map"
	if g.st.SharedScale {
		scale = "scale: shared"
	}
	add("scale", rect{x + 156, y, 150, rowH - 2}, kButton, scale, false, func() { g.st.SharedScale = !g.st.SharedScale })
	y += rowH + 4
	// The hover text is two lines (the value, the window it reads); a
	// narrow column wraps each in two, so it gets room for four.
	lines := 2.0
	if w < hoverChars*monoAdvance*sizeSmall {
		lines = 4
	}
	L.hoverLine = rect{x, bottom - 4 - hoverLineH*lines, w, 4 + hoverLineH*lines}
	L.legend = rect{x, L.hoverLine.Y - 30, w, 20}
	L.maps = rect{x, y, w, L.legend.Y - 6 - y}
	add("maps", L.maps, kArea, "", false, nil)
	tiles := L.maps
	if g.st.Err != nil { // PyTorch's message above the dimmed maps, hiding none of them
		p := painter{k: g.k(), fonts: &g.fonts}
		L.rejected = rejectedLines(p, g.st.Err.Error(), w)
		L.banner = rect{x, y, w, 30 + 18*float64(len(L.rejected)) + 18}
		tiles.Y += L.banner.H + 4
		tiles.H -= L.banner.H + 4
	}
	L.tiles = tileGrid(tiles, g.mapCount())
	if out := g.st.Out; out != nil && out.Shape[2] != out.Shape[3] { // keep a non-square map's shape
		for i, r := range L.tiles {
			L.tiles[i] = r.fit(float64(out.Shape[3]) / float64(out.Shape[2]))
		}
	}
	for i, r := range L.tiles {
		add(fmt.Sprintf("map%d", i), r, kArea, "", false, func() { g.selectFilter(i) })
	}
}

// The longest hover line, in characters, e.g.
// "window: input rows 12..16, cols 17..21 (16 of 25 taps in padding)";
// Go Mono advances 0.6 em per character; lines are hoverLineH apart.
const (
	hoverChars  = 68
	monoAdvance = 0.6
	hoverLineH  = 15
)

// fit is the largest rectangle of aspect w/h centred in r.
func (r rect) fit(aspect float64) rect {
	w, h := r.W, r.W/aspect
	if h > r.H {
		w, h = r.H*aspect, r.H
	}
	return rect{r.X + (r.W-w)/2, r.Y + (r.H-h)/2, w, h}
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
