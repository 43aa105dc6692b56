package e2e

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// fileWord makes a screen's description a file name.
var fileWord = strings.NewReplacer(" ", "-", ",", "", "(", "", ")", "")

// No screen cuts a string (issue 20, item 3), in English and in Korean
// (issue 21): every tab, both examples, a rejected setting, and on a
// phone every page too, at 1280x720, 800x600, 390x844 and 844x390 (a
// phone held sideways); the hook's clipped lists what the last frame had
// to cut, and every screenshot checks it.
func TestBrowserNoClippedText(t *testing.T) {
	browser := newBrowser(t)
	url := serveSite(t, site(t))
	for _, lang := range []string{"en", "ko"} {
		for _, c := range []clipSize{{1280, 720, false}, {800, 600, false}, {390, 844, true}, {844, 390, true}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, c.w, c.h), func(t *testing.T) {
				noClippedText(t, browser, withQuery(url, "lang="+lang), lang, c)
			})
		}
	}
}

// clipSize is a window TestBrowserNoClippedText visits: a phone's is
// touched, and paged.
type clipSize struct {
	w, h  int64
	phone bool
}

// noClippedText visits TestBrowserNoClippedText's screens in one window,
// in one language.
func noClippedText(t *testing.T, browser context.Context, url, lang string, c clipSize) {
	p, _ := openURL(t, browser, url, c.w, c.h, 1)
	p.waitState("the page in "+lang, func(h hook) bool { return h.Lang == lang }) // Korean: once its pack came
	n := 0
	check := func(what string) { // the last frame, drawn after the press (a press waits for it)
		t.Helper()
		n++ // the screenshot checks the hook's clipped
		p.screenshot(shotDir(t), fmt.Sprintf("clipped-%s-%dx%d-%02d-%s.png", lang, c.w, c.h, n, fileWord.Replace(what)))
	}
	press := p.click
	if c.phone { // a finger, and the pages
		p.do(chromedp.EmulateViewport(c.w, c.h, chromedp.EmulateScale(1), chromedp.EmulateMobile, chromedp.EmulateTouch))
		press = func(name string) { p.touchStroke(name, [][2]float64{{0.5, 0.5}}) }
	}
	check("the first screen")
	if c.phone {
		for _, pg := range []string{"filter", "shapes", "input", "maps"} {
			press("page:" + pg)
			check("the " + pg + " page")
		}
	}
	for _, ex := range []string{"", "example0", "example1"} {
		if ex != "" {
			if c.phone {
				press("examples_menu")
			}
			press(ex)
		}
		for _, tab := range []string{"explain", "channels", "batch", "train", "model", "maps"} {
			press("tab:" + tab)
			p.waitState("the "+tab+" tab", func(h hook) bool { return h.View.Tab == tab })
			check(fmt.Sprintf("%s the %s tab", cmp.Or(ex, "default"), tab))
		}
	}
	if c.phone {
		press("page:filter")
	}
	for p.state().Error == "" && p.state().Settings.Stride > 0 {
		press("stride-")
	}
	check("stride 0 (rejected)")
	if c.phone {
		press("page:maps")
		check("stride 0 (rejected), the maps page")
	}
}
