package game

import (
	"fmt"

	"convplayground/game/state"
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
		w := p.width(f.Label(), regular, sizeBody) + 20
		cs = append(cs, control{name: fmt.Sprintf("fix%d", i), kind: kButton, r: rect{x, r.bottom() - fixesH - 4, w, rowH - 2},
			label: f.Label(), press: func(float64, float64) { m.st.ApplyFix(f) }})
		x += w + 8
	}
	return cs
}

// fixNote is the banner's last line: which maps are shown (the last valid
// ones only while they are of the input on screen), and what repairs the
// error.
func fixNote(fixes []state.Fix, stale bool) string {
	shown := "No maps for this input."
	if stale {
		shown = "Showing the last valid maps."
	}
	if len(fixes) > 0 {
		return shown + " No setting fixes this; these do:"
	}
	return shown + " Change a setting to fix it."
}
