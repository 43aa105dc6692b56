package game

import (
	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
)

// The settings panel's Conv2d | ConvTranspose2d switch, and the rows each
// kind of layer steps: a ConvTranspose2d has output_padding as well.

// layerSwitchW: the switch's two buttons, right of the heading's "settings".
const layerSwitchW = 238

// layerSwitch is the switch's two toggles right of the heading, at the
// settings' top (as tall as the settings' buttons: a finger's size on a
// phone): a press on the other kind steps the setting (undoable).
func (sp *settingsPanel) layerSwitch(top rect) []control {
	s, p := sp.st, painter{k: sp.k(), fonts: &sp.fonts}
	sw := min(layerSwitchW, top.W-p.width(sp.t(i18n.SettingsHead), bold, sizeHead)-10) // a phone's column: the heading keeps its room
	r := rect{top.right() - sw, top.Y - 1, sw, rowH - 4}
	w := r.W - max(r.W*1.6/2.6, p.width("ConvTranspose2d", regular, sizeBody)+14) // Conv2d's button; the longer name gets the rest
	set := func(on bool) func(float64, float64) {
		return func(float64, float64) {
			if s.Transposed != on {
				s.Step(state.SetTransposed, +1)
			}
		}
	}
	return []control{
		{name: "layer:Conv2d", kind: kToggle, r: rect{r.X, r.Y, w - 2, r.H}, label: "Conv2d", on: !s.Transposed, press: set(false)},
		{name: "layer:ConvTranspose2d", kind: kToggle, r: rect{r.X + w, r.Y, r.W - w, r.H}, label: "ConvTranspose2d", on: s.Transposed, press: set(true)},
	}
}

// shownSettings are the settings panel's rows: the settings table's rows
// before SetBatch (the batch tab steps N), and output_padding for a
// ConvTranspose2d. A touch layout (no room for an eighth row of
// finger-sized buttons) shows it in padding_mode's place while that is
// 'zeros', ConvTranspose2d's only mode (m still cycles it); another mode
// keeps its row, to be set back.
func shownSettings(t state.Settings, touch bool) []state.Setting {
	rows := make([]state.Setting, 0, settingRows+1)
	for st := range state.SetBatch {
		rows = append(rows, st)
	}
	switch {
	case !t.Transposed:
	case !touch:
		rows = append(rows, state.SetOutputPadding)
	case t.PaddingMode == conv.ZerosMode:
		rows[state.SetMode] = state.SetOutputPadding
	}
	return rows
}
