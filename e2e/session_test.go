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
	ready := func(what string) hook {
		t.Helper()
		p.do(chromedp.Poll[chromedp.Void](`window.convPlayground && window.convPlayground.ready`, chromedp.WithPollingTimeout(time.Minute)))
		return p.waitState(what, func(h hook) bool { return h.Frame > 0 })
	}
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
	origin := eval[float64](p, `performance.timeOrigin`)
	x, y := p.control("start_fresh").center() // the page reloads: no frame to wait for after the press
	p.mouse(chromedp.MousePressed, x, y)
	p.do(chromedp.Poll[chromedp.Void](fmt.Sprintf(`performance.timeOrigin > %f`, origin), chromedp.WithPollingTimeout(time.Minute)))
	chromedp.Run(p.ctx, chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft)) // on the new page: no error matters
	if h := ready("a fresh start"); h.Ink != first.Ink || h.Share != first.Share {
		t.Errorf("Start fresh: ink %v, link %q; want the defaults' %v, %q", h.Ink, h.Share, first.Ink, first.Share)
	}
}
