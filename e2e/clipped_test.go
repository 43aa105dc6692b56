package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// fileWord makes a screen's description a file name.
var fileWord = strings.NewReplacer(" ", "-", ",", "", "(", "", ")", "")

// No screen cuts a string (issue 20, item 3): every tab, both examples, a
// rejected setting, and the phone's pages, at 1280x720, 800x600 and
// 390x844; the hook's clipped lists what the last frame had to cut.
func TestBrowserNoClippedText(t *testing.T) {
	browser := newBrowser(t)
	url := serveSite(t, site(t))
	for _, c := range []struct{ w, h int64 }{{1280, 720}, {800, 600}, {390, 844}} {
		t.Run(fmt.Sprintf("%dx%d", c.w, c.h), func(t *testing.T) {
			p, _ := openURL(t, browser, url, c.w, c.h, 1)
			n := 0
			check := func(what string) { // the last frame, drawn after the press (click waits for it)
				t.Helper()
				n++ // the screenshot checks the hook's clipped
				p.screenshot(shotDir(t), fmt.Sprintf("clipped-%dx%d-%02d-%s.png", c.w, c.h, n, fileWord.Replace(what)))
			}
			check("the first screen")
			if c.w < c.h { // a phone: its pages, a rejected setting on the filter page
				p.do(chromedp.EmulateViewport(c.w, c.h, chromedp.EmulateScale(1), chromedp.EmulateMobile, chromedp.EmulateTouch))
				for _, pg := range []string{"filter", "maps", "shapes", "input"} {
					p.touchStroke("page:"+pg, [][2]float64{{0.5, 0.5}})
					check("the " + pg + " page")
				}
				return
			}
			for _, ex := range []string{"", "example0", "example1"} {
				if ex != "" {
					p.click(ex)
				}
				for _, tab := range []string{"explain", "channels", "batch", "maps"} {
					p.click("tab:" + tab)
					p.waitState("the "+tab+" tab", func(h hook) bool { return h.View.Tab == tab })
					check(fmt.Sprintf("%s, the %s tab", ex, tab))
				}
			}
			for p.state().Error == "" && p.state().Settings.Stride > 0 {
				p.click("stride-")
			}
			check("stride 0 (rejected)")
		})
	}
}
