package game

import (
	"fmt"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/i18n"
)

// key presses k (with Shift when shift) through the Input seam and runs a
// tick, so the layout follows what the key did.
func key(t *testing.T, g *Game, k keyCode, shift bool) {
	t.Helper()
	put(g, Input{Mouse: g.ptr, Keys: []keyCode{k}, Shift: shift})
	if err := g.Update(); err != nil {
		t.Fatal(err)
	}
}

// tabTo presses Tab until name has the focus.
func tabTo(t *testing.T, g *Game, name string) {
	t.Helper()
	for range len(g.ctrls) + 1 {
		key(t, g, ebiten.KeyTab, false)
		if g.focus.name == name {
			return
		}
	}
	t.Fatalf("Tab never reaches %q", name)
}

// Tab visits every control that does something once, in the panels'
// reading order, and wraps; Shift+Tab goes back; Escape leaves.
func TestTabOrder(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	var want []string
	for _, c := range g.ctrls {
		if c.press != nil {
			want = append(want, c.name)
		}
	}
	for i, name := range want {
		key(t, g, ebiten.KeyTab, false)
		if g.focus.name != name {
			t.Fatalf("Tab %d: focus on %q, want %q", i+1, g.focus.name, name)
		}
	}
	key(t, g, ebiten.KeyTab, false)
	if g.focus.name != want[0] {
		t.Errorf("Tab after the last control: focus on %q, want the first, %q", g.focus.name, want[0])
	}
	key(t, g, ebiten.KeyTab, true)
	if last := want[len(want)-1]; g.focus.name != last {
		t.Errorf("Shift+Tab from the first control: focus on %q, want the last, %q", g.focus.name, last)
	}
	key(t, g, ebiten.KeyEscape, false)
	if g.focus.name != "" {
		t.Errorf("Escape: focus still on %q", g.focus.name)
	}
	if fmt.Sprint(want[:7]) != "[example0 example1 lesson_open lang:en lang:ko canvas pen]" {
		t.Errorf("the order starts %v, want the header's examples, the lesson and the language switch, then the input column (canvas, pen)", want[:7])
	}
}

// Enter presses the focused control, the arrows step a focused − / + pair
// and the weight Enter selected, and a typed number still takes Enter.
func TestEnterAndArrows(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	tabTo(t, g, "eraser")
	key(t, g, ebiten.KeyEnter, false)
	if !g.eraser {
		t.Error("Enter on the eraser: not the eraser")
	}
	tabTo(t, g, "stride+")
	key(t, g, ebiten.KeyEnter, false)
	key(t, g, ebiten.KeyArrowUp, false)
	if g.st.Stride != 3 {
		t.Errorf("Enter then Up on stride+: stride %d, want 3", g.st.Stride)
	}
	key(t, g, ebiten.KeyArrowLeft, false)
	key(t, g, ebiten.KeyArrowDown, false)
	if g.st.Stride != 1 || g.focus.name != "stride+" {
		t.Errorf("Left, Down: stride %d (want 1), focus %q", g.st.Stride, g.focus.name)
	}
	tabTo(t, g, "cell_2_2")
	w0 := g.st.Bank.Weight(0, 0, 2, 2)
	key(t, g, ebiten.KeyEnter, false)
	key(t, g, ebiten.KeyArrowUp, false)
	if d := g.st.Bank.Weight(0, 0, 2, 2) - w0; d < 0.099 || d > 0.101 {
		t.Errorf("Enter then Up on weight (2, 2): it changed by %v, want 0.1", d)
	}
	typeChars(g, "-2")
	key(t, g, ebiten.KeyEnter, false)
	if w := g.st.Bank.Weight(0, 0, 2, 2); w != -2 {
		t.Errorf("typing -2 and Enter on the focused weight: %v", w)
	}
	tabTo(t, g, "photo")
	key(t, g, ebiten.KeyEnter, false)
	if !g.st.Input.Photo {
		t.Error("Enter on the photo button: no photo")
	}
}

// The canvas: Enter puts the pen down at the cursor, the arrows draw, Enter
// lifts it, and then the arrows only move the cursor.
func TestKeyboardDrawing(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	tabTo(t, g, "canvas") // after the header's examples
	g.st.Input.Clear()
	ink := func() float32 { return g.Hook().Ink }
	key(t, g, ebiten.KeyEnter, false)
	dot := ink()
	for range 5 {
		key(t, g, ebiten.KeyArrowRight, false)
	}
	line := ink()
	key(t, g, ebiten.KeyEnter, false)
	for range 5 {
		key(t, g, ebiten.KeyArrowDown, false)
	}
	if dot <= 0 || line <= dot || ink() != line {
		t.Errorf("ink: %v after Enter, %v after 5 Rights, %v after Enter and 5 Downs (want 0 < a < b = c)", dot, line, ink())
	}
	if f := g.focus; f.cx != g.st.W()/2+5 || f.cy != g.st.H()/2+5 {
		t.Errorf("the cursor is at (%d, %d), want (%d, %d)", f.cx, f.cy, g.st.W()/2+5, g.st.H()/2+5)
	}
	g.st.History.Undo()
	if ink() != 0 {
		t.Errorf("Undo after a keyboard stroke: ink %v, want 0", ink())
	}
}

// The ring shows on the focused control and nowhere else, the help line
// lists the focus keys; a pointer press takes the ring away.
func TestFocusRing(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	before := frame(t, g, img)
	tabTo(t, g, "clear")
	r := ctrlRect(t, g, "clear")
	g.dirty = true
	ringed := frame(t, g, img)
	saveShot(t, "focus-ring.png", ringed)
	ring := region(g, r.inset(-5))
	if n := diffCount(before, ringed, ring); n < int(2*(r.W+r.H)) {
		t.Errorf("the focus ring changed %d pixels around clear", n)
	}
	// Elsewhere only the help line changes, to the focus keys.
	above := region(g, rect{0, 0, g.vw, panelOf[*shapesPanel](g).r.Y})
	if n := diffCount(before, ringed, above) - diffCount(before, ringed, ring); n != 0 {
		t.Errorf("focusing clear changed %d pixels elsewhere", n)
	}
	if got := panelOf[*shapesPanel](g).keysLine(); got != navHelp(i18n.EN) {
		t.Errorf("the help line while focused: %q", got)
	}
	c := ctrlRect(t, g, "pen")
	pointerAt(g, c.X+c.W/2, c.Y+c.H/2, true)
	pointerAt(g, c.X+c.W/2, c.Y+c.H/2, false)
	if g.focus.name != "" {
		t.Errorf("after a click the focus is on %q", g.focus.name)
	}
}

// In portrait Tab stays on the shown page (and the page bar), and Enter on
// a page button turns the page.
func TestPortraitFocus(t *testing.T) {
	g := newAt(t, 390, 844, 3)
	tabTo(t, g, "page:filter")
	key(t, g, ebiten.KeyEnter, false)
	if g.page != pageFilter {
		t.Fatalf("Enter on page:filter: page %d", g.page)
	}
	tabTo(t, g, "stride+")
	for range len(g.ctrls) {
		key(t, g, ebiten.KeyTab, false)
		if c := g.keyboard.focused(); c == nil || !g.onScreen(c.r) {
			t.Fatalf("Tab reached %q, not on the screen", g.focus.name)
		}
		if g.focus.name == "canvas" || g.focus.name == "map0" {
			t.Fatalf("Tab reached %s, on another page", g.focus.name)
		}
	}
}

// A held arrow repeats after half a second, 15 times a second; the press
// itself is not a repeat.
func TestArrowRepeat(t *testing.T) {
	n := 0
	for d := 1; d <= 90; d++ {
		if repeatsNow(d) {
			n++
			if d <= 30 {
				t.Errorf("a repeat at tick %d, within the first half second", d)
			}
		}
	}
	if n != 15 {
		t.Errorf("held for 1.5 s: %d repeats, want 15", n)
	}
}

// Space, as a browser sends it (the key and the typed ' '), presses the
// focused control and does not also play the step-through; with nothing
// focused it plays.
func TestSpacePressesFocused(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	tabTo(t, g, "eraser")
	put(g, Input{Mouse: g.ptr, Keys: []keyCode{ebiten.KeySpace}, Chars: []rune{' '}})
	if err := g.Update(); err != nil {
		t.Fatal(err)
	}
	if !g.eraser || g.st.Player.Playing() {
		t.Errorf("Space on the eraser: eraser %v, playing %v; want the eraser, not playing", g.eraser, g.st.Player.Playing())
	}
	key(t, g, ebiten.KeyEscape, false)
	put(g, Input{Mouse: g.ptr, Keys: []keyCode{ebiten.KeySpace}, Chars: []rune{' '}})
	if err := g.Update(); err != nil {
		t.Fatal(err)
	}
	if !g.st.Player.Playing() {
		t.Error("Space with nothing focused: not playing")
	}
}
