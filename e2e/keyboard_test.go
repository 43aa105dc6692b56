package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Keyboard only, with real key events: Shift+Tab from nothing goes back
// through the controls in reading order (the shapes panel's export buttons
// last, then the maps) to the last map, and Enter selects it; Tab goes on
// and wraps through the header to the canvas, where Enter puts the pen down
// and the arrows draw.
func TestKeyboardOnly(t *testing.T) {
	p, first := openPlayground(t, viewW, viewH, 1)
	last := first.Weight[0] - 1
	p.focusOn(fmt.Sprintf("map%d", last), p.shiftTab)
	p.press("Enter", 13)
	h := p.waitState("the last map selected", func(h hook) bool { return h.SelectedFilter == last })
	p.shiftTab()
	p.press("Enter", 13)
	p.waitState("the map before it selected", func(h hook) bool { return h.SelectedFilter == last-1 })
	p.focusOn("canvas", func() { p.press("Tab", 9) })
	p.typeText("c")
	p.waitState("a cleared canvas", func(h hook) bool { return h.Ink == 0 })
	p.press("Enter", 13)
	dot := p.waitState("the pen down", func(h hook) bool { return h.Ink > 0 })
	for range 4 {
		p.press("ArrowRight", 39)
	}
	line := p.waitState("a line drawn by the arrows", func(h hook) bool { return h.Ink > dot.Ink })
	if line.Version <= h.Version {
		t.Errorf("drawing with the keys did not change the model: version %d, was %d", line.Version, h.Version)
	}
	p.screenshot(shotDir(t), "keyboard.png")
}

// press types a key whose code is its name, then waits two animation
// frames: Ebiten polls the keyboard once a frame, and software rendering
// can hold the page for longer than a key's release and the next press, so
// the same key twice would read as one press held.
func (p *tab) press(key string, vk int64) {
	p.t.Helper()
	p.key(key, key, vk, 0)
	eval[bool](p, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
}

// focusOn moves the focus with move until the control name has it (at
// most 60 moves: every control once).
func (p *tab) focusOn(name string, move func()) {
	p.t.Helper()
	prev := p.state().Focus
	for range 60 {
		move()
		prev = p.waitState("a focus move", func(h hook) bool { return h.Focus != prev }).Focus
		if prev == name {
			return
		}
	}
	p.t.Fatalf("the focus never reached %s", name)
}

// shiftTab holds Shift while it types Tab (Ebiten reads Shift as a key
// held, not as the Tab event's modifier).
func (p *tab) shiftTab() {
	p.t.Helper()
	p.holding("Shift", "ShiftLeft", 16, 8, func() { p.key("Tab", "Tab", 9, 8) })
}

// holding holds a modifier key (its key, code, key code and CDP modifier
// bit) while do types: Ebiten reads a modifier as a key held.
func (p *tab) holding(key, code string, vk, mod int64, do func()) {
	p.t.Helper()
	send := func(typ input.DispatchKeyEventType) {
		p.t.Helper()
		_, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: key, Code: code, Modifiers: mod, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk,
		})
		if err != nil {
			p.t.Fatal(err)
		}
	}
	send(input.DispatchKeyEventTypeRawKeyDown)
	time.Sleep(hold)
	do()
	send(input.DispatchKeyEventTypeKeyUp)
	time.Sleep(hold)
}
