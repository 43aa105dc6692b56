package game

import (
	"fmt"
	"image"
	"testing"
)

// redrawn names the panels the last frame drew.
func redrawn(g *Game) map[string]bool {
	m := map[string]bool{}
	for i, p := range g.panels {
		if g.drawn[i].redraw {
			m[fmt.Sprintf("%T", p)] = true
		}
	}
	return m
}

// fullDraw draws the whole screen afresh, as the first frame does.
func fullDraw(t *testing.T, g *Game) *image.RGBA {
	t.Helper()
	g.screenKey, g.dirty = screenKey{}, true
	img := screen(g)
	g.Draw(img)
	out := image.NewRGBA(img.Bounds())
	img.ReadPixels(out.Pix)
	return out
}

// strays counts the pixels of a with no pixel of b's colour within one
// pixel: the same drawing into another image can sample a scaled map one
// column over (images live at different places of Ebiten's atlases).
func strays(a, b *image.RGBA) int {
	n := 0
	for y := a.Rect.Min.Y; y < a.Rect.Max.Y; y++ {
		for x := a.Rect.Min.X; x < a.Rect.Max.X; x++ {
			if !nearby(a, b, x, y) {
				n++
			}
		}
	}
	return n
}

// A stroke redraws the canvas and the maps, not the settings, the filter
// editor, the shapes, the header or the tabs, at any window size.
func TestStrokeRedrawsOnlyWhatChanged(t *testing.T) {
	for _, sz := range [][3]float64{{1280, 720, 1}, {800, 600, 1}, {1280, 720, 2}} {
		t.Run(fmt.Sprintf("%gx%g@%g", sz[0], sz[1], sz[2]), func(t *testing.T) { strokeRedraws(t, newAt(t, sz[0], sz[1], sz[2])) })
	}
}

func strokeRedraws(t *testing.T, g *Game) {
	img := screen(g)
	frame(t, g, img)
	c := inputOf(g).canvas
	pointerAt(g, c.X+c.W/3, c.Y+c.H/3, true)
	frame(t, g, img)
	pointerAt(g, c.X+c.W/2, c.Y+c.H/2, true)
	frame(t, g, img)
	got := redrawn(g)
	for _, want := range []string{"*game.inputPanel", "*game.mapsPanel"} {
		if !got[want] {
			t.Errorf("a stroke did not redraw %s (redrawn: %v)", want, got)
		}
	}
	for _, not := range []string{"*game.settingsPanel", "*game.filterEditor", "*game.shapesPanel", "*game.header", "*game.tabStrip", "*game.stepper", "*game.exportBar"} {
		if got[not] {
			t.Errorf("a stroke redrew %s (redrawn: %v)", not, got)
		}
	}
}

// After each step the screen drawn panel by panel is the screen drawn
// whole: nothing stale is left, nothing is missing. (The full drawing has
// the same layout and size, so the next step redraws on top of a screen
// equal to it.)
func TestRedrawMatchesFullDraw(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	c := inputOf(g).canvas
	steps := []struct {
		name string
		do   func()
	}{
		{"stroke", func() { pointerAt(g, c.X+c.W/4, c.Y+c.H/4, true) }},
		{"stroke on", func() { pointerAt(g, c.X+c.W*0.7, c.Y+c.H*0.6, true) }},
		{"release", func() { pointerAt(g, c.X+c.W*0.7, c.Y+c.H*0.6, false) }},
		{"hover a map", func() { pointAtMap(g, 2, 0.3, 0.6) }},
		{"step forward", func() { click(t, g, "step_fwd") }},
		{"step again", func() { click(t, g, "step_fwd") }},
		{"step to the end", func() { click(t, g, "step_end") }},
		{"hover a button", func() { r := ctrlRect(t, g, "stride+"); pointerAt(g, r.X+2, r.Y+2, false) }},
		{"stride 2", func() { click(t, g, "stride+") }},
		{"stride 0 (rejected)", func() { click(t, g, "stride-"); click(t, g, "stride-") }},
		{"stride 1", func() { click(t, g, "stride+") }},
		{"open the preset list", func() { click(t, g, "preset_menu") }},
		{"pick sobel x", func() { click(t, g, "preset:sobel x") }},
		{"explain tab", func() { click(t, g, "tab:explain") }},
		{"maps tab", func() { click(t, g, "tab:maps") }},
		{"learned filters", func() { click(t, g, "learned") }},
		{"photo", func() { click(t, g, "presets"); click(t, g, "photo") }},
	}
	for _, s := range steps {
		s.do()
		got := frame(t, g, img)
		t.Logf("%s: redrew %v", s.name, redrawn(g))
		want := fullDraw(t, g)
		// A map shrunk to its tile may pick a texel two away on a few
		// pixels, as in the golden screenshots (strayPixels).
		if n := strays(got, want); n > len(got.Pix)/4/strayPixels {
			saveShot(t, "redraw-"+s.name+"-got.png", got)
			saveShot(t, "redraw-"+s.name+"-want.png", want)
			t.Errorf("after %s: %d pixels differ from a full redraw", s.name, n)
		}
	}
}
