package game

import (
	"convplayground/conv"
	"convplayground/i18n"
	"convplayground/nn"
	"convplayground/nn/arch"
)

// layerSettings is the settings and weights columns while a layer after
// layer 0 is selected in the strip: its settings with − and + (pooling's
// kernel_size, stride and padding; Linear's out_features, with "fit to the
// input" for in_features; an activation's kind), the layer as Python, and
// its weights' shapes; a deeper Conv2d's weights in an editor of their
// own, one filter and input channel at a time, dragged as layer 0's.
type layerSettings struct {
	*view
	head, text rect
	rows       []settingRow
	wHead      rect // the weights' heading
	ctrls      []control
	// A deeper Conv2d's editor (layerweights.go).
	kgrid     rect    // the selected filter's kernel for the selected channel
	kcell     float64 // a weight's side
	biasR     rect    // the bias's value
	bank      []rect  // every filter's kernel for that channel, to pick one
	cellOn    bool    // a weight (or, at biasCell, the bias) is being dragged
	cell      [2]int
	cellLayer int // the layer the cell was picked in
	drag      valueDrag
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
		ls.ctrls = append(ls.ctrls, control{name: "layer_fit", kind: kButton, r: rect{x, y, 180, rowH - 4}, label: ls.t(i18n.LayerFitInput),
			press: func(float64, float64) { s.Layers.FitLinear() }})
		y += rowH
	}
	ls.text = rect{x, y + 4, a.settings.W, a.settings.bottom() - y - 4}
	ls.layoutWeights(a.filters)
	return ls.ctrls
}

// conv is the selected layer as a Conv2d, nil for other kinds.
func (ls *layerSettings) conv() *nn.Conv2d {
	c, _ := ls.st.Layers.TailLayer(ls.st.Layer).(*nn.Conv2d)
	return c
}

// convWeight is the selected layer's Conv2d weight, nil for other kinds.
func (ls *layerSettings) convWeight() *conv.Tensor {
	if c := ls.conv(); c != nil {
		return c.Weight.Value
	}
	return nil
}

func (ls *layerSettings) drawKey(k *drawKey) {
	s := ls.st
	k.i(s.Layer)
	k.u(s.Version)
	k.i(s.Filter)
	k.i(s.Channel)
	k.b(ls.st.Layer > 0 && ls.reachOn)
	k.b(ls.cellOn)
	k.i(ls.cell[0])
	k.i(ls.cell[1])
	k.i(s.Colormap)
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
	heading(p, ls.head, ls.tf(i18n.LayerSettingsHead, l.Kind, s.Layer))
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

// drawWeights names the layer's parameters and their shapes; for a
// Conv2d, its editor (layerweights.go).
func (ls *layerSettings) drawWeights(p painter) {
	s := ls.st
	if ls.convWeight() != nil {
		ls.drawEditor(p)
		return
	}
	heading(p, ls.wHead, ls.t(i18n.LayerWeightsHead))
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
		parts = []string{ls.t(i18n.LayerNoParams)}
	}
	for j, t := range parts {
		p.text(t, ls.wHead.X, ls.wHead.Y+headH+4+float64(j)*18, mono, sizeMono, colText, left)
	}
}
