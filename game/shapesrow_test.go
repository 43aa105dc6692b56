package game

import (
	"strings"
	"testing"

	"convplayground/game/state"
	"convplayground/i18n"
)

// At 800x600 the browser's export buttons (Copy code, Start fresh, Save
// .npy: input weight bias output) reach into the shapes panel's right
// column: the output-size rule on their row starts after the last of them
// and still ends inside the panel, whole (ConvTranspose2d's longer rule
// with the settings' short names); at 1280x720 it stays at the column.
func TestShapesRuleAfterExportBar(t *testing.T) {
	for _, c := range []struct {
		sz         [2]float64
		lang       i18n.Lang
		transposed bool
	}{
		{[2]float64{800, 600}, i18n.EN, false}, {[2]float64{800, 600}, i18n.KO, false},
		{[2]float64{800, 600}, i18n.EN, true}, {[2]float64{1280, 720}, i18n.EN, false}, {[2]float64{1280, 720}, i18n.EN, true},
	} {
		sz := c.sz
		g := newAt(t, sz[0], sz[1], 1)
		g.Lang.SetLanguage(c.lang)
		if c.transposed {
			g.st.Step(state.SetTransposed, +1)
			g.st.Step(state.SetStride, +1)
			g.st.Recompute()
		}
		g.OnCopyCode = func(string) string { return "Code copied" }
		g.OnSave = func(string, []byte) string { return "Saved" }
		g.OnStartFresh = func() {}
		g.relayout()
		sp := panelOf[*shapesPanel](g)
		last := ctrlRect(t, g, "save_output")
		rule := sp.st.Export.Shapes().Rule
		p := painter{k: g.k(), fonts: &g.fonts}
		x, text := sp.ruleX(), sp.ruleText(p, rule)
		if x < last.right() || x+p.width(text, mono, sizeSmall) > sp.r.right() || strings.Contains(text, "…") {
			t.Errorf("%v %v transposed %v: the rule %q at x %.0f..%.0f, the last export button ends at %.0f, the panel at %.0f",
				sz, c.lang, c.transposed, text, x, x+p.width(text, mono, sizeSmall), last.right(), sp.r.right())
		}
		if sz[0] == 1280 && text != floorText.Replace(rule) {
			t.Errorf("%v: the rule shortened to %q", sz, text)
		}
		if col := sp.r.X + sp.r.W/2; sz[0] == 1280 && x != col {
			t.Errorf("%v: the rule at %.0f, not at the column's %.0f", sz, x, col)
		}
	}
}
