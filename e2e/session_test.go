package e2e

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Work is never lost (issue 20, item 4): a reload right after a stroke
// keeps it (the link lags by up to half a second; the tab's own session
// does not), a new visit without a link restores the session from
// localStorage, a link in the address wins over it, and Start fresh
// clears it.
func TestBrowserSessionKept(t *testing.T) {
	browser := newBrowser(t)
	url := serveSite(t, site(t))
	p, first := openURL(t, browser, url, viewW, viewH, 1)
	// ready waits for a page whose document began after origin (ms) to be
	// ready; evaluating fails while a page navigates, and is tried again.
	var origin float64
	ready := func(what string) hook {
		t.Helper()
		js := fmt.Sprintf(`performance.timeOrigin > %f && !!window.convPlayground && window.convPlayground.ready`, origin)
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
			if ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: the page is not ready", what)
			}
		}
		h := p.waitState(what, func(h hook) bool { return h.Frame > 0 })
		origin = eval[float64](p, `performance.timeOrigin`)
		return h
	}
	origin = eval[float64](p, `performance.timeOrigin`)
	p.click("clear")
	drawn := p.waitState("a cleared canvas", func(h hook) bool { return h.Ink == 0 })
	p.stroke("canvas", [][2]float64{{0.3, 0.3}, {0.5, 0.5}, {0.7, 0.6}})
	drawn = p.waitState("a stroke", func(h hook) bool { return h.Ink > 0 })
	p.do(chromedp.Reload())                                                              // at once: the link may not have the stroke yet
	same := func(a, b float32) bool { return math.Abs(float64(a-b)) <= 0.01*float64(b) } // the link keeps the canvas to 1/255
	if h := ready("the reloaded page"); !same(h.Ink, drawn.Ink) {
		t.Errorf("reload right after a stroke: ink %v, want %v", h.Ink, drawn.Ink)
	}
	p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(url)) // a new visit, no link
	if h := ready("a new visit"); !same(h.Ink, drawn.Ink) {
		t.Errorf("a new visit without a link: ink %v, want the kept session's %v", h.Ink, drawn.Ink)
	}
	p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(url+"#"+first.Share))
	if h := ready("a link"); h.Ink != first.Ink {
		t.Errorf("a link in the address: ink %v, want the link's %v", h.Ink, first.Ink)
	}
	x, y := p.control("start_fresh").center() // the page reloads: no frame to wait for after the press
	p.mouse(chromedp.MousePressed, x, y)
	h := ready("a fresh start")
	chromedp.Run(p.ctx, chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft)) // on the new page: no error matters
	if h.Ink != first.Ink || h.Share != first.Share {
		t.Errorf("Start fresh: ink %v, link %q; want the defaults' %v, %q", h.Ink, h.Share, first.Ink, first.Share)
	}
}
