package game

import (
	"fmt"

	"convplayground/game/state"
	"convplayground/i18n"
)

// The rejected banner's fixes: for the one error no setting fixes (the
// learned filters, in_channels 1, on the RGB photo) PyTorch's message
// stays and the real fixes are buttons in the banner (state.Fixes).

// fixesH is the room the fix buttons take at the banner's foot.
const fixesH = rowH + 4

// fixButtons places a button per fix in a row at the foot of banner r.
func (m *mapsPanel) fixButtons(r rect, fixes []state.Fix) []control {
	p := painter{k: m.k(), fonts: &m.fonts}
	x := r.X + 12
	var cs []control
	for i, f := range fixes {
		label := m.known(f.Label(), i18n.FixPreset, i18n.FixCanvas)
		w := p.width(label, regular, sizeBody) + 20
		cs = append(cs, control{name: fmt.Sprintf("fix%d", i), kind: kButton, r: rect{x, r.bottom() - fixesH - 4, w, rowH - 2},
			label: label, press: func(float64, float64) { m.st.ApplyFix(f) }})
		x += w + 8
	}
	return cs
}

// fixNote is the banner's last line: which maps are shown (the last valid
// ones only while they are of the input on screen), and what repairs the
// error.
func (v *view) fixNote(fixes []state.Fix, stale bool) string {
	k := [2][2]i18n.Key{{i18n.FixesNoMapsChange, i18n.FixesNoMapsNoSetting}, {i18n.FixesChangeSetting, i18n.FixesNoSetting}}
	return v.t(k[b2i(stale)][b2i(len(fixes) > 0)])
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
