package game

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
	"convplayground/i18n"
)

// shortcut is one keyboard shortcut: a key (lower case raises a setting),
// its reverse (upper case lowers it; 0 for none), and what it does with
// d = +1 for the key and −1 for its reverse. With Ctrl, the first ctrl key
// is the key and Shift or the second one its reverse (Ctrl+Z undoes,
// Ctrl+Shift+Z and Ctrl+Y redo). This table is the only list of
// the shortcuts: the key handler and the help line in the shapes panel
// read it (README's Keys list follows it; a test checks).
type shortcut struct {
	help     i18n.Key // as the help line shows it
	key, rev rune
	ctrl     []keyCode // Ctrl + one of these does it too
	do       func(v *view, d int)
}

var shortcuts = []shortcut{
	{i18n.KeyHelpStride, 's', 'S', nil, step(state.SetStride)},
	{i18n.KeyHelpPadding, 'p', 'P', nil, step(state.SetPadding)},
	{i18n.KeyHelpDilation, 'd', 'D', nil, step(state.SetDilation)},
	{i18n.KeyHelpKernel, 'k', 'K', nil, step(state.SetKernel)},
	{i18n.KeyHelpOut, 'o', 'O', nil, step(state.SetOut)},
	{i18n.KeyHelpMode, 'm', 'M', nil, step(state.SetMode)},
	{i18n.KeyHelpNormalize, 'n', 0, nil, func(v *view, _ int) { v.st.Input.SetNormalize(!v.st.Normalize) }},
	{i18n.KeyHelpClear, 'c', 0, nil, func(v *view, _ int) { v.st.Input.Clear() }},
	{i18n.KeyHelpUndo, 'u', 'U', []keyCode{ebiten.KeyZ, ebiten.KeyY}, undoRedo},
	{i18n.KeyHelpDigit, 'r', 0, nil, func(v *view, _ int) { v.st.Input.RandomDigit(v.rng) }},
	{i18n.KeyHelpEraser, 'x', 0, nil, func(v *view, _ int) { v.eraser = !v.eraser }},
	{i18n.KeyHelpColours, 'g', 0, nil, func(v *view, _ int) { v.st.CycleColormap() }},
	{i18n.KeyHelpScale, 'l', 0, nil, func(v *view, _ int) { v.st.ToggleSharedScale() }},
	{i18n.KeyHelpFilter, ']', '[', nil, func(v *view, d int) { v.selectFilter(v.st.Filter + d) }},
	{i18n.KeyHelpPreset, '>', '<', nil, func(v *view, d int) { v.st.Bank.CyclePreset(v.st.Filter, d) }},
	{i18n.KeyHelpPlay, ' ', 0, nil, func(v *view, _ int) { v.st.Player.TogglePlay() }},
	{i18n.KeyHelpStep, '.', ',', nil, func(v *view, d int) { v.st.Player.StepBy(d) }},
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
	help i18n.Key // as the help line shows it while a control has the focus
	keys []keyCode
	do   func(kb *keyboard, k keyCode) bool
}

var navKeys = []navKey{
	{i18n.FocusNext, []keyCode{ebiten.KeyTab}, (*keyboard).tabKey},
	{i18n.FocusPress, []keyCode{ebiten.KeyEnter, ebiten.KeyNumpadEnter, ebiten.KeySpace}, (*keyboard).enterKey},
	{i18n.FocusArrows, []keyCode{ebiten.KeyArrowUp, ebiten.KeyArrowDown, ebiten.KeyArrowLeft, ebiten.KeyArrowRight}, (*keyboard).arrowKey},
	{i18n.FocusEsc, []keyCode{ebiten.KeyEscape}, (*keyboard).escapeKey},
}

// navHelp is the help line while a control has the focus, in language l.
func navHelp(l i18n.Lang) string {
	parts := make([]string, len(navKeys))
	for i, nk := range navKeys {
		parts[i] = l.T(nk.help)
	}
	return l.Sprintf(i18n.KeysFocusHead, strings.Join(parts, "   "))
}

// navKey runs the focus key of k, if any, and says whether it used k.
func (kb *keyboard) navKey(k keyCode) bool {
	for _, nk := range navKeys {
		for _, c := range nk.keys {
			if c == k {
				return nk.do(kb, k)
			}
		}
	}
	return false
}

// keysHelp is the help line in language l: every shortcut, in the
// table's order.
func keysHelp(l i18n.Lang) string {
	parts := make([]string, len(shortcuts))
	for i, sc := range shortcuts {
		parts[i] = l.T(sc.help)
	}
	return l.Sprintf(i18n.KeysHead, strings.Join(parts, "  "))
}

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
