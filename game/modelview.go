package game

import (
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
	"convplayground/modelfile"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// modelPanel is the "model" view of the maps column: the open model file's
// tensors, grouped by layer (name, shape, dtype, size), each 4-D weight
// drawn as a grid of its filters, a "Use on input" button per conv weight
// (state.PickConv), and the whole network when the state_dict is a
// preset's. A long model is shown a page at a time.
type modelPanel struct {
	*view
	g          *Game
	head, info rect
	foot       rect       // the page controls' row: the filter under the pointer
	hovered    string     // that filter (hoverAt), "" for none
	rows       []modelRow // the page's rows
	page       int
	pages      int
	ctrls      []control
	grids      map[*modelfile.Tensor]*ebiten.Image // filter pictures, made once per tensor
	gridsOf    *state.OpenModel
}

// modelRow is one line of the list: a layer's heading, a tensor, or a
// weight's filter grid.
type modelRow struct {
	r     rect
	layer string            // a heading: the layer's prefix
	t     *modelfile.Tensor // a tensor's line, or (grid) its filters
	grid  bool              // the filters of t, in tiles
	tiles []rect            // the grid's filters
	conv  int               // a heading: the index of its conv in Convs, −1 for none
	page  int               // paginate's: the row's page
	off   float64           // and its offset from the page's top
}

// The list's geometry.
const (
	modelLineH  = 17
	modelMaxMap = 64 // filters drawn per weight
)

func (mp *modelPanel) layout(a *areas) []control {
	mp.ctrls, mp.rows = mp.ctrls[:0], mp.rows[:0]
	if !mp.shownTab(tabModel) {
		return nil
	}
	r := a.maps
	mp.head = rect{r.X, r.Y, r.W, headH}
	y := r.Y + headH + 2
	bw := 84.0
	open := rect{r.X, y, bw, rowH - 4}
	mp.ctrls = append(mp.ctrls, control{name: "model-open", kind: kButton, r: open, label: mp.t(i18n.ModelOpen),
		press: func(float64, float64) { mp.g.Files.openModel() }})
	mp.info = rect{open.right() + 10, y, r.right() - open.right() - 10, rowH - 4}
	m := mp.st.Trained.Opened
	if m != nil {
		cl := rect{r.right() - 64, y, 64, rowH - 4}
		mp.ctrls = append(mp.ctrls, control{name: "model-close", kind: kButton, r: cl, label: mp.t(i18n.ModelClose),
			press: func(float64, float64) { mp.st.Trained.CloseModel() }})
		mp.info.W = cl.X - mp.info.X - 8
	}
	y += rowH + 18 // the network's line under the buttons
	if m == nil {
		return mp.ctrls
	}
	mp.ctrls = append(mp.ctrls, control{name: "model-whole", kind: kButton, r: rect{r.right() - 150, y - 18, 150, modelLineH},
		label: mp.t(i18n.ModelWhole), press: func(float64, float64) { mp.st.Trained.UseNetwork() }})
	if m.Net != nil {
		y += 15 // and its output
	}
	list := rect{r.X, y, r.W, r.bottom() - y - rowH}
	all := mp.allRows(m, list.W)
	mp.pages = paginate(all, list.H)
	mp.page = max(0, min(mp.page, mp.pages-1))
	for i := range all {
		if all[i].page != mp.page {
			continue
		}
		row := all[i]
		row.r = rect{list.X, list.Y + row.off, list.W, row.r.H}
		for j := range row.tiles {
			row.tiles[j].X += list.X
			row.tiles[j].Y += row.r.Y
		}
		mp.rows = append(mp.rows, row)
		if row.conv >= 0 {
			i := row.conv
			mp.ctrls = append(mp.ctrls, control{name: fmt.Sprintf("model-pick:%d", i), kind: kButton,
				r: rect{row.r.right() - 120, row.r.Y, 120, modelLineH + 2}, label: mp.t(i18n.ModelUseOnInput),
				press: func(float64, float64) { mp.st.Trained.PickConv(i) }})
		}
	}
	mp.foot = rect{r.X, r.bottom() - rowH + 4, r.W, rowH - 4}
	if mp.pages > 1 {
		mp.foot.X += 2*stepW + 100
		mp.foot.W -= 2*stepW + 100
		by := r.bottom() - rowH + 4
		mp.ctrls = append(mp.ctrls,
			control{name: "model-prev", kind: kStep, r: rect{r.X, by, stepW, rowH - 4}, label: "<",
				press: func(float64, float64) { mp.page = max(0, mp.page-1) }},
			control{name: "model-next", kind: kStep, r: rect{r.X + stepW + 90, by, stepW, rowH - 4}, label: ">",
				press: func(float64, float64) { mp.page = min(mp.pages-1, mp.page+1) }})
	}
	return mp.ctrls
}

// allRows lays the whole list out for width w: each row's height in r.H,
// the tiles relative to the row.
func (mp *modelPanel) allRows(m *state.OpenModel, w float64) []modelRow {
	convAt := map[string]int{}
	for i, c := range m.Convs {
		convAt[c.Prefix] = i
	}
	var rows []modelRow
	for _, l := range m.Layers {
		ci, ok := convAt[l.Prefix]
		if !ok {
			ci = -1
		}
		name := l.Prefix
		if name == "" {
			name = mp.t(i18n.ModelTopLevel)
		}
		rows = append(rows, modelRow{r: rect{H: modelLineH + 4}, layer: name, conv: ci})
		for _, t := range l.Tensors {
			rows = append(rows, modelRow{r: rect{H: modelLineH}, t: t, conv: -1})
			if len(t.Shape) == 4 && t.F32 != nil && t.Shape[0]*t.Shape[1]*t.Shape[2]*t.Shape[3] > 0 {
				rows = append(rows, gridRow(t, w))
			}
		}
	}
	return rows
}

// gridRow lays out up to modelMaxMap filters of a 4-D weight in tiles of
// 16 to 32 virtual pixels, 16 a row in a wide column.
func gridRow(t *modelfile.Tensor, w float64) modelRow {
	n := min(t.Shape[0], modelMaxMap)
	tile := min(32, max(16, (w-12)/16-3))
	cols := max(1, int((w-12)/(tile+3)))
	row := modelRow{t: t, grid: true, conv: -1}
	for i := range n {
		row.tiles = append(row.tiles, rect{12 + float64(i%cols)*(tile+3), float64(i/cols) * (tile + 3), tile, tile})
	}
	row.r.H = float64((n+cols-1)/cols)*(tile+3) + 4
	return row
}

// paginate puts rows on pages of height h (a row taller than a page gets
// one of its own; a layer's heading goes with its first line, a weight's
// line with its filters), recording each row's page and offset; it returns the
// number of pages.
func paginate(rows []modelRow, h float64) int {
	page, y := 0, 0.0
	for i := range rows {
		need := rows[i].r.H // with what must follow on its page: a heading's first line, a line's filters
		for j := i + 1; j < len(rows) && (rows[j-1].layer != "" || rows[j].grid); j++ {
			need += rows[j].r.H
		}
		if y > 0 && y+need > h {
			page, y = page+1, 0
		}
		rows[i].page, rows[i].off = page, y
		y += rows[i].r.H
	}
	return page + 1
}

func (mp *modelPanel) draw(p painter) {
	if !mp.shownTab(tabModel) {
		return
	}
	m := mp.st.Trained.Opened
	if m == nil {
		heading(p, mp.head, mp.t(i18n.ModelHead))
		p.textIn(p.fitFirst([]string{mp.t(i18n.ModelDrop), mp.t(i18n.ModelDropShort)}, mp.info.W, regular, sizeBody), mp.info, regular, sizeBody, colMuted, left)
		mp.drawButtons(p, mp.ctrls)
		p.text(p.fitFirst([]string{mp.t(i18n.ModelMakeOne), "torch.save(model.state_dict(), \"model.pt\")"}, mp.head.W, regular, sizeSmall), mp.head.X, mp.info.bottom()+4, regular, sizeSmall, colMuted, left)
		return
	}
	heading(p, mp.head, p.fitFirst([]string{mp.tf(i18n.ModelHeadOf, m.Name), m.Name}, mp.head.W, bold, sizeHead))
	tensors, size := mp.count(len(m.Tensors), i18n.ModelTensorOne, i18n.ModelTensors), byteSize(m.Bytes)
	info := []string{mp.tf(i18n.ModelInfo, m.Format, tensors, mp.count(len(m.Layers), i18n.ModelLayerOne, i18n.ModelLayers), size,
		mp.count(len(m.Convs), i18n.ModelConvOne, i18n.ModelConvs)),
		fmt.Sprintf("%s · %s · %s", m.Format, tensors, size),
		fmt.Sprintf("%s · %s", m.Format, size), m.Format}
	p.textIn(p.fitFirst(info, mp.info.W, regular, sizeBody), mp.info, regular, sizeBody, colText, left)
	for i, alts := range mp.networkLines(m) {
		w := mp.head.W
		if i == 0 {
			w -= 158 // the Whole network button
		}
		p.text(p.fitFirst(alts, w, regular, sizeSmall), mp.head.X, mp.info.bottom()+3+15*float64(i), regular, sizeSmall, colMuted, left)
	}
	mp.refreshGrids(m)
	for _, row := range mp.rows {
		mp.drawRow(p, m, row)
	}
	mp.drawButtons(p, mp.ctrls)
	if mp.hovered != "" {
		p.textIn(p.fit(mp.hovered, mp.foot.W, mono, sizeMono), mp.foot, mono, sizeMono, colText, left)
	}
	if mp.pages > 1 {
		r := rect{mp.head.X + stepW, mp.head.Y, 90, rowH - 4}
		for _, c := range mp.ctrls {
			if c.name == "model-prev" {
				r.Y = c.r.Y
			}
		}
		p.textIn(mp.tf(i18n.ModelPage, mp.page+1, mp.pages), r, regular, sizeBody, colText, center)
	}
}

// drawRow draws a layer's heading, a tensor's line, or a weight's filters.
func (mp *modelPanel) drawRow(p painter, m *state.OpenModel, row modelRow) {
	switch {
	case row.layer != "":
		c := colText
		onScreen := row.conv >= 0 && row.conv == mp.st.Trained.PickedConv()
		if onScreen {
			c = colAccent
		}
		names := []string{row.layer}
		if onScreen {
			n := m.Convs[m.Picked].Weight.Shape[0]
			names = []string{row.layer + mp.tf(i18n.ModelOnScreen, m.Shown, n), row.layer + mp.tf(i18n.ModelOnScreenShort, m.Shown, n), row.layer}
		}
		p.text(p.fitFirst(names, row.r.W-130, bold, sizeBody), row.r.X, row.r.Y+3, bold, sizeBody, c, left)
		p.line(row.r.X, row.r.Y+1, row.r.right(), row.r.Y+1, 1, colBorder)
	case row.grid:
		img := mp.grids[row.t]
		k := row.t.Shape[3]
		for i, r := range row.tiles {
			p.image(img.SubImage(image.Rect(i*k, 0, (i+1)*k, k)).(*ebiten.Image), r, 1)
			p.stroke(r, 1, colBorder)
		}
	default:
		t := row.t
		last := strings.TrimPrefix(t.Name, modelfile.Prefix(t.Name)+".")
		x, w := row.r.X+12, row.r.W-12 // name 30 %, shape 40 %, dtype and size 30 %
		nameW, shapeW := 0.3*w, 0.4*w
		if w < 420 { // a narrow column: name and shape only (the dtype on hover)
			nameW, shapeW = 0.5*w, 0.5*w
		}
		p.text(p.fit(last, nameW-6, regular, sizeSmall+1), x, row.r.Y+2, regular, sizeSmall+1, colText, left)
		p.text(p.fitFirst([]string{conv.FormatShape(t.Shape), ""}, shapeW-6, mono, sizeSmall+1), x+nameW, row.r.Y+2, mono, sizeSmall+1, colText, left)
		if rest := w - nameW - shapeW; rest > 0 {
			p.text(p.fitFirst([]string{t.DType + "  " + mp.count(conv.Numel(t.Shape), i18n.ModelValueOne, i18n.ModelValues), t.DType, ""}, rest, regular, sizeSmall+1), x+nameW+shapeW, row.r.Y+2, regular, sizeSmall+1, colMuted, left)
		}
	}
}

// networkLines say whether the whole network loads (or is on screen),
// and what it makes of the input on screen: each line as its forms from
// the longest to the shortest, for the room there is.
func (mp *modelPanel) networkLines(m *state.OpenModel) [][]string {
	switch {
	case mp.st.Trained.NetworkOnScreen():
		n := mp.st.Layers.NumLayers()
		return [][]string{{mp.tf(i18n.ModelNetOnScreen, n), mp.tf(i18n.ModelNetOnScreenMid, n), mp.tf(i18n.ModelNetOnScreenShort, n)}}
	case m.Net == nil:
		return [][]string{{mp.tf(i18n.ModelNoPreset, presetNames()), mp.t(i18n.ModelNoPresetMid), mp.t(i18n.ModelNoPresetShort), mp.t(i18n.ModelNoPresetFits)}}
	}
	line := []string{mp.tf(i18n.ModelNetTakes, m.NetName), mp.tf(i18n.ModelNetWhole, m.NetName), m.NetName}
	y, err := mp.st.Trained.NetOutput()
	if err != nil {
		return [][]string{line, {mp.tf(i18n.ModelNetError, err)}}
	}
	vals := make([]string, len(y))
	for i, v := range y {
		vals[i] = strconv.FormatFloat(float64(v), 'f', 2, 32)
	}
	c := nn.Argmax(y)
	return [][]string{line, {mp.tf(i18n.ModelNetOutput, c, strings.Join(vals, ", ")), mp.tf(i18n.ModelNetClass, c)}}
}

// presetNames lists nn/arch's presets, which a state_dict is tried on.
func presetNames() string {
	var names []string
	for _, p := range arch.Presets() {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// refreshGrids draws each 4-D weight's first modelMaxMap filters side by
// side into one image per tensor, once per model: a filter's first input
// channel on the diverging colormap scaled by the weight's largest
// magnitude, or (3 input channels) its R, G, B as colour around grey.
func (mp *modelPanel) refreshGrids(m *state.OpenModel) {
	if mp.gridsOf == m {
		return
	}
	for _, img := range mp.grids {
		img.Deallocate()
	}
	mp.grids, mp.gridsOf = map[*modelfile.Tensor]*ebiten.Image{}, m
	for i := range m.Tensors {
		t := &m.Tensors[i]
		if len(t.Shape) != 4 || t.F32 == nil || conv.Numel(t.Shape) == 0 {
			continue
		}
		mp.grids[t] = filterStrip(t, mp.st.Colormap)
	}
}

// filterStrip is the weight's first filters in a row, k×k pixels each.
func filterStrip(t *modelfile.Tensor, cm int) *ebiten.Image {
	n, cin, kh, kw := min(t.Shape[0], modelMaxMap), t.Shape[1], t.Shape[2], t.Shape[3]
	var m float32
	for _, v := range t.F32[:n*cin*kh*kw] {
		m = max(m, float32(math.Abs(float64(v))))
	}
	if m == 0 || math.IsInf(float64(m), 0) || math.IsNaN(float64(m)) {
		m = 1
	}
	pix := make([]byte, 4*n*kw*kh)
	for o := range n {
		for y := range kh {
			for x := range kw {
				at := 4 * (y*n*kw + o*kw + x)
				w := func(c int) float32 { return t.F32[((o*cin+c)*kh+y)*kw+x] / m }
				if cin == 3 {
					for c := range 3 {
						pix[at+c] = byte(255 * clamp(0.5+0.5*w(c), 0, 1))
					}
					pix[at+3] = 255
					continue
				}
				col := cmap(cm, clamp(w(0), -1, 1))
				pix[at], pix[at+1], pix[at+2], pix[at+3] = col.R, col.G, col.B, 255
			}
		}
	}
	img := ebiten.NewImage(n*kw, kh)
	img.WritePixels(pix)
	return img
}

// hoverAt says which filter of which weight the pointer is over.
func (mp *modelPanel) hoverAt(x, y float64, h *hoverInfo) {
	mp.hovered = ""
	for _, row := range mp.rows {
		if t := row.t; t != nil && !row.grid && row.layer == "" && row.r.has(x, y) { // a tensor's line: all of it
			h.text = fmt.Sprintf("%s: %s, %s, %s", t.Name, conv.FormatShape(t.Shape), t.DType, mp.count(conv.Numel(t.Shape), i18n.ModelValueOne, i18n.ModelValues))
			mp.hovered = h.text
		}
		for i, r := range row.tiles {
			if r.has(x, y) {
				n := conv.Numel(row.t.Shape[1:])
				lo, hi := minMax(row.t.F32[i*n : (i+1)*n])
				h.text = mp.tf(i18n.ModelFilterHover, row.t.Name, i, conv.FormatShape(row.t.Shape[1:]), lo, hi)
				if cin := row.t.Shape[1]; cin != 1 && cin != 3 {
					h.text += mp.tf(i18n.ModelFilterDrawn, cin)
				}
				mp.hovered = h.text
			}
		}
	}
}

// minMax is the smallest and the largest of v (not empty).
func minMax(v []float32) (lo, hi float32) {
	lo, hi = v[0], v[0]
	for _, x := range v[1:] {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}

// byteSize is a file's size as people read it: 4.5 KB, 97.8 MB.
func byteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
