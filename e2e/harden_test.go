package e2e

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"convplayground/conv/npy"
)

// watchPage runs before the page's own scripts: it records every
// Content-Security-Policy violation, and makes webkitGetAsEntry report a
// folder for files named "folder" (a script cannot put a folder in a
// DataTransfer; real drops of one look like this to the page).
const watchPage = `
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
const entry = DataTransferItem.prototype.webkitGetAsEntry;
DataTransferItem.prototype.webkitGetAsEntry = function () {
	const f = this.getAsFile();
	return f && f.name === 'folder' ? { isDirectory: true, isFile: false, name: f.name } : entry.call(this);
};`

// dropJS drops files (name → base64 bytes) on Ebiten's canvas, as a page or
// an app might: a DataTransfer built in script, whose items have no
// file-system entry (Ebiten 2.8.8's own handler panics on those).
const dropJS = `((files) => {
	const dt = new DataTransfer();
	for (const [name, b64] of files) {
		dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
	}
	const canvas = document.querySelector('canvas');
	canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
	return canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
})(%s)`

func (p *tab) drop(files ...[2]string) {
	p.t.Helper()
	var list []string
	for _, f := range files {
		list = append(list, `["`+f[0]+`", "`+f[1]+`"]`)
	}
	eval[bool](p, strings.Replace(dropJS, "%s", "["+strings.Join(list, ", ")+"]", 1))
}

func (p *tab) live() string { return eval[string](p, `document.getElementById('live').textContent`) }

// The page under its Content-Security-Policy, drops of every kind, and the
// screen-reader region.
func TestBrowserHarden(t *testing.T) {
	browser := newBrowser(t)
	p := newTab(t, browser)
	if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchPage}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.EmulateViewport(viewW, viewH), chromedp.Navigate(withQuery(serveSite(t, site(t)), "lesson=off")))
	p.do(chromedp.Poll[chromedp.Void](`window.convPlaygroundFailure || (window.convPlayground && window.convPlayground.ready)`,
		chromedp.WithPollingTimeout(3*time.Minute)))
	if f := eval[string](p, `window.convPlaygroundFailure || ""`); f != "" {
		t.Fatalf("the page reports: %s", f)
	}
	if csp := eval[string](p, `fetch(location.href).then((r) => r.headers.get('Content-Security-Policy') || '')`); !strings.Contains(csp, "'wasm-unsafe-eval'") {
		t.Errorf("the page is served without its policy: %q", csp)
	}
	running := func(what string) hook {
		t.Helper()
		time.Sleep(300 * time.Millisecond) // a panic ends the program within a frame
		if f := eval[string](p, `window.convPlaygroundFailure || ""`); f != "" {
			t.Fatalf("%s: the page reports: %s", what, f)
		}
		f := p.state().Frame
		eval[bool](p, `window.convPlayground.ready`)
		p.key("g", "KeyG", 'G', 0) // the colour map: a new frame proves the loop runs
		return p.waitState(what+": a frame after a key", func(h hook) bool { return h.Frame > f })
	}

	// One .npy dropped: the input becomes the 3x5x7 tensor.
	var b bytes.Buffer
	npy.Write(&b, []int{3, 5, 7}, make([]float32, 3*5*7))
	tensor := base64.StdEncoding.EncodeToString(b.Bytes())
	p.drop([2]string{"t.npy", tensor})
	p.waitState("the dropped .npy as the input", func(h hook) bool { return len(h.Input) == 4 && h.Input[1] == 3 && h.Input[3] == 7 })
	running("one file")

	// Two files: a message, and the input stays.
	p.drop([2]string{"a.npy", tensor}, [2]string{"b.png", "iVBORw0K"})
	h := p.waitState("the two-file message", func(h hook) bool { return strings.Contains(h.Notice, "drop one file") })
	if h.Input[3] != 7 {
		t.Errorf("two files changed the input to %v", h.Input)
	}
	running("two files")

	// A folder: a message.
	p.drop([2]string{"folder", ""})
	p.waitState("the folder message", func(h hook) bool { return strings.Contains(h.Notice, "folders are not read") })
	running("a folder")

	// Not a file this playground reads: its message, the page runs on.
	p.drop([2]string{"junk.npy", base64.StdEncoding.EncodeToString([]byte("junk"))})
	p.waitState("the bad file's message", func(h hook) bool { return strings.Contains(h.Notice, "junk.npy") })
	running("a bad file")

	// The screen-reader region names the layer and shapes, and follows a change.
	if label := eval[string](p, `document.querySelector('canvas').getAttribute('aria-label') || ''`); !strings.Contains(label, "Conv Playground") {
		t.Errorf("canvas aria-label %q", label)
	}
	if live := eval[string](p, `document.getElementById('live').getAttribute('aria-live')`); live != "polite" {
		t.Errorf("aria-live %q", live)
	}
	before := p.live()
	if !strings.Contains(before, "nn.Conv2d(3, 8, kernel_size=5, stride=1") || !strings.Contains(before, "output [1, 8, 5, 7]") {
		t.Errorf("the region says %q", before)
	}
	p.key("s", "KeyS", 'S', 0) // stride up
	p.waitState("stride 2", func(h hook) bool { return h.setting("stride") == 2 })
	p.waitUntil(func() bool { return strings.Contains(p.live(), "stride=2") })
	if after := p.live(); !strings.Contains(after, "stride=2") || !strings.Contains(after, "output [1, 8, 3, 4]") {
		t.Errorf("after stride up, the region says %q", after)
	}
	t.Logf("the region: %q", p.live())
	// A setting PyTorch rejects: the region says why.
	p.key("S", "KeyS", 'S', 8)
	p.key("S", "KeyS", 'S', 8)
	p.waitState("stride 0", func(h hook) bool { return h.setting("stride") == 0 })
	p.waitUntil(func() bool { return strings.Contains(p.live(), "Error:") })
	if got := p.live(); !strings.Contains(got, "Error: non-positive stride is not supported") {
		t.Errorf("at stride 0, the region says %q", got)
	}
	if v := eval[[]string](p, `window.cspViolations`); len(v) > 0 {
		t.Errorf("Content-Security-Policy violations: %v", v)
	}
}
