package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// A phone held sideways (844x390, touch) gets two columns a page under one
// header row, not the desktop layout scaled to ~0.5: every control on
// screen is a finger (32 CSS px) each way, no text is under 11 CSS px,
// nothing is clipped (the screenshots check the hook's clipped), a finger
// draws on the canvas and presses a setting, and the pages and the
// Examples menu reach the maps, the shapes and the examples (issue 20,
// item 8).
func TestMobileSideways(t *testing.T) {
	const w, h = 844, 390
	p, _ := openURL(t, newBrowser(t), serveSite(t, site(t)), w, h, 2)
	p.do(chromedp.EmulateViewport(w, h, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	first := p.waitState("the layout for the emulated phone", func(h hook) bool { return h.View.DeviceScale == 2 })
	// The layout's smallest text is 10 layout px (the legend's numbers).
	if small := 10 * first.View.Scale; small < 11 {
		t.Errorf("scale %.3g: the smallest text is %.1f CSS px, under 11", first.View.Scale, small)
	}
	shots, name := shotDir(t), "sideways-844x390"
	checkFingers(t, p, w, h, "the input page")
	p.control("page:maps") // the page bar is there: not the desktop layout
	p.touchStroke("clear", [][2]float64{{0.5, 0.5}})
	p.waitState("a cleared canvas", func(h hook) bool { return h.Ink == 0 })
	p.touchStroke("canvas", [][2]float64{{0.3, 0.2}, {0.4, 0.4}, {0.5, 0.6}, {0.6, 0.8}})
	drawn := p.waitState("a finger's stroke", func(h hook) bool { return h.Ink > 0 })
	p.screenshot(shots, name+"-input.png")

	p.touchStroke("page:filter", [][2]float64{{0.5, 0.5}})
	checkFingers(t, p, w, h, "the filter page")
	if _, ok := p.controls()["canvas"]; ok {
		t.Error("the filter page still lists the canvas")
	}
	p.touchStroke("stride+", [][2]float64{{0.5, 0.5}})
	st := p.waitState("stride 2", func(h hook) bool { return h.setting("stride") == 2 })
	if st.Ink != drawn.Ink || st.Output[2] != outSize(28, first.setting("padding"), 1, first.setting("kernel"), 2) {
		t.Errorf("stride 2 by touch: ink %v (was %v), output %v", st.Ink, drawn.Ink, st.Output)
	}
	p.screenshot(shots, name+"-filter.png")

	for _, pg := range []string{"maps", "shapes"} {
		p.touchStroke("page:"+pg, [][2]float64{{0.5, 0.5}})
		checkFingers(t, p, w, h, "the "+pg+" page")
		p.screenshot(shots, name+"-"+pg+".png")
	}
	p.control("copy_code") // the shapes page has the export row

	p.touchStroke("examples_menu", [][2]float64{{0.5, 0.5}})
	p.touchStroke("example1", [][2]float64{{0.5, 0.5}})
	p.waitState("the MNIST batch example", func(h hook) bool { return len(h.Input) == 4 && h.Input[0] == 16 })
	p.touchStroke("page:maps", [][2]float64{{0.5, 0.5}})
	checkFingers(t, p, w, h, "the maps page of the MNIST batch")
	p.control("map19")
	p.screenshot(shots, name+"-example1-maps.png")
}
