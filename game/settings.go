package game

import "convplayground/i18n"

// settingsPanel is the Conv2d settings: each one's name and value between
// its − and + buttons.
type settingsPanel struct {
	*view
	head  rect
	rows  []settingRow
	ctrls []control
}

// settingRow is one setting's name and value, where they are drawn.
type settingRow struct {
	labelR, valueR rect
	label, value   string
}

const (
	settingRows = 7   // state.SettingTable's rows before SetBatch (the batch tab steps N)
	settingLabW = 150 // the setting's name, left of its − button
	stepW       = 30  // a − or + button
	valueW      = 100 // room for the widest value, 'replicate'
)

func (sp *settingsPanel) layout(a *areas) []control {
	s, x := sp.st, a.settings.X
	sp.head = rect{x, a.settings.Y, a.settings.W, headH}
	sp.rows, sp.ctrls = sp.rows[:0], nil
	if s.Layer > 0 { // a deeper layer's settings are layerSettings'
		return nil
	}
	sp.ctrls = sp.layerSwitch(sp.head)
	y := a.settings.Y + headH + 2
	labW := min(settingLabW, a.settings.W-2*stepW-valueW) // a phone's column is narrower
	shown := shownSettings(s.Settings, a.pages != rect{}) // the portrait layout's page bar: a touch screen
	rh := float64(settingRows*rowH) / float64(len(shown)) // a ConvTranspose2d's extra row: the rows close up
	for _, st := range shown {
		info := st.Info()
		name := info.Key
		minus := rect{x + labW, y, stepW, rh - 4}
		plus := rect{a.settings.right() - stepW, y, stepW, rh - 4}
		sp.ctrls = append(sp.ctrls,
			control{name: name + "-", kind: kStep, r: minus, label: "-", press: func(float64, float64) { s.Step(st, -1) }},
			control{name: name + "+", kind: kStep, r: plus, label: "+", press: func(float64, float64) { s.Step(st, +1) }})
		sp.rows = append(sp.rows, settingRow{rect{x, y, labW, rh - 4}, rect{minus.right(), y, plus.X - minus.right(), rh - 4}, info.Label, info.Text(s.Settings)})
		y += rh
	}
	return sp.ctrls
}

// drawKey: each setting's name and value.
func (sp *settingsPanel) drawKey(k *drawKey) {
	k.r(sp.head)
	for _, r := range sp.rows {
		k.r(r.labelR)
		k.s(r.label)
		k.s(r.value)
	}
}

func (sp *settingsPanel) draw(p painter) {
	if sp.st.Layer > 0 {
		return
	}
	heading(p, sp.head, sp.t(i18n.SettingsHead))
	for _, v := range sp.rows {
		p.textIn(v.label, v.labelR, mono, sizeMono, colText, left)
		p.textIn(v.value, v.valueR, mono, sizeMono+1, colText, center)
	}
	sp.drawButtons(p, sp.ctrls)
}
