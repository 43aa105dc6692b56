package game

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

// The keyboard's focus: Tab and Shift+Tab move a ring through every control
// that does something, in Game.ctrls order (the panels' order, each
// panel's controls top to bottom: the reading order of the columns),
// skipping those off screen (portrait's other pages). Enter presses the
// focused control; the arrows step a focused − / + pair; on the canvas a
// cursor moves with the arrows and Enter puts the pen down or lifts it, so
// drawing needs no pointer. The keys are navKeys in keys.go.

// focus is the focused control, by name (names are stable across layouts),
// and the canvas cursor.
type focus struct {
	name   string // "" when nothing has the focus
	cx, cy int    // the canvas cursor, in canvas pixels
	placed bool   // the cursor has been put on the canvas
	inking bool   // the pen is down: the cursor's moves draw
}

// focusable reports whether Tab stops at c.
func (g *Game) focusable(c *control) bool { return c.press != nil && g.onScreen(c.r) }

// focused is the focused control, or nil when none is (or it is gone).
func (g *Game) focused() *control {
	if g.focus.name == "" {
		return nil
	}
	for i := range g.ctrls {
		if c := &g.ctrls[i]; c.name == g.focus.name && g.focusable(c) {
			return c
		}
	}
	return nil
}

// tabKey moves the focus to the next control (Shift: the previous one),
// wrapping around; with no focus, to the first (Shift: the last).
func (g *Game) tabKey(keyCode) bool {
	d := 1
	if g.in.Shift {
		d = -1
	}
	var stops []int
	at := -1
	for i := range g.ctrls {
		if c := &g.ctrls[i]; g.focusable(c) {
			if c.name == g.focus.name {
				at = len(stops)
			}
			stops = append(stops, i)
		}
	}
	if len(stops) == 0 {
		return true
	}
	next := (at + d + len(stops)) % len(stops)
	if at < 0 && d < 0 {
		next = len(stops) - 1
	}
	g.setFocus(g.ctrls[stops[next]].name)
	return true
}

// setFocus focuses the control name; the pen lifts when the focus leaves
// the canvas, and the cursor starts at the canvas's centre.
func (g *Game) setFocus(name string) {
	f := &g.focus
	f.name, f.inking = name, false
	if name == "canvas" && !f.placed {
		f.cx, f.cy, f.placed = g.st.W()/2, g.st.H()/2, true
	}
}

// enterKey presses the focused control at its centre, as a tap would. A
// panel that uses Enter takes it first (a typed weight applies its number);
// on the canvas Enter puts the pen down at the cursor, or lifts it.
func (g *Game) enterKey(k keyCode) bool {
	c := g.focused()
	switch {
	case c == nil:
		return false
	case g.keyToPanels(k):
		return true
	case c.kind == kCanvas:
		g.penKey()
		return true
	}
	for _, p := range g.panels {
		if o, ok := p.(pressObserver); ok {
			o.pressed(c)
		}
	}
	c.press(c.r.X+c.r.W/2, c.r.Y+c.r.H/2)
	return true
}

// penKey puts the pen (or the eraser) down at the cursor, or lifts it.
func (g *Game) penKey() {
	f := &g.focus
	f.inking = !f.inking
	if f.inking {
		x, y := float64(f.cx)+0.5, float64(f.cy)+0.5
		g.st.Input.BeginStroke()
		g.st.Input.Stroke(x, y, x, y, g.eraser)
	}
}

// arrowKey steps the focused − / + pair (up and right: +) or moves the
// canvas cursor; on anything else the arrows go to the panels (the filter
// editor steps its selected weight).
func (g *Game) arrowKey(k keyCode) bool {
	c := g.focused()
	if c == nil {
		return false
	}
	up := k == ebiten.KeyArrowUp || k == ebiten.KeyArrowRight
	if c.kind == kCanvas {
		g.moveCursor(k)
		return true
	}
	base, ok := strings.CutSuffix(c.name, "-")
	if !ok {
		base, ok = strings.CutSuffix(c.name, "+")
	}
	if !ok || c.kind != kStep {
		return false
	}
	sign := "-"
	if up {
		sign = "+"
	}
	for i := range g.ctrls {
		if s := &g.ctrls[i]; s.name == base+sign && s.press != nil {
			s.press(s.r.X+s.r.W/2, s.r.Y+s.r.H/2)
		}
	}
	return true
}

// moveCursor moves the canvas cursor one pixel, drawing when the pen is down.
func (g *Game) moveCursor(k keyCode) {
	f := &g.focus
	x0, y0 := f.cx, f.cy
	switch k {
	case ebiten.KeyArrowUp:
		f.cy--
	case ebiten.KeyArrowDown:
		f.cy++
	case ebiten.KeyArrowLeft:
		f.cx--
	case ebiten.KeyArrowRight:
		f.cx++
	}
	f.cx, f.cy = max(0, min(f.cx, g.st.W()-1)), max(0, min(f.cy, g.st.H()-1))
	if f.inking {
		g.st.Input.Stroke(float64(x0)+0.5, float64(y0)+0.5, float64(f.cx)+0.5, float64(f.cy)+0.5, g.eraser)
	}
}

// repeatKeys repeat while held, as a text field's arrows do: moving the
// canvas cursor or stepping a value one press at a time would be slow.
var repeatKeys = []keyCode{ebiten.KeyArrowUp, ebiten.KeyArrowDown, ebiten.KeyArrowLeft, ebiten.KeyArrowRight}

// Held this many ticks, a repeating key repeats every repeatEvery ticks
// (at 60 ticks a second: after half a second, 15 times a second).
const repeatAfter, repeatEvery = 30, 4

// repeatsNow reports whether a key held for d ticks repeats in this one.
func repeatsNow(d int) bool { return d > repeatAfter && (d-repeatAfter)%repeatEvery == 0 }

// escapeKey drops the focus; the panels still get Escape (it ends the
// filter editor's editing).
func (g *Game) escapeKey(keyCode) bool {
	g.focus.name, g.focus.inking = "", false
	return false
}

// drawFocus rings the focused control, and on the canvas shows the cursor
// (red while the pen is down).
func (g *Game) drawFocus(p painter) {
	c := g.focused()
	if c == nil {
		return
	}
	p.stroke(c.r.inset(-3), max(2.5, 2/g.scale), colAccent) // at least 2 CSS px, in the accent colour
	if c.kind != kCanvas {
		return
	}
	in := g.inputPanel()
	f, cs := g.focus, in.cs
	col := colText
	if f.inking {
		col = colError
	}
	cell := rect{in.canvas.X + float64(f.cx)*cs, in.canvas.Y + float64(f.cy)*cs, cs, cs}
	p.stroke(cell.inset(-1), 2, col)
}

// inputPanel is the canvas's panel.
func (g *Game) inputPanel() *inputPanel {
	for _, p := range g.panels {
		if in, ok := p.(*inputPanel); ok {
			return in
		}
	}
	panic("the view has no input panel")
}
