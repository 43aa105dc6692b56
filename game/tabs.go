package game

import "convplayground/i18n"

// The maps column has several views of the same layer: the feature maps,
// one cell's arithmetic, the channel breakdown, the batch. A strip of tabs
// at the column's head picks one; arrange gives the chosen view's panel
// a.maps and the others lay out and draw nothing (see shownTab).

// mapTab is a view of the maps column.
type mapTab int

const (
	tabMaps mapTab = iota
	tabExplain
	tabChannels
	tabBatch
	tabTrain // the network learns (train.go)
	tabModel // an opened model file (modelview.go)
	numTabs
)

// tabNames are the tabs' labels and, as "tab:"+name, their control names.
var tabNames = [numTabs]string{"maps", "explain", "channels", "batch", "train", "model"}

// tabLabels are the tabs' labels in the message table.
var tabLabels = [numTabs]i18n.Key{i18n.TabMaps, i18n.TabExplain, i18n.TabChannels, i18n.TabBatch, i18n.TabTrain, i18n.TabModel}

// tabStrip is the row of tabs above the maps column's views.
type tabStrip struct {
	*view
	ctrls []control
}

func (t *tabStrip) layout(a *areas) []control {
	r := a.tabs
	gap := 6.0
	chars := 0 // each tab as wide as its label and two characters more, when the strip is short
	for _, n := range tabNames {
		chars += len(n) + 2
	}
	if r.W < float64(numTabs)*110 {
		gap = 3
	}
	perChar := min(110/7.0, (r.W-float64(numTabs-1)*gap)/float64(chars))
	t.ctrls = t.ctrls[:0]
	x := r.X
	for i := range numTabs {
		tab := mapTab(i)
		w := perChar * float64(len(tabNames[i])+2)
		t.ctrls = append(t.ctrls, control{name: "tab:" + tabNames[i], kind: kToggle, on: t.tab == tab,
			r: rect{x, r.Y, w, rowH - 4}, label: t.t(tabLabels[i]),
			press: func(float64, float64) { t.tab = tab }})
		x += w + gap
	}
	return t.ctrls
}

func (t *tabStrip) draw(p painter) { t.drawButtons(p, t.ctrls) }

// drawKey: the tabs are all controls.
func (t *tabStrip) drawKey(*drawKey) {}

// shownTab reports whether tab is the maps column's view: a view's panel
// lays out and draws only then. The views are layer 0's: while a deeper
// layer is selected in the strip, layerMaps has the column (layermaps.go).
func (v *view) shownTab(tab mapTab) bool { return v.tab == tab && v.st.Layer == 0 }
