package game

import (
	"fmt"

	"convplayground/conv"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// layerSettings is the settings and weights columns while a layer after
// layer 0 is selected in the strip: its settings with − and + (pooling's
// kernel_size, stride and padding; Linear's out_features, with "fit to the
// input" for in_features; an activation's kind), the layer as Python, and
// its weights' shapes with a deeper Conv2d's kernels for one input
// channel at a time (read only: the filter editor edits layer 0's).
type layerSettings struct {
	*view
	head, text rect
	rows       []settingRow
	wHead      rect // the weights' heading
	grid       rect // the kernels' area
	cin        int  // the input channel whose kernels are shown
	ctrls      []control
}

func (ls *layerSettings) layout(a *areas) []control {
	s := ls.st
	ls.rows, ls.ctrls = ls.rows[:0], ls.ctrls[:0]
	if s.Layer <= 0 {
		return nil
	}
	i, x := s.Layer, a.settings.X
	ls.head = rect{x, a.settings.Y, a.settings.W, headH}
	y := a.settings.Y + headH + 2
	labW := min(settingLabW, a.settings.W-2*stepW-valueW)
	for _, name := range s.Layers.LayerArgs(i) {
		minus := rect{x + labW, y, stepW, rowH - 4}
		plus := rect{a.settings.right() - stepW, y, stepW, rowH - 4}
		ls.ctrls = append(ls.ctrls,
			control{name: "layer_arg:" + name + "-", kind: kStep, r: minus, label: "-", press: func(float64, float64) { s.Layers.StepLayerArg(i, name, -1) }},
			control{name: "layer_arg:" + name + "+", kind: kStep, r: plus, label: "+", press: func(float64, float64) { s.Layers.StepLayerArg(i, name, +1) }})
		ls.rows = append(ls.rows, settingRow{rect{x, y, labW, rowH - 4}, rect{minus.right(), y, plus.X - minus.right(), rowH - 4}, name, s.Layers.LayerArg(i, name)})
		y += rowH
	}
	if s.Layers.LayerSpec(i).Kind == arch.Linear {
		ls.ctrls = append(ls.ctrls, control{name: "layer_fit", kind: kButton, r: rect{x, y, 180, rowH - 4}, label: "fit to the input",
			press: func(float64, float64) { s.Layers.FitLinear() }})
		y += rowH
	}
	ls.text = rect{x, y + 4, a.settings.W, a.settings.bottom() - y - 4}
	f := a.filters
	ls.wHead = rect{f.X, f.Y, f.W, headH}
	ls.grid = rect{f.X, f.Y + headH + rowH + 6, f.W, f.H - headH - rowH - 6}
	if w := ls.convWeight(); w != nil {
		ls.cin = min(ls.cin, w.Shape[1]-1)
		ls.ctrls = append(ls.ctrls,
			control{name: "layer_cin-", kind: kStep, r: rect{f.X, f.Y + headH + 2, stepW, rowH - 4}, label: "<", press: func(float64, float64) { ls.cin = max(0, ls.cin-1) }},
			control{name: "layer_cin+", kind: kStep, r: rect{f.X + stepW + 150, f.Y + headH + 2, stepW, rowH - 4}, label: ">",
				press: func(float64, float64) { ls.cin = min(w.Shape[1]-1, ls.cin+1) }})
	}
	return ls.ctrls
}

// convWeight is the selected layer's Conv2d weight, nil for other kinds.
func (ls *layerSettings) convWeight() *conv.Tensor {
	if c, ok := ls.st.Layers.TailLayer(ls.st.Layer).(*nn.Conv2d); ok {
		return c.Weight.Value
	}
	return nil
}

func (ls *layerSettings) drawKey(k *drawKey) {
	s := ls.st
	k.i(s.Layer)
	k.u(s.Version)
	k.i(ls.cin)
	for _, r := range ls.rows {
		k.s(r.value)
	}
}

func (ls *layerSettings) draw(p painter) {
	s := ls.st
	if s.Layer <= 0 {
		return
	}
	l := s.Layers.LayerSpec(s.Layer)
	heading(p, ls.head, fmt.Sprintf("%s settings (layer %d)", l.Kind, s.Layer))
	for _, v := range ls.rows {
		p.textIn(v.label, v.labelR, mono, sizeMono, colText, left)
		p.textIn(v.value, v.valueR, mono, sizeMono+1, colText, center)
	}
	y := ls.text.Y
	for _, t := range p.wrap(l.String(), ls.text.W, mono, sizeMono) {
		if y+16 > ls.text.bottom() {
			break
		}
		p.text(t, ls.text.X, y, mono, sizeMono, colAccent, left)
		y += 16
	}
	ls.drawWeights(p)
	ls.drawButtons(p, ls.ctrls)
}

// drawWeights names the layer's parameters and their shapes and, for a
// Conv2d, draws every output channel's kernel for the chosen input channel.
func (ls *layerSettings) drawWeights(p painter) {
	s := ls.st
	heading(p, ls.wHead, "Weights (read only)")
	layer := s.Layers.TailLayer(s.Layer)
	if layer == nil {
		return
	}
	var parts []string
	for _, e := range layer.State() {
		if e.Value != nil {
			parts = append(parts, e.Name+" "+shapeList(e.Value.Shape))
		}
	}
	if len(parts) == 0 {
		parts = []string{"no parameters"}
	}
	w := ls.convWeight()
	if w == nil {
		for j, t := range parts {
			p.text(t, ls.wHead.X, ls.wHead.Y+headH+4+float64(j)*18, mono, sizeMono, colText, left)
		}
		return
	}
	cout, k0, k1 := w.Shape[0], w.Shape[2], w.Shape[3]
	p.text(fmt.Sprintf("in channel %d of %d", ls.cin, w.Shape[1]), ls.wHead.X+stepW+8, ls.wHead.Y+headH+6, mono, sizeSmall+1, colText, left)
	tiles := tileGrid(ls.grid, cout)
	m := maxAbs(w.Data)
	for o, r := range tiles {
		p.text(fmt.Sprint(o), r.X, r.Y-15, regular, sizeSmall, colMuted, left)
		cw, ch := r.W/float64(k1), r.H/float64(k0)
		for y := range k0 {
			for x := range k1 {
				v := w.Data[((o*w.Shape[1]+ls.cin)*k0+y)*k1+x]
				p.fill(rect{r.X + float64(x)*cw, r.Y + float64(y)*ch, cw, ch}, cmap(s.Colormap, v/m))
			}
		}
	}
}
