package game

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/i18n"
)

// The editor of a deeper Conv2d's weights, in the filter editor's place
// while the layer is selected: the selected filter's kernel for one input
// channel (< > pick the channel), each weight dragged up or down (one undo
// step a drag, as layer 0's), the bias with − and + (or dragged), and
// every filter's kernel for that channel below, a click selecting one.
// Pointing at a weight dots the pixels of layer i−1's map it multiplies
// (weight sharing) where that map is drawn (the maps and explain tabs).

// layoutWeights places the editor in r.
func (ls *layerSettings) layoutWeights(r rect) {
	s := ls.st
	ls.wHead = rect{r.X, r.Y, r.W, headH}
	ls.bank = ls.bank[:0]
	w := ls.convWeight()
	if w == nil {
		return
	}
	i := s.Layer
	if ls.cellLayer != i || ls.cell != biasCell && (ls.cell[0] >= w.Shape[2] || ls.cell[1] >= w.Shape[3]) {
		ls.cellOn = false // picked in another layer or kernel
	}
	y := r.Y + headH + 2
	ls.ctrls = append(ls.ctrls,
		control{name: "layer_cin-", kind: kStep, r: rect{r.X, y, stepW, rowH - 4}, label: "<", press: func(float64, float64) { s.SelectChannel(max(0, s.Channel-1)) }},
		control{name: "layer_cin+", kind: kStep, r: rect{r.X + stepW + 150, y, stepW, rowH - 4}, label: ">",
			press: func(float64, float64) { s.SelectChannel(min(w.Shape[1]-1, s.Channel+1)) }})
	y += rowH
	k0, k1 := w.Shape[2], w.Shape[3]
	cols, tw := bankGrid(r.W, w.Shape[0], max(k0, k1))
	rows := min(2, (w.Shape[0]+cols-1)/cols)                                    // the rest are picked on the maps
	gs := max(40, min(180.0, r.W-biasColW, r.bottom()-y-6-float64(rows)*tw-22)) // the bank, and a line under it
	ls.kcell = gs / float64(max(k0, k1))
	ls.kgrid = rect{r.X, y, ls.kcell * float64(k1), ls.kcell * float64(k0)}
	for ky := range k0 {
		for kx := range k1 {
			c := rect{r.X + float64(kx)*ls.kcell, y + float64(ky)*ls.kcell, ls.kcell, ls.kcell}
			ls.ctrls = append(ls.ctrls, control{name: fmt.Sprintf("lcell_%d_%d", ky, kx), kind: kCell, r: c,
				press: func(_, y float64) { ls.pressWeight([2]int{ky, kx}, y) }, drag: ls.dragWeight})
		}
	}
	bx, right := r.X+gs+10, r.right()
	if c := ls.conv(); c != nil && c.Bias.Value != nil {
		b := c.Bias.Value
		step := func(d float64) func(float64, float64) {
			return func(float64, float64) { s.Layers.SetLayerBias(i, s.Filter, float64(b.Data[s.Filter])+d) }
		}
		ls.biasR = rect{bx + stepW + 2, y + 18, right - bx - 2*stepW - 4, rowH - 4}
		ls.ctrls = append(ls.ctrls,
			control{name: "layer_bias-", kind: kStep, r: rect{bx, y + 18, stepW, rowH - 4}, label: "-", press: step(-0.1)},
			control{name: "layer_bias+", kind: kStep, r: rect{right - stepW, y + 18, stepW, rowH - 4}, label: "+", press: step(+0.1)},
			control{name: "layer_bias", kind: kArea, r: ls.biasR, press: func(_, y float64) { ls.pressWeight(biasCell, y) }, drag: ls.dragWeight})
	}
	y += gs + 6
	for o := range min(w.Shape[0], rows*cols) {
		t := rect{r.X + float64(o%cols)*tw + 2, y + float64(o/cols)*tw + 2, tw - 4, tw - 4}
		ls.bank = append(ls.bank, t)
		ls.ctrls = append(ls.ctrls, control{name: fmt.Sprintf("lfilter%d", o), kind: kArea, r: t, press: func(float64, float64) { ls.selectFilter(o) }})
	}
}

// pressWeight starts a drag of a weight of the selected filter and channel
// (or of its bias, at biasCell).
func (ls *layerSettings) pressWeight(cell [2]int, y float64) {
	ls.cell, ls.cellOn, ls.cellLayer = cell, true, ls.st.Layer
	ls.drag.start(y, ls.value())
}

func (ls *layerSettings) dragWeight(_, y float64) {
	if v, ok := ls.drag.at(y); ok {
		ls.setValue(v)
	}
}

// setValue sets the weight or bias picked.
func (ls *layerSettings) setValue(v float64) {
	s := ls.st
	if !ls.cellOn || s.Layer == 0 {
		return
	}
	if ls.cell == biasCell {
		s.Layers.SetLayerBias(s.Layer, s.Filter, v)
		return
	}
	s.Layers.SetLayerWeight(s.Layer, s.Filter, s.Channel, ls.cell[0], ls.cell[1], v)
}

// char: the editor takes no typed numbers (a drag or the arrows set them).
func (ls *layerSettings) char(rune) bool { return false }

// key: the arrows step the picked weight or bias by 0.1 (a weight is
// picked with the pointer, or Enter on its focused cell), Escape lets it go.
func (ls *layerSettings) key(k keyCode) bool {
	if !ls.cellOn || ls.st.Layer == 0 || ls.conv() == nil {
		return false
	}
	switch k {
	case ebiten.KeyArrowUp:
		ls.setValue(float64(ls.value()) + 0.1)
	case ebiten.KeyArrowDown:
		ls.setValue(float64(ls.value()) - 0.1)
	case ebiten.KeyEscape:
		ls.cellOn = false
	default:
		return false
	}
	return true
}

// value is the weight or bias being dragged.
func (ls *layerSettings) value() float32 {
	c := ls.conv()
	if c == nil {
		return 0
	}
	if ls.cell == biasCell {
		if c.Bias.Value == nil {
			return 0
		}
		return c.Bias.Value.Data[ls.st.Filter]
	}
	return ls.weight(c.Weight.Value, ls.st.Filter, ls.cell[0], ls.cell[1])
}

// weight is w[o, Channel, ky, kx].
func (ls *layerSettings) weight(w *conv.Tensor, o, ky, kx int) float32 {
	return w.Data[((o*w.Shape[1]+ls.st.Channel)*w.Shape[2]+ky)*w.Shape[3]+kx]
}

// drawEditor draws the heading, the kernel with its numbers, the bias
// and the bank.
func (ls *layerSettings) drawEditor(p painter) {
	s, w := ls.st, ls.convWeight()
	heading(p, ls.wHead, p.fit(ls.tf(i18n.LayerFilterHead, s.Filter, w.Shape[0], s.Layer, s.Filter, s.Channel), ls.wHead.W, bold, sizeHead))
	size := ls.textSize(sizeSmall + 1)
	p.text(ls.tf(i18n.LayerInChannel, s.Channel, w.Shape[1]), ls.wHead.X+stepW+8, ls.wHead.Y+headH+6, mono, size, colText, left)
	k0, k1 := w.Shape[2], w.Shape[3]
	m := maxAbs(w.Data[(s.Filter*w.Shape[1]+s.Channel)*k0*k1 : (s.Filter*w.Shape[1]+s.Channel+1)*k0*k1])
	vals := make([]float64, k0*k1)
	for j := range vals {
		vals[j] = float64(ls.weight(w, s.Filter, j/k1, j%k1))
	}
	texts := gridTexts(vals, ls.kcell, ls.textSize(sizeSmall), 3)
	for j, v := range vals {
		r := rect{ls.kgrid.X + float64(j%k1)*ls.kcell, ls.kgrid.Y + float64(j/k1)*ls.kcell, ls.kcell, ls.kcell}
		bg := cmap(cmapDiverging, float32(v)/m)
		p.fill(r.inset(0.5), bg)
		p.textIn(texts[j], r, mono, ls.textSize(sizeSmall), readableOn(bg), center)
		if ls.cellOn && ls.cell == [2]int{j / k1, j % k1} {
			p.stroke(r.inset(1), 2, colText)
		}
	}
	if c := ls.conv(); c != nil && c.Bias.Value != nil {
		p.text("bias", ls.biasR.X-stepW-2, ls.biasR.Y-18, regular, size, colMuted, left)
		b := c.Bias.Value.Data[s.Filter]
		p.textIn(p.fitFirst([]string{formatHover(b), fmt.Sprintf("%.3g", b)}, ls.biasR.W-4, mono, size), ls.biasR, mono, size, colText, center)
	}
	for o, t := range ls.bank {
		bm := maxAbs(w.Data[o*w.Shape[1]*k0*k1 : (o+1)*w.Shape[1]*k0*k1])
		cw, ch := t.W/float64(k1), t.H/float64(k0)
		for ky := range k0 {
			for kx := range k1 {
				p.fill(rect{t.X + float64(kx)*cw, t.Y + float64(ky)*ch, cw, ch}, cmap(s.Colormap, ls.weight(w, o, ky, kx)/bm))
			}
		}
		if o == s.Filter {
			p.stroke(t.inset(-2), 2, colAccent)
		}
	}
	if len(ls.bank) < w.Shape[0] {
		p.text(ls.tf(i18n.LayerFiltersPick, len(ls.bank)-1, w.Shape[0]), ls.wHead.X, ls.bank[len(ls.bank)-1].bottom()+2, regular, ls.textSize(sizeSmall), colMuted, left)
	}
}

// hoverAt: a weight's value and its weight sharing (the pixels of layer
// i−1's map it multiplies, dotted where that map is drawn).
func (ls *layerSettings) hoverAt(x, y float64, h *hoverInfo) {
	ls.reachOn = false
	s, w := ls.st, ls.convWeight()
	if s.Layer == 0 || w == nil || !ls.kgrid.has(x, y) {
		return
	}
	ky, kx := int((y-ls.kgrid.Y)/ls.kcell), int((x-ls.kgrid.X)/ls.kcell)
	if ky >= w.Shape[2] || kx >= w.Shape[3] {
		return
	}
	h.text = ls.tf(i18n.LayerWeightHover, s.Layer, s.Filter, s.Channel, ky, kx, formatHover(ls.weight(w, s.Filter, ky, kx)))
	if s.Teach.WeightReach(&ls.reach, s.Filter, s.Channel, ky, kx) == nil {
		ls.reachOn = true
		r := &ls.reach
		h.text += ls.tf(i18n.LayerWeightReach,
			r.Count, r.H*r.W, s.Layer-1, r.InChannel, r.Outputs, r.Padding)
	}
}

// markWeight frames weight (ky, kx) when the editor shows filter o's
// channel c (the explain tab's marked tap).
func (ls *layerSettings) markWeight(p painter, o, c, ky, kx int) {
	if ls.st.Filter != o || ls.st.Channel != c || ls.kcell == 0 {
		return
	}
	p.stroke(rect{ls.kgrid.X + float64(kx)*ls.kcell, ls.kgrid.Y + float64(ky)*ls.kcell, ls.kcell, ls.kcell}.inset(1), 3, colReachLine)
}
