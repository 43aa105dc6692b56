package e2e

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// cameraStats is what convPlayground.camera() reports (wasm/camera.go).
type cameraStats struct {
	Decoded, Delivered, Applied float64
	On                          bool
}

// memory is the page's memory in bytes: the wasm's linear memory (what Go
// took from the browser) and the JS heap.
type memory struct{ Wasm, JS float64 }

// keepWasmMemory makes the page keep its wasm instance's memory as
// window.wasmMemory (the page does not expose it; the Go build would pay
// ~12 KB for runtime.ReadMemStats), then reloads it.
func keepWasmMemory(t *testing.T, p *tab) {
	t.Helper()
	const wrap = `for (const name of ['instantiate', 'instantiateStreaming']) {
		const orig = WebAssembly[name];
		WebAssembly[name] = async (...args) => {
			const r = await orig.apply(WebAssembly, args);
			window.wasmMemory = r.instance.exports.mem;
			return r;
		};
	}`
	if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: wrap}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Reload())
	p.do(chromedp.Poll[chromedp.Void](`window.wasmMemory && window.convPlayground && window.convPlayground.ready`, chromedp.WithPollingTimeout(time.Minute)))
}

const pageMemory = `({wasm: window.wasmMemory.buffer.byteLength, js: performance.memory.usedJSHeapSize})`

// Chromium's fake camera (a moving test pattern) with its permission
// granted: the Camera button feeds the RGB input at 256x192, the maps
// change from frame to frame, the size button switches to 128x96, and
// Stop releases the camera; with the benchmark flag, the page keeps up
// with the camera for 10 s without its memory growing.
func TestCamera(t *testing.T) {
	browser := newBrowser(t, chromedp.Flag("use-fake-device-for-media-stream", true), chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("enable-precise-memory-info", true))
	p, _ := openURL(t, browser, serveSite(t, site(t)), viewW, viewH, 1)
	if measuring() {
		keepWasmMemory(t, p)
	}
	p.click("camera")
	on := p.waitState("camera frames in the input", func(h hook) bool { return slices.Equal(h.Input, []int{1, 3, 192, 256}) })
	if !slices.Equal(on.Output, []int{1, on.Weight[0], 192, 256}) || on.Error != "" {
		t.Fatalf("camera: output %v error %q, want the maps at 256x192", on.Output, on.Error)
	}
	// Two frames apart the maps differ (the fake camera's pattern moves).
	next := p.waitState("a later camera frame", func(h hook) bool { return h.Version > on.Version && (h.Min != on.Min || h.Max != on.Max) })
	t.Logf("two camera frames: min/max %v/%v then %v/%v", on.Min, on.Max, next.Min, next.Max)
	p.screenshot(shotDir(t), "camera-on.png")
	if measuring() {
		measureCamera(t, p)
	}
	// The smaller size: the camera restarts at 128x96.
	p.click("camera_size")
	small := p.waitState("camera frames at 128x96", func(h hook) bool { return slices.Equal(h.Input, []int{1, 3, 96, 128}) })
	if measuring() {
		c2, t2 := eval[cameraStats](p, `window.convPlayground.camera()`), time.Now()
		time.Sleep(5 * time.Second)
		c3 := eval[cameraStats](p, `window.convPlayground.camera()`)
		el := time.Since(t2).Seconds()
		t.Logf("128x96: output %v, %.1f frames/s from the camera, %.1f made the input", small.Output, (c3.Decoded-c2.Decoded)/el, (c3.Applied-c2.Applied)/el)
	}
	p.click("camera") // Stop camera: the camera goes off and its video with it
	var stopped cameraStats
	var tracks int
	p.waitUntil(func() bool {
		stopped, tracks = eval[cameraStats](p, `window.convPlayground.camera()`), eval[int](p, `document.querySelectorAll('video').length`)
		return !stopped.On && tracks == 0
	})
	if stopped.On || tracks != 0 {
		t.Errorf("after Stop: camera on %v, %d video elements left", stopped.On, tracks)
	}
}

// measureCamera runs the camera for 10 s and logs its rates and the page's
// memory: the page keeps up and its memory does not grow (a measurement:
// with the benchmark flag, make bench).
func measureCamera(t *testing.T, p *tab) {
	t.Helper()
	time.Sleep(2 * time.Second) // warm up: buffers, the text sheet
	m0, c0, t0 := eval[memory](p, pageMemory), eval[cameraStats](p, `window.convPlayground.camera()`), time.Now()
	time.Sleep(10 * time.Second)
	m1, c1, el := eval[memory](p, pageMemory), eval[cameraStats](p, `window.convPlayground.camera()`), time.Since(t0).Seconds()
	decoded, delivered, applied := (c1.Decoded-c0.Decoded)/el, (c1.Delivered-c0.Delivered)/el, (c1.Applied-c0.Applied)/el
	t.Logf("10 s of camera: %.1f frames/s from the camera, %.1f read, %.1f made the input; wasm memory %.1f→%.1f MB, JS heap %.1f→%.1f MB",
		decoded, delivered, applied, m0.Wasm/1e6, m1.Wasm/1e6, m0.JS/1e6, m1.JS/1e6)
	if delivered < 1 || applied < 1 {
		t.Errorf("the camera stalled: %.1f frames/s read, %.1f applied", delivered, applied)
	}
	// A leak of a frame's buffers (~0.8 MB each) would be hundreds of MB.
	if m0.Wasm <= 0 || m0.JS <= 0 {
		t.Fatalf("no memory figures: %+v", m0)
	}
	if grown := m1.Wasm - m0.Wasm; grown > 32<<20 {
		t.Errorf("the wasm memory grew by %.1f MB in 10 s of camera", grown/1e6)
	}
	if grown := m1.JS - m0.JS; grown > 32<<20 {
		t.Errorf("the JS heap grew by %.1f MB in 10 s of camera", grown/1e6)
	}
}

// Without the permission (headless Chromium refuses the prompt) the
// header says so, and the input stays.
func TestCameraRefused(t *testing.T) {
	browser := newBrowser(t, chromedp.Flag("use-fake-device-for-media-stream", true))
	p, first := openURL(t, browser, serveSite(t, site(t)), viewW, viewH, 1)
	p.click("camera")
	h := p.waitState("the refusal", func(h hook) bool { return h.Notice != "" })
	if !strings.Contains(h.Notice, "Camera: permission refused.") {
		t.Errorf("notice %q, want the permission refusal", h.Notice)
	}
	if !slices.Equal(h.Input, first.Input) {
		t.Errorf("the input changed to %v after a refusal", h.Input)
	}
	p.screenshot(shotDir(t), "camera-refused.png")
}
