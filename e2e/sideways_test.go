package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// A phone held sideways (844x390, touch) gets two columns a page under one
// header row, not the desktop layout scaled to ~0.5: every control on
// screen is a finger (32 CSS px) each way, no text is under 11 CSS px,
// nothing is clipped (the screenshots check the hook's clipped), a finger
// draws on the canvas and presses a setting, and the pages and the
// Examples menu reach the maps, the shapes and the examples, and the
// language switch in the header row switches to Korean (issue 20, item 8).
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

	// The header row's language switch, by a finger: the page in Korean,
	// its pages and header still whole (nothing clipped).
	p.touchStroke("lang:ko", [][2]float64{{0.5, 0.5}})
	p.waitState("the page in Korean", func(h hook) bool { return h.Lang == "ko" && len(h.View.Clipped) == 0 })
	checkFingers(t, p, w, h, "the maps page in Korean")
	p.screenshot(shots, name+"-korean.png")
}

// Smaller phones held sideways (740x360, 667x375, 640x360) get the same two-column
// pages a little smaller: the smallest text (10 layout px) still 11 CSS px,
// nothing clipped on any page, the language switch in the Examples menu.
func TestSmallPhonesSideways(t *testing.T) {
	browser, url := newBrowser(t), serveSite(t, site(t))
	shots := shotDir(t)
	for _, sz := range [][2]int64{{740, 360}, {667, 375}, {640, 360}} {
		w, h := sz[0], sz[1]
		p, _ := openURL(t, browser, url, w, h, 2)
		p.do(chromedp.EmulateViewport(w, h, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
		first := p.waitState("the layout for the emulated phone", func(h hook) bool { return h.View.DeviceScale == 2 })
		if small := 10 * first.View.Scale; small < 11 {
			t.Errorf("%dx%d: scale %.3g, the smallest text %.1f CSS px", w, h, first.View.Scale, small)
		}
		for _, pg := range [][2]string{{"input", "canvas"}, {"filter", "stride+"}, {"maps", "tab:maps"}, {"shapes", "copy_code"}} {
			p.touchStroke("page:"+pg[0], [][2]float64{{0.5, 0.5}})
			p.waitState("the "+pg[0]+" page", func(hook) bool { _, ok := p.controls()[pg[1]]; return ok })
			p.screenshot(shots, fmt.Sprintf("sideways-%dx%d-%s.png", w, h, pg[0])) // fails on clipped text
		}
		p.touchStroke("examples_menu", [][2]float64{{0.5, 0.5}})
		p.control("lang:ko")
		p.screenshot(shots, fmt.Sprintf("sideways-%dx%d-menu.png", w, h))
	}
}
