package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The loader states the bytes that come over the wire (issue 20, item 10:
// it said "6.7 MB of 13.2 MB" while 2.55 MB were transferred): its last
// "Downloading X of Y" names the compressed file's size.
func TestBrowserLoaderWireBytes(t *testing.T) {
	dir := site(t)
	if siteEncoding == "" {
		t.Skip("the site has no compressed wasm")
	}
	p := newTab(t, newBrowser(t))
	const watch = `new MutationObserver(() => {
		const s = document.getElementById('status');
		if (s) (window.statusLog = window.statusLog || []).push(s.textContent);
	}).observe(document, {subtree: true, childList: true, characterData: true});`
	if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.EmulateViewport(viewW, viewH), chromedp.Navigate(serveSite(t, dir)))
	p.do(chromedp.Poll[chromedp.Void](`window.convPlaygroundFailure || (window.convPlayground && window.convPlayground.ready)`,
		chromedp.WithPollingTimeout(3*time.Minute)))
	log := eval[[]string](p, `window.statusLog || []`)
	last := ""
	for _, s := range log {
		if strings.HasPrefix(s, "Downloading") {
			last = s
		}
	}
	m := regexp.MustCompile(`of ([0-9.]+) MB`).FindStringSubmatch(last)
	fi, err := os.Stat(filepath.Join(dir, "wasm", "main.wasm."+map[string]string{"br": "br", "gzip": "gz"}[siteEncoding]))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%.1f", float64(fi.Size())/1048576); m == nil || m[1] != want {
		t.Errorf("the loader's last word %q (of %d texts), want the %s file's %s MB", last, len(log), siteEncoding, want)
	}
}
