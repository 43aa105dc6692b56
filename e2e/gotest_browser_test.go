package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// runnerPage runs a Go test binary built for the browser with the
// arguments in its URL fragment; it keeps what the binary prints in
// window.out and its exit code in window.exitCode.
const runnerPage = `<!doctype html>
<meta charset="utf-8">
<title>go test in the browser</title>
<script src="wasm_exec.js"></script>
<script>
window.out = [];
const log = console.log.bind(console);
console.log = (...a) => { window.out.push(a.join(" ")); log(...a); };
const go = new Go();
go.argv = ["conv.test", ...JSON.parse(decodeURIComponent(location.hash.slice(1)))];
go.exit = code => { window.exitCode = code; };
WebAssembly.instantiateStreaming(fetch("conv.wasm"), go.importObject)
	.then(r => go.run(r.instance))
	.catch(e => { window.out.push("runner: " + e); window.exitCode = -1; });
</script>
`

var (
	convTestsOnce sync.Once
	convTestsDir  string
)

// convTestSite builds conv's tests for the browser (the Makefile's wasm
// settings, SIMD included) once, beside wasm_exec.js and runnerPage.
func convTestSite(t *testing.T) string {
	t.Helper()
	convTestsOnce.Do(func() {
		dir := filepath.Join(work, "convtests")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		makeCmd(t, "build-wasm-test", "PKG=./conv/", "OUT="+filepath.Join(dir, "conv.wasm"))
		copyFile(t, filepath.Join(goroot(t), "lib", "wasm", "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js"))
		if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(runnerPage), 0o644); err != nil {
			t.Fatal(err)
		}
		convTestsDir = dir
	})
	if convTestsDir == "" {
		t.Fatal("building conv's tests for the browser failed")
	}
	return convTestsDir
}

// runConvTests runs conv's test binary in a fresh headless Chromium with
// the given arguments and returns what it printed and its exit code.
func runConvTests(t *testing.T, timeout time.Duration, args ...string) (string, int) {
	t.Helper()
	dir := convTestSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return runConvTab(newTab(t, newBrowser(t)), srv.URL+"/", timeout, args...)
}

// runConvTab runs conv's test binary, served at base (convTestSite), in
// the tab p.
func runConvTab(p *tab, base string, timeout time.Duration, args ...string) (string, int) {
	p.t.Helper()
	argv, _ := json.Marshal(args)
	p.do(chromedp.Navigate(base + "#" + url.PathEscape(string(argv))))
	p.do(chromedp.Poll[chromedp.Void](`window.exitCode !== undefined`, chromedp.WithPollingTimeout(timeout)))
	return eval[string](p, `window.out.join("\n")`), eval[int](p, `window.exitCode`)
}

// conv's forward tests pass in Chromium, on its WebAssembly SIMD: the
// vector kernels give the scalar kernels' bits there too (Node runs the
// whole package in make test-wasm; this is the browser the page runs in).
func TestConvInChromium(t *testing.T) {
	out, code := runConvTests(t, 5*time.Minute, "-test.run=^(TestVectorSameBits|TestForward.*)$", "-test.v")
	if code != 0 {
		t.Fatalf("conv's tests in Chromium exited with %d:\n%s", code, out)
	}
	for _, want := range []string{"--- PASS: TestVectorSameBits", "--- PASS: TestForwardMatchesReference"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the output:\n%s", want, out)
		}
	}
}
