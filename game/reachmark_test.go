package game

import (
	"testing"

	"convplayground/game/state"
)

// Pointing at a pixel marks the cells that read it without fading the
// maps, and only while no button is down: during a stroke the maps stay
// at full contrast (issue 20, item 1).
func TestPixelReachMarksWithoutFading(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Input.PickDigit(0)
	g.st.Step(state.SetStride, 1)
	g.st.Recompute()
	g.relayout()
	img := screen(g)
	pointerAt(g, 5, 5, false)
	base := frame(t, g, img)
	in, o := inputOf(g), panelOf[*stepOverlay](g)
	px, py := in.canvas.X+7.5*in.cs, in.canvas.Y+10.5*in.cs
	pointerAt(g, px, py, false)
	hover := frame(t, g, img)
	if !o.prOn {
		t.Fatal("hovering a pixel with no button down does not show its reach")
	}
	tile := region(g, mapsOf(g).tiles[3])
	area := tile.Dx() * tile.Dy()
	if n := diffCount(base, hover, tile); n == 0 || n > area/8 {
		t.Errorf("hovering a pixel changes %d of %d pixels of a map that reads it: want a mark (> 0), no fade (≤ %d)", n, area, area/8)
	}

	pointerAt(g, px, py, true) // a stroke: press, then drag
	pointerAt(g, px+in.cs, py, true)
	if o.prOn {
		t.Error("the pixel reach is shown while drawing")
	}
	pointerAt(g, px+in.cs, py, false)
	if !o.prOn {
		t.Error("the pixel reach is not back after the stroke, with no button down")
	}
}

// Pointing at a weight marks the pixels it multiplies (a mark on each),
// without tinting the whole input.
func TestWeightReachMarksPixels(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Input.PickDigit(0)
	g.st.Recompute()
	g.relayout()
	img := screen(g)
	pointerAt(g, 5, 5, false)
	base := frame(t, g, img)
	ed := editorOf(g)
	pointerAt(g, ed.grid.X+ed.gridCell*0.5, ed.grid.Y+ed.gridCell*0.5, false)
	hover := frame(t, g, img)
	if !panelOf[*stepOverlay](g).wrOn {
		t.Fatal("hovering a weight does not show its reach")
	}
	c := region(g, inputOf(g).canvas)
	area := c.Dx() * c.Dy()
	if n := diffCount(base, hover, c); n == 0 || n > area/4 {
		t.Errorf("hovering weight (0, 0) changes %d of the canvas's %d pixels: want a mark on each lit pixel (> 0), no tint (≤ %d)", n, area, area/4)
	}
}
