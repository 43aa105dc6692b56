package game

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
)

// shortcut is one keyboard shortcut: a key (lower case raises a setting),
// its reverse (upper case lowers it; 0 for none), and what it does with
// d = +1 for the key and −1 for its reverse. With Ctrl, the first ctrl key
// is the key and Shift or the second one its reverse (Ctrl+Z undoes,
// Ctrl+Shift+Z and Ctrl+Y redo). This table is the only list of
// the shortcuts: the key handler and the help line in the shapes panel
// read it (README's Keys list follows it; a test checks).
type shortcut struct {
	help     string // as the help line shows it
	key, rev rune
	ctrl     []keyCode // Ctrl + one of these does it too
	do       func(v *view, d int)
}

var shortcuts = []shortcut{
	{"s/S stride", 's', 'S', nil, step(state.SetStride)},
	{"p/P padding", 'p', 'P', nil, step(state.SetPadding)},
	{"d/D dilation", 'd', 'D', nil, step(state.SetDilation)},
	{"k/K kernel", 'k', 'K', nil, step(state.SetKernel)},
	{"o/O out", 'o', 'O', nil, step(state.SetOut)},
	{"m mode", 'm', 'M', nil, step(state.SetMode)},
	{"n normalize", 'n', 0, nil, func(v *view, _ int) { v.st.Input.SetNormalize(!v.st.Normalize) }},
	{"c clear", 'c', 0, nil, func(v *view, _ int) { v.st.Input.Clear() }},
	{"u/U undo/redo", 'u', 'U', []keyCode{ebiten.KeyZ, ebiten.KeyY}, undoRedo},
	{"r digit", 'r', 0, nil, func(v *view, _ int) { v.st.Input.RandomDigit(v.rng) }},
	{"x eraser", 'x', 0, nil, func(v *view, _ int) { v.eraser = !v.eraser }},
	{"g colours", 'g', 0, nil, func(v *view, _ int) { v.st.CycleColormap() }},
	{"l scale", 'l', 0, nil, func(v *view, _ int) { v.st.ToggleSharedScale() }},
	{"[ ] filter", ']', '[', nil, func(v *view, d int) { v.selectFilter(v.sel + d) }},
	{"< > preset", '>', '<', nil, func(v *view, d int) { v.st.Bank.CyclePreset(v.sel, d) }},
	{"space play", ' ', 0, nil, func(v *view, _ int) { v.st.Player.TogglePlay() }},
	{", . step", '.', ',', nil, func(v *view, d int) { v.st.Player.StepBy(d) }},
}

// undoRedo is Undo for d = +1, Redo for −1.
func undoRedo(v *view, d int) {
	if d > 0 {
		v.st.History.Undo()
	} else {
		v.st.History.Redo()
	}
}

func step(setting state.Setting) func(v *view, d int) {
	return func(v *view, d int) { v.st.Step(setting, d) }
}

// navKey is a key of the keyboard's focus (focus.go): it moves the focus
// ring or works the focused control; do says whether it used the key (else
// the panels get it). Only Tab, Enter, the arrows and Escape: the
// shortcuts above and the playback keys keep every character.
type navKey struct {
	help string // as the help line shows it while a control has the focus
	keys []keyCode
	do   func(g *Game, k keyCode) bool
}

var navKeys = []navKey{
	{"Tab/Shift+Tab next/previous", []keyCode{ebiten.KeyTab}, (*Game).tabKey},
	{"Enter/Space press (on the canvas: pen down/up)", []keyCode{ebiten.KeyEnter, ebiten.KeyNumpadEnter, ebiten.KeySpace}, (*Game).enterKey},
	{"arrows -/+ (on the canvas: move)", []keyCode{ebiten.KeyArrowUp, ebiten.KeyArrowDown, ebiten.KeyArrowLeft, ebiten.KeyArrowRight}, (*Game).arrowKey},
	{"Esc leave", []keyCode{ebiten.KeyEscape}, (*Game).escapeKey},
}

// navHelp is the help line while a control has the focus.
var navHelp = func() string {
	parts := make([]string, len(navKeys))
	for i, nk := range navKeys {
		parts[i] = nk.help
	}
	return "focus keys: " + strings.Join(parts, "   ")
}()

// navKey runs the focus key of k, if any, and says whether it used k.
func (g *Game) navKey(k keyCode) bool {
	for _, nk := range navKeys {
		for _, c := range nk.keys {
			if c == k {
				return nk.do(g, k)
			}
		}
	}
	return false
}

// keysHelp is the help line: every shortcut, in the table's order.
var keysHelp = func() string {
	parts := make([]string, len(shortcuts))
	for i, sc := range shortcuts {
		parts[i] = sc.help
	}
	return "keys: " + strings.Join(parts, "  ")
}()

// shortcutFor finds the shortcut of a typed character and its direction.
func shortcutFor(r rune) (shortcut, int, bool) {
	for _, sc := range shortcuts {
		switch r {
		case sc.key:
			return sc, +1, true
		case sc.rev:
			if r != 0 {
				return sc, -1, true
			}
		}
	}
	return shortcut{}, 0, false
}

// ctrlShortcut finds the shortcut of Ctrl + k (with Shift when shift) and
// its direction.
func ctrlShortcut(k keyCode, shift bool) (shortcut, int, bool) {
	for _, sc := range shortcuts {
		for i, c := range sc.ctrl {
			if c == k {
				if i > 0 || shift {
					return sc, -1, true
				}
				return sc, +1, true
			}
		}
	}
	return shortcut{}, 0, false
}
