package game

import "convplayground/game/state"

// On a phone's shapes page the strip is two columns of blocks at the
// page's bottom, read down the first column then the second (the input,
// then each layer, with its output shape or PyTorch's message), each as
// tall as a finger, and its buttons in a row under them; the shapes
// panel's text stops above (stripColumnsH).

const (
	phoneBlockH = 34 // a block: its two lines, and room for a finger
	phoneGap    = 6
	phoneBtnH   = 34
)

// stripColumnsH is the height the two columns and the buttons take at the
// bottom of a phone's shapes page.
func stripColumnsH(s *state.State) float64 {
	rows := float64((s.Layers.NumLayers() + 2) / 2)
	return rows*(phoneBlockH+phoneGap) + phoneBtnH + 2*phoneGap
}

// layoutColumns places the blocks and the buttons at the bottom of page.
func (ls *layerStrip) layoutColumns(page rect) {
	n := ls.st.Layers.NumLayers() + 1
	rows := (n + 1) / 2
	x, w := page.X+8, page.W-16
	by := page.bottom() - phoneGap - phoneBtnH
	top := by - phoneGap - float64(rows)*(phoneBlockH+phoneGap)
	ls.r = rect{x, top, w, page.bottom() - top}
	colW := (w - phoneGap) / 2
	for i := range n {
		col, row := i/rows, i%rows
		ls.addBlock(i, rect{x + float64(col)*(colW+phoneGap), top + float64(row)*(phoneBlockH+phoneGap), colW, phoneBlockH})
	}
	bw := (w - float64(len(stripButtons)-1)*phoneGap) / float64(len(stripButtons))
	for i, b := range stripButtons {
		ls.ctrls = append(ls.ctrls, control{name: b.name, kind: kButton, r: rect{x + float64(i)*(bw+phoneGap), by, bw, phoneBtnH}, label: ls.stripLabel(b.name, b.label), press: ls.action(b.name)})
	}
}
