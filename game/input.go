package game

import (
	"fmt"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"convplayground/game/state"
)

// hoverInfo is what the pointer is over: an output cell of a map (its
// value and window in text), or a canvas pixel (its value in text).
type hoverInfo struct {
	ch, oy, ox int    // output cell, ch = −1 when none
	ctrl       string // the control under the pointer
	text       string
}

// pointer reads the first touch if there is one, else the mouse, in
// virtual pixels. Touch and mouse both become one pointer: a press, a drag,
// a release.
func (g *Game) pointer() (x, y float64, down bool) {
	g.touches = ebiten.AppendTouchIDs(g.touches[:0])
	var px, py int
	if len(g.touches) > 0 {
		px, py = ebiten.TouchPosition(g.touches[0])
		down = true
	} else {
		px, py = ebiten.CursorPosition()
		down = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
	}
	k := g.k()
	return float64(px) / k, float64(py) / k, down
}

func (g *Game) handlePointer() {
	if g.synthetic {
		return
	}
	x, y, down := g.pointer()
	// Only a change of the real pointer counts, so an idle mouse costs
	// nothing (and tests can drive pointerAt without the real one).
	if r := (pointerState{x, y, down}); r != g.real {
		g.real = r
		g.pointerAt(x, y, down)
	}
}

// pointerState is where the pointer is (virtual pixels) and whether it is down.
type pointerState struct {
	x, y float64
	down bool
}

// pointerAt feeds one frame's pointer state (virtual pixels, button down).
func (g *Game) pointerAt(x, y float64, down bool) {
	moved := x != g.px || y != g.py
	g.px, g.py = x, y
	switch {
	case down && !g.down:
		g.press(x, y)
	case down && g.down:
		g.drag(x, y)
	case !down && g.down:
		g.active = ""
	}
	g.down = down
	if moved || g.dirty {
		g.updateHover()
	}
}

// press finds the topmost control under the pointer and runs it.
func (g *Game) press(x, y float64) {
	if g.lay == nil {
		return
	}
	for i := len(g.lay.ctrls) - 1; i >= 0; i-- {
		c := g.lay.ctrls[i]
		if !c.r.has(x, y) {
			continue
		}
		if g.menu && !strings.HasPrefix(c.name, "preset") {
			g.menu = false // a press elsewhere closes the preset list
		}
		if c.name == "canvas" {
			g.active = "canvas"
			g.st.BeginStroke()
			cx, cy := g.toCanvas(x, y)
			g.st.Stroke(cx, cy, cx, cy, g.eraser)
			g.lastX, g.lastY = cx, cy
		} else if c.press != nil {
			g.active = c.name
			c.press()
		} else {
			continue
		}
		g.dirty = true
		return
	}
}

func (g *Game) drag(x, y float64) {
	switch {
	case g.active == "canvas":
		cx, cy := g.toCanvas(x, y)
		if cx != g.lastX || cy != g.lastY {
			g.st.Stroke(g.lastX, g.lastY, cx, cy, g.eraser)
			g.lastX, g.lastY = cx, cy
		}
	case (strings.HasPrefix(g.active, "cell_") || g.active == "bias_value") && g.cellOn:
		// Drag up to raise the weight: 0.02 per layout pixel, in steps of 0.01.
		dy := g.dragY0 - y
		if !g.dragged && math.Abs(dy) < 3 {
			return
		}
		g.dragged, g.typing = true, ""
		g.setSelected(math.Round((float64(g.dragV0)+dy*0.02)*100) / 100)
	}
}

// biasCell in g.cell means the bias is selected rather than a weight.
var biasCell = [2]int{-1, -1}

func (g *Game) selectedValue() float32 {
	if g.cell == biasCell {
		return g.st.Filters[g.sel].B
	}
	return g.st.Weight(g.sel, 0, g.cell[0], g.cell[1])
}

func (g *Game) setSelected(v float64) {
	if g.cell == biasCell {
		g.st.SetBias(g.sel, v)
		return
	}
	g.st.SetWeight(g.sel, 0, g.cell[0], g.cell[1], v)
}

// enterTyped applies the typed value to the selected weight or bias.
func (g *Game) enterTyped() {
	if g.cell == biasCell {
		g.st.SetBiasText(g.sel, g.typing)
	} else {
		g.st.SetWeightText(g.sel, 0, g.cell[0], g.cell[1], g.typing)
	}
	g.typing = ""
}

// pressCell selects a weight of the selected filter for dragging or typing.
func (g *Game) pressCell(ky, kx int) {
	if !g.cellOn || g.cell != [2]int{ky, kx} {
		g.typing = ""
	}
	g.cell, g.cellOn = [2]int{ky, kx}, true
	g.dragY0, g.dragV0, g.dragged = g.py, g.selectedValue(), false
}

// toCanvas converts virtual pixels to canvas pixel coordinates.
func (g *Game) toCanvas(x, y float64) (float64, float64) {
	L := g.lay
	return (x - L.canvas.X) / L.cs, (y - L.canvas.Y) / L.cs
}

func (g *Game) updateHover() {
	h := hoverInfo{ch: -1}
	L := g.lay
	if L == nil {
		return
	}
	if out := g.st.Out; out != nil {
		oh, ow := out.Shape[2], out.Shape[3]
		for i, r := range L.tiles {
			if r.has(g.px, g.py) {
				h.ch, h.oy, h.ox = i, int((g.py-r.Y)/r.H*float64(oh)), int((g.px-r.X)/r.W*float64(ow))
				v, _ := g.st.OutValue(i, h.oy, h.ox)
				h.text = fmt.Sprintf("y[0, %d, %d, %d] = %.4g", i, h.oy, h.ox, v)
				if sum, b, ok := g.st.Explain(i, h.oy, h.ox); ok {
					h.text += fmt.Sprintf(" = Σ w·x + b = %.4g + %.3g", sum, b)
				}
				h.text += "\n" + g.windowText(h.oy, h.ox)
				break
			}
		}
	}
	for i := len(L.ctrls) - 1; i >= 0; i-- {
		if c := L.ctrls[i]; c.r.has(g.px, g.py) && (c.press != nil || c.name == "canvas") {
			h.ctrl = c.name
			break
		}
	}
	if h.ch < 0 && L.canvas.has(g.px, g.py) {
		cx, cy := g.toCanvas(g.px, g.py)
		iy, ix, st := int(cy), int(cx), g.st
		h.text = fmt.Sprintf("x[0, 0, %d, %d] = %.3g", iy, ix, st.InputValue(0, iy, ix))
		if st.C() == 3 {
			h.text = fmt.Sprintf("x[0, :, %d, %d] = (%.3g, %.3g, %.3g)", iy, ix,
				st.InputValue(0, iy, ix), st.InputValue(1, iy, ix), st.InputValue(2, iy, ix))
		}
	}
	if h != g.hover {
		g.hover = h
		g.dirty = true
	}
	g.setCursor()
}

// setCursor shows a hand over buttons and a crosshair over the canvas.
func (g *Game) setCursor() {
	shape := ebiten.CursorShapeDefault
	switch {
	case g.hover.ctrl == "canvas":
		shape = ebiten.CursorShapeCrosshair
	case strings.HasPrefix(g.hover.ctrl, "cell_"):
		shape = ebiten.CursorShapeNSResize
	case g.hover.ctrl != "":
		shape = ebiten.CursorShapePointer
	}
	if shape != g.cursor && !g.synthetic {
		ebiten.SetCursorShape(shape)
	}
	g.cursor = shape
}

// windowText describes the input window an output cell reads.
func (g *Game) windowText(oy, ox int) string {
	taps := g.st.Window(oy, ox)
	if len(taps) == 0 {
		return ""
	}
	a, b := taps[0], taps[len(taps)-1]
	pad := 0
	for _, t := range taps {
		if t.InPadding {
			pad++
		}
	}
	s := fmt.Sprintf("window: input rows %d..%d, cols %d..%d", a.Y, b.Y, a.X, b.X)
	if pad > 0 {
		s += fmt.Sprintf(" (%d of %d taps in padding)", pad, len(taps))
	}
	return s
}

// Keyboard shortcuts: lower case raises a setting, upper case lowers it.
var shortcuts = map[rune]struct {
	name string
	d    int
}{
	's': {state.SetStride, +1}, 'S': {state.SetStride, -1},
	'p': {state.SetPadding, +1}, 'P': {state.SetPadding, -1},
	'd': {state.SetDilation, +1}, 'D': {state.SetDilation, -1},
	'k': {state.SetKernel, +1}, 'K': {state.SetKernel, -1},
	'o': {state.SetOut, +1}, 'O': {state.SetOut, -1},
	'm': {state.SetMode, +1}, 'M': {state.SetMode, -1},
}

func (g *Game) handleKeys() {
	if g.synthetic {
		return
	}
	g.chars = ebiten.AppendInputChars(g.chars[:0])
	g.typeChars(g.chars)
	g.handleSpecialKeys()
}

// typeChars handles typed characters: a weight value while a cell is
// selected, otherwise shortcuts.
func (g *Game) typeChars(chars []rune) {
	st := g.st
	for _, r := range chars {
		g.dirty = true
		if g.cellOn && (r >= '0' && r <= '9' || r == '.' || r == '-' || r == 'e') {
			g.typing += string(r)
			continue
		}
		if sc, ok := shortcuts[r]; ok {
			st.Step(sc.name, sc.d)
			continue
		}
		switch r {
		case 'n':
			st.SetNormalize(!st.Normalize)
		case 'c':
			st.Clear()
		case 'u':
			st.Undo()
		case 'r':
			st.RandomDigit(g.rng)
		case 'x':
			g.eraser = !g.eraser
		case 'g':
			g.st.Colormap = (g.st.Colormap + 1) % numCmaps
		case 'l':
			g.st.SharedScale = !g.st.SharedScale
		case '[':
			g.selectFilter(g.sel - 1)
		case ']':
			g.selectFilter(g.sel + 1)
		case '<':
			st.CyclePreset(g.sel, -1)
		case '>':
			st.CyclePreset(g.sel, +1)
		}
	}
}

func (g *Game) handleSpecialKeys() {
	st := g.st
	just := inpututil.IsKeyJustPressed
	switch {
	case g.typing != "" && just(ebiten.KeyBackspace):
		g.typing = g.typing[:len(g.typing)-1]
	case g.typing != "" && (just(ebiten.KeyEnter) || just(ebiten.KeyNumpadEnter)):
		g.enterTyped()
	case just(ebiten.KeyEscape):
		g.typing, g.cellOn, g.menu = "", false, false
	case g.cellOn && just(ebiten.KeyArrowUp):
		g.setSelected(float64(g.selectedValue()) + 0.1)
	case g.cellOn && just(ebiten.KeyArrowDown):
		g.setSelected(float64(g.selectedValue()) - 0.1)
	case ebiten.IsKeyPressed(ebiten.KeyControl) && just(ebiten.KeyZ):
		st.Undo()
	default:
		return
	}
	g.dirty = true
}
