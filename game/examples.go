package game

import (
	"fmt"

	"convplayground/game/state"
	"convplayground/i18n"
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
		w = max(w, p.width(v.exampleName(e.Name), regular, sizeSmall+1)+16)
	}
	var cs []control
	for i, e := range state.Examples {
		r := rect{right - w, 4 + float64(i)*(exampleH+2), w, exampleH}
		cs = append(cs, control{name: fmt.Sprintf("example%d", i), kind: kItem, r: r, label: v.exampleName(e.Name),
			press: func(float64, float64) { v.st.LoadExample(i) }})
	}
	return cs
}

// exampleName is an example's name (game/state's Examples) as the view
// writes it, in the UI's language.
func (v *view) exampleName(name string) string {
	return v.known(name, i18n.ExampleRGB, i18n.ExampleMNIST)
}

// known is s, a name game/state gives in English, in the UI's language
// (i18n's Known).
func (v *view) known(s string, keys ...i18n.Key) string { return v.lang.Known(s, keys...) }
