package game

import (
	"os"
	"strings"
	"testing"

	"convplayground/i18n"

	"github.com/hajimehoshi/ebiten/v2"
)

// README's Keys list names every shortcut of the table, and the help line
// shows each one.
func TestKeysListed(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(b), "- **Keys**")
	list, _, _ = strings.Cut(list, "\n\n")
	if !ok {
		t.Fatal("README has no Keys list")
	}
	for _, sc := range shortcuts {
		for _, r := range []rune{sc.key, sc.rev} {
			if r != 0 && !strings.Contains(list, "`"+string(r)+"`") {
				t.Errorf("README's Keys list lacks `%c` (%s)", r, i18n.EN.T(sc.help))
			}
		}
		if len(sc.ctrl) > 0 && !strings.Contains(list, "Ctrl+Z") {
			t.Errorf("README's Keys list lacks Ctrl+Z (%s)", i18n.EN.T(sc.help))
		}
		for _, l := range []i18n.Lang{i18n.EN, i18n.KO} {
			if !strings.Contains(keysHelp(l), l.T(sc.help)) {
				t.Errorf("the help line in %s lacks %q", l, l.T(sc.help))
			}
		}
	}
	for _, nk := range navKeys { // "Tab/Shift+Tab next/previous": `Tab`/`Shift+Tab`
		keys := strings.Fields(i18n.EN.T(nk.help))[0]
		for _, k := range strings.Split(keys, "/") {
			if !strings.Contains(list, "`"+k+"`") {
				t.Errorf("README's Keys list lacks `%s` (%s)", k, i18n.EN.T(nk.help))
			}
		}
		for _, l := range []i18n.Lang{i18n.EN, i18n.KO} {
			if !strings.Contains(navHelp(l), l.T(nk.help)) {
				t.Errorf("the focus help line in %s lacks %q", l, l.T(nk.help))
			}
		}
	}
}

// Each shortcut does what the help line says: a step and its reverse, and
// Ctrl+Z undoes a stroke.
func TestShortcuts(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	preset := g.st.Bank.Filters[2].Preset
	typeChars(g, "kkK]]<")
	if g.st.Kernel != 6 || g.st.Filter != 2 || g.st.Bank.Filters[2].Preset == preset {
		t.Errorf("k k K ] ] <: kernel %d, selected %d, preset %q (was %q)", g.st.Kernel, g.st.Filter, g.st.Bank.Filters[2].Preset, preset)
	}
	typeChars(g, "glx")
	if g.st.Colormap != 1 || !g.st.SharedScale || !g.eraser {
		t.Errorf("g l x: colormap %d, shared %v, eraser %v", g.st.Colormap, g.st.SharedScale, g.eraser)
	}
	typeChars(g, "x") // the pen again
	ink := g.Hook().Ink
	c := inputOf(g).canvas
	pointerAt(g, c.X+2, c.Y+2, true)
	pointerAt(g, c.X+c.W/3, c.Y+c.H/3, true)
	pointerAt(g, c.X+c.W/3, c.Y+c.H/3, false)
	drawn := g.Hook().Ink
	put(g, Input{Mouse: g.ptr, Keys: []keyCode{ebiten.KeyZ}, Ctrl: true})
	if drawn <= ink || g.Hook().Ink != ink {
		t.Errorf("a stroke and Ctrl+Z: ink %v → %v → %v, want it back to %v", ink, drawn, g.Hook().Ink, ink)
	}
}

// Undo and Redo, by their buttons and keys: pointing at a button says what
// it does; Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, u and U too.
func TestUndoRedoControls(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	click(t, g, "stride+")
	click(t, g, "kernel-")
	over := func(name string) string {
		r := ctrlRect(t, g, name)
		pointerAt(g, r.X+r.W/2, r.Y+r.H/2, false)
		return g.hover.text
	}
	if tip := over("undo"); tip != "Undo: kernel_size 4 → 5" {
		t.Errorf("over Undo: %q", tip)
	}
	if tip := over("redo"); tip != "nothing to redo" {
		t.Errorf("over Redo: %q", tip)
	}
	click(t, g, "undo")
	if tip := over("redo"); tip != "Redo: kernel_size 5 → 4" || g.st.Kernel != 5 {
		t.Errorf("after Undo: kernel %d, over Redo %q", g.st.Kernel, tip)
	}
	put(g, Input{Mouse: g.ptr, Keys: []keyCode{ebiten.KeyZ}, Ctrl: true})
	if g.st.Stride != 1 {
		t.Errorf("Ctrl+Z: stride %d", g.st.Stride)
	}
	put(g, Input{Mouse: g.ptr, Keys: []keyCode{ebiten.KeyZ}, Ctrl: true, Shift: true})
	put(g, Input{Mouse: g.ptr, Keys: []keyCode{ebiten.KeyY}, Ctrl: true})
	if g.st.Stride != 2 || g.st.Kernel != 4 {
		t.Errorf("Ctrl+Shift+Z, Ctrl+Y: stride %d kernel %d, want 2 and 4", g.st.Stride, g.st.Kernel)
	}
	typeChars(g, "uuU")
	if g.st.Stride != 2 || g.st.Kernel != 5 {
		t.Errorf("u u U: stride %d kernel %d, want 2 and 5", g.st.Stride, g.st.Kernel)
	}
}
