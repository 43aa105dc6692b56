package game

import "convplayground/game/state"

// The settings panel's Conv2d | ConvTranspose2d switch, and the rows each
// kind of layer steps: a ConvTranspose2d has output_padding as well.

// layerSwitchW: the switch's two buttons, right of the heading's "settings".
const layerSwitchW = 238

// layerSwitch is the switch's two toggles in r (the heading's row): a
// press on the other kind steps the setting (undoable).
func (sp *settingsPanel) layerSwitch(r rect) []control {
	s := sp.st
	w := r.W / 2.6 // Conv2d's button; the longer name gets the rest
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
// ConvTranspose2d.
func shownSettings(t state.Settings) []state.Setting {
	rows := make([]state.Setting, 0, settingRows+1)
	for st := range state.SetBatch {
		rows = append(rows, st)
	}
	if t.Transposed {
		rows = append(rows, state.SetOutputPadding)
	}
	return rows
}
