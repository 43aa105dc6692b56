package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"convplayground/internal/static"
	pagehook "convplayground/wasm/hook"
)

// The page is served under a sub-path, as on a static host, to check that
// index.html uses relative URLs only.
const subPath = "/some/sub/path/"

const viewW, viewH = 1280, 720

// hook is what window.convPlayground.state() reports: the playground's own
// definition of it, decoded from the page's JSON.
type hook struct{ pagehook.Hook }

// setting reads an integer setting by its key (state.SettingTable's, the
// hook's JSON name), -1000 when it is not a number (padding may be "same"
// or "valid").
func (h hook) setting(key string) int {
	b, _ := json.Marshal(h.Settings)
	var m map[string]any
	json.Unmarshal(b, &m)
	if v, ok := m[key].(float64); ok {
		return int(v)
	}
	return -1000
}

// rafRate counts the page's animation frames in one second.
const rafRate = `new Promise((done) => {
	let n = 0;
	const t0 = performance.now();
	const tick = () => { n++; if (performance.now() - t0 < 1000) requestAnimationFrame(tick); else done(n); };
	requestAnimationFrame(tick);
})`

// outSize is PyTorch's documented Conv2d output size along one axis.
func outSize(in, pad, dil, k, stride int) int {
	return (in+2*pad-dil*(k-1)-1)/stride + 1
}

// page is one browser tab on the playground.
type tab struct {
	t   *testing.T
	ctx context.Context
}

// newBrowser starts Debian's Chromium headless, with software WebGL2 and
// any extra flags.
func newBrowser(t *testing.T, flags ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	exe := need(t, "chromium", "chromium-browser")
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	opts = append(opts, flags...)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil { // start the browser
		t.Fatalf("starting %s: %v", exe, err)
	}
	return bctx
}

// newTab opens a tab. The page's console messages and errors are logged
// when the test fails.
func newTab(t *testing.T, browser context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext()) // its own storage: no kept session leaks between tests
	msgs := chromedp.Console(ctx)
	var (
		mu    sync.Mutex
		lines []string
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for m, err := range msgs {
			if err != nil {
				return
			}
			mu.Lock()
			lines = append(lines, fmt.Sprintf("console %s: %s", m.Type, m.Text))
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		if t.Failed() {
			t.Logf("the page's console:\n%s", strings.Join(lines, "\n"))
		}
	})
	return &tab{t: t, ctx: ctx}
}

func (p *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatal(err)
	}
}

func eval[T any](p *tab, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

func (p *tab) state() hook {
	p.t.Helper()
	var h hook
	raw := eval[string](p, `window.convPlayground.state()`)
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		p.t.Fatalf("state() is not the expected JSON: %v\n%s", err, raw)
	}
	return h
}

// patience is how long a test waits for a condition before it fails: long,
// because a loaded machine (software GL, other jobs on two cores) can take
// seconds for a frame; a condition that holds ends the wait at once.
const patience = 20 * time.Second

// waitState polls the hook until ok holds, and returns that state.
func (p *tab) waitState(what string, ok func(hook) bool) hook {
	p.t.Helper()
	var h hook
	if !p.waitUntil(func() bool { h = p.state(); return ok(h) }) {
		p.t.Fatalf("waiting for %s: last state %+v", what, h)
	}
	return h
}

// waitUntil polls ok until it holds (true) or patience runs out (false).
func (p *tab) waitUntil(ok func() bool) bool {
	p.t.Helper()
	for deadline := time.Now().Add(patience); !ok(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

// controls returns the on-screen controls; the canvas is assumed at (0,0),
// which the test checks.
func (p *tab) controls() map[string]rect {
	p.t.Helper()
	var c map[string]rect
	raw := eval[string](p, `window.convPlayground.controls()`)
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		p.t.Fatalf("controls() is not the expected JSON: %v\n%s", err, raw)
	}
	return c
}

func (p *tab) control(name string) rect {
	p.t.Helper()
	r, ok := p.controls()[name]
	if !ok || r.W <= 0 || r.H <= 0 {
		p.t.Fatalf("no on-screen control %q (controls: %v)", name, p.controls())
	}
	return r
}

// Ebiten reads input once a frame, so every press is held for a few frames.
const hold = 100 * time.Millisecond

func (p *tab) mouse(typ input.DispatchMouseEventType, x, y float64) {
	p.t.Helper()
	btn := chromedp.ButtonLeft
	if typ == chromedp.MouseMoved {
		btn = chromedp.ButtonNone
	}
	p.do(chromedp.MouseEvent(typ, x, y, btn))
}

// afterFrame waits (up to patience) until the view has drawn a frame after
// frame f. Ebiten samples input once a tick and a slow software-rendered
// frame can be long, so a press is released only once the view has reacted.
// Every press the tests make changes the view (a pressed button, a stroke,
// a typed character), so no new frame means the event was lost: the test
// fails, naming what it waited for.
func (p *tab) afterFrame(f uint64, what string) {
	p.t.Helper()
	if !p.waitUntil(func() bool { return p.state().Frame > f }) {
		p.t.Fatalf("%s: no frame drawn within %v after frame %d (the view did not react)", what, patience, f)
	}
}

// click presses and releases the left button on a control.
func (p *tab) click(name string) {
	p.t.Helper()
	x, y := p.control(name).center()
	p.mouse(chromedp.MouseMoved, x, y)
	time.Sleep(hold)
	f := p.state().Frame
	p.mouse(chromedp.MousePressed, x, y)
	p.afterFrame(f, "pressing "+name)
	time.Sleep(hold)
	p.mouse(chromedp.MouseReleased, x, y)
	time.Sleep(hold)
}

// stroke drags the mouse along points (fractions of the control's size).
func (p *tab) stroke(name string, pts [][2]float64) {
	p.t.Helper()
	r := p.control(name)
	at := func(i int) (float64, float64) { return r.X + pts[i][0]*r.W, r.Y + pts[i][1]*r.H }
	x, y := at(0)
	p.mouse(chromedp.MouseMoved, x, y)
	time.Sleep(hold)
	f := p.state().Frame
	p.mouse(chromedp.MousePressed, x, y)
	p.afterFrame(f, "a stroke on "+name)
	for i := 1; i < len(pts); i++ {
		x, y = at(i)
		// While the button is down a move reports it held.
		p.do(chromedp.MouseEvent(chromedp.MouseMoved, x, y, chromedp.ButtonLeft))
		time.Sleep(30 * time.Millisecond)
	}
	time.Sleep(hold)
	p.mouse(chromedp.MouseReleased, x, y)
	time.Sleep(hold)
}

// touchStroke does the same with one finger (touch emulation must be on).
func (p *tab) touchStroke(name string, pts [][2]float64) {
	p.t.Helper()
	r := p.control(name)
	touch := func(typ input.DispatchTouchEventType, i int) {
		p.t.Helper()
		params := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
		if i >= 0 {
			id := 1.0
			params.TouchPoints = []*input.TouchPoint{{X: r.X + pts[i][0]*r.W, Y: r.Y + pts[i][1]*r.H, ID: &id}}
		}
		if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, params); err != nil {
			p.t.Fatal(err)
		}
	}
	f := p.state().Frame
	touch(input.DispatchTouchEventTypeTouchStart, 0)
	p.afterFrame(f, "a touch on "+name)
	for i := 1; i < len(pts); i++ {
		touch(input.DispatchTouchEventTypeTouchMove, i)
		time.Sleep(30 * time.Millisecond)
	}
	time.Sleep(hold)
	touch(input.DispatchTouchEventTypeTouchEnd, -1)
	time.Sleep(hold)
}

// typeText types characters that have a plain key (digits, letters, '-', '.').
func (p *tab) typeText(s string) {
	p.t.Helper()
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			p.key(string(r), "Digit"+string(r), int64(r), 0)
		case r >= 'a' && r <= 'z':
			p.key(string(r), "Key"+strings.ToUpper(string(r)), int64(r-'a'+'A'), 0)
		case r == '-':
			p.key("-", "Minus", 189, 0)
		case r == '.':
			p.key(".", "Period", 190, 0)
		default:
			p.t.Fatalf("typeText: no key for %q", r)
		}
	}
}

// key types a key, held for a few frames: Ebiten polls the keyboard once a
// frame. modifiers: Shift=8.
func (p *tab) key(key, code string, vk, modifiers int64) {
	p.t.Helper()
	send := func(typ input.DispatchKeyEventType, text string) {
		p.t.Helper()
		_, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: key, Code: code, Text: text, Modifiers: modifiers,
			WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk,
		})
		if err != nil {
			p.t.Fatal(err)
		}
	}
	f := p.state().Frame
	text := key
	if key == "Enter" {
		text = "\r"
	} else if len(key) > 1 {
		text = ""
	}
	send(input.DispatchKeyEventTypeKeyDown, text)
	p.afterFrame(f, "key "+key)
	time.Sleep(hold)
	send(input.DispatchKeyEventTypeKeyUp, "")
	time.Sleep(hold)
}

// screenshot saves the page as dir/name and checks that the frame on it
// cut no string (issue 20, item 3): every screen a browser test looks at
// is checked for clipped text.
func (p *tab) screenshot(dir, name string) image.Image {
	p.t.Helper()
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	savePNG(p.t, dir, name, buf)
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`window.convPlayground.state()`))
	if err != nil { // no playground on the page (the page's own failure message): nothing drawn to check
		return decodePNG(p.t, buf)
	}
	var h hook
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		p.t.Fatalf("state() is not the expected JSON: %v\n%s", err, raw)
	}
	if len(h.Clipped) > 0 {
		p.t.Errorf("%s: the frame cut %q", name, h.Clipped)
	}
	return decodePNG(p.t, buf)
}

// serveSite serves dir under subPath on a loopback port, with the handler of
// serve.go.
func serveSite(t *testing.T, dir string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), static.Handler(dir)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + subPath
}

// shotDir is where the screenshots go: $E2E_SHOTS, or a fresh temp dir.
func shotDir(t *testing.T) string {
	if d := os.Getenv("E2E_SHOTS"); d != "" {
		return d
	}
	return filepath.Join(work, "shots")
}

// openPlayground loads the page in a fresh headless Chromium with a w x h
// CSS-pixel viewport and a device pixel ratio, and waits for the first frame.
func openPlayground(t *testing.T, w, h int64, dpr float64) (*tab, hook) {
	t.Helper()
	return openURL(t, newBrowser(t), serveSite(t, site(t)), w, h, dpr)
}

// openURL opens url in a new tab of browser and waits for the first frame.
// A url that does not name the lesson's card gets ?lesson=off: a first
// visit opens the card on step 1, which sets the playground (issue 21),
// and the tests start from the playground as it opens without it
// (lesson_test.go tests the first visit).
func openURL(t *testing.T, browser context.Context, url string, w, h int64, dpr float64) (*tab, hook) {
	t.Helper()
	if !strings.Contains(url, "lesson=") {
		url = withQuery(url, "lesson=off")
	}
	p := newTab(t, browser)
	return p, p.open(url, w, h, dpr)
}

// open loads url in p with a w x h CSS-pixel viewport and waits for the
// first frame.
func (p *tab) open(url string, w, h int64, dpr float64) hook {
	p.t.Helper()
	p.do(chromedp.EmulateViewport(w, h, chromedp.EmulateScale(dpr)), chromedp.Navigate(url))
	loadStart := time.Now()
	p.do(chromedp.Poll[chromedp.Void](`window.convPlaygroundFailure || (window.convPlayground && window.convPlayground.ready)`,
		chromedp.WithPollingTimeout(3*time.Minute)))
	if f := eval[string](p, `window.convPlaygroundFailure || ""`); f != "" {
		p.t.Fatalf("the page reports: %s", f)
	}
	first := p.waitState("the first frame", func(h hook) bool { return h.Frame > 0 })
	p.t.Logf("ready after %v: %+v", time.Since(loadStart).Round(time.Millisecond), first)
	return first
}

func TestBrowserPlayground(t *testing.T) {
	p, first := openPlayground(t, viewW, viewH, 1)
	shots := shotDir(t)
	t.Logf("requestAnimationFrame rate: %d/s", eval[int](p, rafRate))

	// The page: its loader is gone, the wasm came compressed, Ebiten's canvas
	// fills the window at (0,0) so the control rectangles are page coordinates.
	if title := eval[string](p, `document.title`); title != "Conv Playground" {
		t.Errorf("title %q", title)
	}
	if !eval[bool](p, `document.getElementById('loader').hidden`) {
		t.Errorf("the loader still covers the page")
	}
	// The progress bar knew the total (X-Uncompressed-Length) and reached it.
	if w := eval[string](p, `(document.querySelector('#bar:not(.indeterminate) > div') || {style: {}}).style.width || 'indeterminate'`); w != "100%" {
		t.Errorf("download progress ended at %s, want 100%%", w)
	}
	enc := eval[[]float64](p, `(() => { const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('/wasm/main.wasm')); return e ? [e.encodedBodySize, e.decodedBodySize] : []; })()`)
	if len(enc) != 2 || enc[0] <= 0 || enc[0] >= enc[1] {
		t.Errorf("main.wasm was not served compressed: encoded/decoded sizes %v", enc)
	}
	if got := eval[string](p, `fetch('wasm/main.wasm', {method: 'HEAD'}).then((r) => r.headers.get('Content-Encoding'))`); got != siteEncoding {
		t.Errorf("main.wasm comes with Content-Encoding %q, want %q", got, siteEncoding)
	}
	box := eval[[]float64](p, `(() => { const r = document.querySelector('canvas').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()`)
	if !slices.Equal(box, []float64{0, 0, viewW, viewH}) {
		t.Errorf("canvas box %v, want the whole %dx%d viewport", box, viewW, viewH)
	}

	// The start: nn.Conv2d(1, Cout, 5, stride 1, padding 2) on a 28x28 input.
	cout := first.Weight
	if len(cout) != 4 {
		t.Fatalf("weight shape %v", first.Weight)
	}
	if want := []int{1, cout[0], 28, 28}; !slices.Equal(first.Output, want) || !slices.Equal(first.Input, []int{1, 1, 28, 28}) {
		t.Errorf("start shapes input %v output %v, want [1 1 28 28] and %v", first.Input, first.Output, want)
	}
	before := p.screenshot(shots, "1-start.png")

	// A stroke with real mouse events changes the drawing and the maps.
	p.stroke("canvas", [][2]float64{{0.5, 0.15}, {0.52, 0.3}, {0.5, 0.45}, {0.48, 0.6}, {0.5, 0.75}, {0.5, 0.85}})
	drawn := p.waitState("the stroke to reach the maps", func(h hook) bool {
		return h.Frame > first.Frame && h.Ink > first.Ink && (h.Min != first.Min || h.Max != first.Max)
	})
	after := p.screenshot(shots, "2-stroke.png")
	maps := p.control("maps").image()
	if f := changed(before, after, maps); f < 0.01 {
		t.Errorf("the feature-map area barely changed after a stroke: %.2f%% of its pixels", 100*f)
	}
	if f := changed(before, after, p.control("canvas").image()); f < 0.01 {
		t.Errorf("the canvas area barely changed after a stroke: %.2f%% of its pixels", 100*f)
	}

	// Stride and padding through the on-screen buttons; the shapes follow
	// PyTorch's formula.
	checkShape := func(h hook, what string) {
		t.Helper()
		n := outSize(28, h.setting("padding"), h.setting("dilation"), h.setting("kernel"), h.setting("stride"))
		if want := []int{1, cout[0], n, n}; h.Error != "" || h.Stale || !slices.Equal(h.Output, want) {
			t.Errorf("%s: output %v error %q stale %v, want %v", what, h.Output, h.Error, h.Stale, want)
		}
	}
	setTo := func(name string, v int) func(hook) bool {
		return func(h hook) bool { return h.setting(name) == v }
	}
	p.click("stride+")
	h := p.waitState("stride 2", setTo("stride", 2))
	checkShape(h, "stride 2")
	if !slices.Equal(h.Output, []int{1, cout[0], 14, 14}) {
		t.Errorf("stride 2, padding 2: output %v, want [1 %d 14 14]", h.Output, cout[0])
	}
	p.click("padding+")
	checkShape(p.waitState("padding 3", setTo("padding", 3)), "stride 2, padding 3")
	p.click("stride-")
	valid := p.waitState("stride 1", setTo("stride", 1))
	checkShape(valid, "stride 1, padding 3")
	p.screenshot(shots, "3-stride1-pad3.png")

	// Keyboard shortcuts (held like real keys): d / D step the dilation.
	p.key("d", "KeyD", 68, 0)
	checkShape(p.waitState("dilation 2", setTo("dilation", 2)), "dilation 2 (key d)")
	p.key("D", "KeyD", 68, 8)
	checkShape(p.waitState("dilation 1", setTo("dilation", 1)), "dilation 1 (key D)")

	// Stride 0 is reachable; PyTorch refuses it and the last maps stay.
	p.click("stride-")
	bad := p.waitState("the stride-0 error", func(h hook) bool { return h.Error != "" })
	if want := "non-positive stride is not supported"; bad.Error != want {
		t.Errorf("stride 0: error %q, want PyTorch's %q", bad.Error, want)
	}
	if !slices.Equal(bad.Output, valid.Output) || !bad.Stale {
		t.Errorf("after a rejected setting the output shape is %v (stale %v), want the last valid %v",
			bad.Output, bad.Stale, valid.Output)
	}
	if bad.Ink != drawn.Ink {
		t.Errorf("the drawing changed with a rejected setting: ink %v, was %v", bad.Ink, drawn.Ink)
	}
	p.screenshot(shots, "4-rejected.png")
	p.click("stride+")
	back := p.waitState("stride 1 again", func(h hook) bool { return h.Error == "" })
	checkShape(back, "stride 1 again")
	if back.Min != valid.Min || back.Max != valid.Max {
		t.Errorf("the maps differ after going back to a valid setting: min/max %v/%v, before %v/%v",
			back.Min, back.Max, valid.Min, valid.Max)
	}

	// Clear, then draw with a finger.
	p.click("clear")
	cleared := p.waitState("a cleared canvas", func(h hook) bool { return h.Ink == 0 })
	clearShot := p.screenshot(shots, "5-cleared.png")
	p.do(chromedp.EmulateViewport(viewW, viewH, chromedp.EmulateTouch))
	p.touchStroke("canvas", [][2]float64{{0.2, 0.5}, {0.35, 0.5}, {0.5, 0.5}, {0.65, 0.5}, {0.8, 0.5}})
	p.waitState("the touch stroke to reach the maps", func(h hook) bool {
		return h.Ink > 0 && (h.Min != cleared.Min || h.Max != cleared.Max)
	})
	touched := p.screenshot(shots, "6-touch.png")
	if f := changed(clearShot, touched, maps); f < 0.01 {
		t.Errorf("the feature-map area barely changed after a touch stroke: %.2f%% of its pixels", 100*f)
	}

	// Edit a weight with the keyboard: select the centre of filter 0
	// (identity, 1), type -1 and Enter: map 0 turns from red to blue.
	v0 := p.state().Version
	p.click("cell_2_2")
	p.typeText("-1")
	p.key("Enter", "Enter", 13, 0)
	typed := p.waitState("the typed weight", func(h hook) bool { return h.Version > v0 })
	edited := p.screenshot(shots, "7-weight-edited.png")
	if f := changed(touched, edited, p.control("map0").image()); f < 0.05 {
		t.Errorf("map 0 barely changed after its weight became -1: %.2f%% of its pixels", 100*f)
	}
	// A malformed number: a message, and nothing changes.
	p.click("cell_2_2")
	p.typeText("1e")
	p.key("Enter", "Enter", 13, 0)
	refused := p.waitState("the refusal of 1e", func(h hook) bool { return h.Notice != "" })
	if want := `"1e" is not a number`; !strings.Contains(refused.Notice, want) {
		t.Errorf("typing 1e: notice %q, want one with %q", refused.Notice, want)
	}
	if refused.Version != typed.Version || refused.Min != typed.Min || refused.Max != typed.Max {
		t.Errorf("a refused number changed the model: version %d→%d, min/max %v/%v→%v/%v",
			typed.Version, refused.Version, typed.Min, typed.Max, refused.Min, refused.Max)
	}
	t.Logf("screenshots in %s", shots)
}

// The smallest supported window and a high-DPI screen: every control is on
// screen, the canvas has a backing store at device resolution (crisp), the
// control rectangles are CSS pixels (a click lands), and the shapes follow.
func TestBrowserSizes(t *testing.T) {
	for _, c := range []struct {
		w, h int64
		dpr  float64
	}{{800, 600, 1}, {1280, 720, 2}} {
		t.Run(fmt.Sprintf("%dx%d@%gx", c.w, c.h, c.dpr), func(t *testing.T) {
			p, first := openPlayground(t, c.w, c.h, c.dpr)
			for name, r := range p.controls() {
				if r.X < 0 || r.Y < 0 || r.X+r.W > float64(c.w)+0.5 || r.Y+r.H > float64(c.h)+0.5 || r.W < 1 || r.H < 1 {
					t.Errorf("control %q at %+v is not inside the %dx%d window", name, r, c.w, c.h)
				}
			}
			backing := eval[[]int](p, `(() => { const c = document.querySelector('canvas'); return [c.width, c.height]; })()`)
			if want := []int{int(float64(c.w) * c.dpr), int(float64(c.h) * c.dpr)}; !slices.Equal(backing, want) {
				t.Errorf("canvas backing store %v, want %v device pixels", backing, want)
			}
			p.click("stride+")
			h := p.waitState("stride 2", func(h hook) bool { return h.setting("stride") == 2 })
			if want := []int{1, first.Weight[0], 14, 14}; !slices.Equal(h.Output, want) {
				t.Errorf("stride 2: output %v, want %v", h.Output, want)
			}
			p.screenshot(shotDir(t), fmt.Sprintf("size-%dx%d@%gx.png", c.w, c.h, c.dpr))
		})
	}
}

// The page explains what is missing instead of failing silently.
func TestBrowserMessages(t *testing.T) {
	browser := newBrowser(t)
	dir := site(t)

	// A site without main.wasm (not built): the 404 and how to build it.
	bare := t.TempDir()
	copyFile(t, filepath.Join(dir, "index.html"), filepath.Join(bare, "index.html"))
	os.Mkdir(filepath.Join(bare, "wasm"), 0o755)
	copyFile(t, filepath.Join(dir, "wasm", "wasm_exec.js"), filepath.Join(bare, "wasm", "wasm_exec.js"))

	cases := []struct {
		name, dir, before, want string
	}{
		{"no-webgl2", dir, `HTMLCanvasElement.prototype.getContext = function () { return null; };`, "WebGL2 is not available"},
		{"no-wasm", dir, `delete window.WebAssembly;`, "cannot run WebAssembly"},
		{"not-built", bare, ``, "HTTP 404. Build it with `make wasm`"},
		// A Go panic (here: a WebGL call throws) ends the program; the page
		// shows the panic line instead of a frozen canvas.
		{"go-panic", dir, `WebGL2RenderingContext.prototype.createShader = function () { throw new Error('no shaders today'); };`,
			"The playground stopped: panic: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newTab(t, browser)
			if c.before != "" {
				_, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument,
					page.AddScriptToEvaluateOnNewDocumentParams{Source: c.before})
				if err != nil {
					t.Fatal(err)
				}
			}
			p.do(chromedp.EmulateViewport(viewW, viewH), chromedp.Navigate(serveSite(t, c.dir)))
			p.do(chromedp.Poll[chromedp.Void](`window.convPlaygroundFailure`, chromedp.WithPollingTimeout(30*time.Second)))
			shown := eval[string](p, `document.getElementById('status').textContent`)
			visible := eval[bool](p, `!document.getElementById('loader').hidden`)
			if !strings.Contains(shown, c.want) || !visible {
				t.Errorf("the page shows %q (visible %v), want a message with %q", shown, visible, c.want)
			}
			p.screenshot(shotDir(t), fmt.Sprintf("msg-%s.png", c.name))
		})
	}
}
