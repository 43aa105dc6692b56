package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// A phone and a tablet in portrait, with touch: the playground pages its
// columns (input, filter, maps, shapes), every control on screen is at
// least a finger (32 CSS px) each way, no text is under 11 CSS px, and a
// finger draws on the canvas and presses a setting.
func TestMobilePortrait(t *testing.T) {
	browser := newBrowser(t)
	url := serveSite(t, site(t))
	for _, c := range []struct{ w, h int64 }{{390, 844}, {768, 1024}} {
		t.Run(fmt.Sprintf("%dx%d", c.w, c.h), func(t *testing.T) {
			p, first := openURL(t, browser, url, c.w, c.h, 2)
			p.do(chromedp.EmulateViewport(c.w, c.h, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
			// The layout's smallest text is 10 layout px (the legend's numbers).
			if small := 10 * first.Scale; small < 11 {
				t.Errorf("scale %.3g: the smallest text is %.1f CSS px, under 11", first.Scale, small)
			}
			name := fmt.Sprintf("mobile-%dx%d", c.w, c.h)
			checkFingers(t, p, c.w, c.h, "the input page")
			p.touchStroke("clear", [][2]float64{{0.5, 0.5}})
			p.waitState("a cleared canvas", func(h hook) bool { return h.Ink == 0 })
			p.touchStroke("canvas", [][2]float64{{0.3, 0.2}, {0.4, 0.4}, {0.5, 0.6}, {0.6, 0.8}})
			drawn := p.waitState("a finger's stroke", func(h hook) bool { return h.Ink > 0 })
			p.screenshot(shotDir(t), name+"-input.png")

			p.touchStroke("page:filter", [][2]float64{{0.5, 0.5}})
			checkFingers(t, p, c.w, c.h, "the filter page")
			if _, ok := p.controls()["canvas"]; ok {
				t.Error("the filter page still lists the canvas")
			}
			p.touchStroke("stride+", [][2]float64{{0.5, 0.5}})
			h := p.waitState("stride 2", func(h hook) bool { return h.setting("stride") == 2 })
			if h.Ink != drawn.Ink || h.Output[2] != outSize(28, first.setting("padding"), 1, first.setting("kernel"), 2) {
				t.Errorf("stride 2 by touch: ink %v (was %v), output %v", h.Ink, drawn.Ink, h.Output)
			}
			p.screenshot(shotDir(t), name+"-filter.png")

			for _, pg := range []string{"maps", "shapes"} {
				p.touchStroke("page:"+pg, [][2]float64{{0.5, 0.5}})
				checkFingers(t, p, c.w, c.h, "the "+pg+" page")
				if pg == "maps" {
					p.control("map0") // the maps are on their page
				}
				p.screenshot(shotDir(t), name+"-"+pg+".png")
			}
		})
	}
}

// checkFingers checks that every control on screen is inside the w×h
// window and at least 32 CSS px wide and high.
func checkFingers(t *testing.T, p *tab, w, h int64, where string) {
	t.Helper()
	cs := p.controls()
	if len(cs) < 5 {
		t.Fatalf("%s: only %d controls: %v", where, len(cs), cs)
	}
	for name, r := range cs {
		if r.X < -0.5 || r.Y < -0.5 || r.X+r.W > float64(w)+0.5 || r.Y+r.H > float64(h)+0.5 {
			t.Errorf("%s: %s at %+v is not inside the %dx%d window", where, name, r, w, h)
		}
		if r.W < 31.99 || r.H < 31.99 {
			t.Errorf("%s: %s is %.1fx%.1f CSS px, under a finger's 32", where, name, r.W, r.H)
		}
	}
}
