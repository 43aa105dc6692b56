package game

import (
	"fmt"

	"convplayground/game/state"
)

// The lesson's two layers (state.Examples), one click each: two small
// buttons stacked in the header, named after what they set. Undo puts
// back what was there before.

const exampleH = 20 // each example button's height: two fit in the header

// exampleButtons places the example buttons with their right edge at
// right, as wide as the longest name.
func (v *view) exampleButtons(right float64) []control {
	p := painter{k: v.k(), fonts: &v.fonts}
	w := 0.0
	for _, e := range state.Examples {
		w = max(w, p.width(e.Name, regular, sizeSmall+1)+16)
	}
	var cs []control
	for i, e := range state.Examples {
		r := rect{right - w, 4 + float64(i)*(exampleH+2), w, exampleH}
		cs = append(cs, control{name: fmt.Sprintf("example%d", i), kind: kItem, r: r, label: e.Name,
			press: func(float64, float64) { v.st.LoadExample(i) }})
	}
	return cs
}
