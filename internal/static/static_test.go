package static

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// site writes a tiny served tree: a page, a "wasm" with real gzip and a
// stand-in .br variant (its bytes only need to come back unchanged).
func site(t *testing.T) (dir string, wasm []byte) {
	t.Helper()
	dir = t.TempDir()
	wasm = bytes.Repeat([]byte("\x00asm conv playground "), 500)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(wasm)
	zw.Close()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", []byte("<!doctype html><title>Conv Playground</title>"))
	write("wasm/main.wasm", wasm)
	write("wasm/main.wasm.gz", gz.Bytes())
	write("wasm/main.wasm.br", []byte("pretend brotli"))
	write(".git/config", []byte("secret"))
	stamp(t, filepath.Join(dir, "wasm", "main.wasm"), ".gz", ".br")
	return dir, wasm
}

// stamp gives the variants (name+ext) the time of name, as `make wasm` does
// to each one it finished.
func stamp(t *testing.T, name string, exts ...string) {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range exts {
		if err := os.Chtimes(name+ext, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
}

func get(t *testing.T, h http.Handler, method, target string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPrecompressedChoice(t *testing.T) {
	dir, wasm := site(t)
	h := Handler(dir)
	cases := []struct {
		accept, wantEncoding string
	}{
		{"gzip, deflate, br, zstd", "br"}, // what Chromium sends
		{"gzip", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"BR;Q=0.5", "br"},
		{"*", "br"},
		{"*;q=0", ""},
		{"identity", ""},
		{"", ""},
		{"deflate", ""},
		// q-values decide (issue 20: these got br).
		{"gzip;q=0.5, br;q=0.1", "gzip"},
		{"br;q=0.1, gzip;q=0.5", "gzip"},
		{"br;q=0", ""},
		{"br;q=0, *", "gzip"},
		{"gzip;q=0.5, identity", ""},
		{"*;q=0.5, gzip;q=0.1", "br"},
		{"br;q=zero, gzip", "gzip"},
		{"br;q=2, gzip;q=0.001", "gzip"},
		{"gzip, br;q=1.0", "br"},
	}
	for _, c := range cases {
		r := get(t, h, "GET", "/wasm/main.wasm", map[string]string{"Accept-Encoding": c.accept})
		if r.StatusCode != 200 {
			t.Fatalf("Accept-Encoding %q: status %d", c.accept, r.StatusCode)
		}
		if got := r.Header.Get("Content-Encoding"); got != c.wantEncoding {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", c.accept, got, c.wantEncoding)
		}
		if got := r.Header.Get("Content-Type"); got != "application/wasm" {
			t.Errorf("Accept-Encoding %q: Content-Type %q", c.accept, got)
		}
		if !strings.Contains(r.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q lacks Accept-Encoding", c.accept, r.Header.Get("Vary"))
		}
		if got := r.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("Cache-Control %q", got)
		}
		b := body(t, r)
		switch c.wantEncoding {
		case "":
			if !bytes.Equal(b, wasm) {
				t.Errorf("Accept-Encoding %q: identity body differs", c.accept)
			}
		case "gzip":
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, wasm) {
				t.Errorf("gzip body does not decode to the wasm")
			}
		case "br":
			if string(b) != "pretend brotli" {
				t.Errorf("br body %q", b)
			}
		}
		if c.wantEncoding != "" && r.Header.Get("X-Uncompressed-Length") != "10500" {
			t.Errorf("X-Uncompressed-Length %q, want 10500", r.Header.Get("X-Uncompressed-Length"))
		}
	}
}

// A real HTTP client (Go's transport asks for gzip and decodes it itself)
// gets the original bytes back.
func TestRealClientDecodes(t *testing.T) {
	dir, wasm := site(t)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	r, err := http.Get(srv.URL + "/wasm/main.wasm")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	if !r.Uncompressed {
		t.Errorf("transport did not see a gzip response")
	}
	if b := body(t, r); !bytes.Equal(b, wasm) {
		t.Errorf("decoded body differs from the wasm (%d vs %d bytes)", len(b), len(wasm))
	}
}

func TestStaleVariantIgnored(t *testing.T) {
	dir, wasm := site(t)
	old := time.Now().Add(-time.Hour)
	for _, v := range []string{"main.wasm.br", "main.wasm.gz"} {
		if err := os.Chtimes(filepath.Join(dir, "wasm", v), old, old); err != nil {
			t.Fatal(err)
		}
	}
	r := get(t, Handler(dir), "GET", "/wasm/main.wasm", map[string]string{"Accept-Encoding": "br, gzip"})
	if enc := r.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("stale variant served with Content-Encoding %q", enc)
	}
	if !bytes.Equal(body(t, r), wasm) {
		t.Errorf("body is not the fresh wasm")
	}
}

func TestRevalidation(t *testing.T) {
	dir, _ := site(t)
	h := Handler(dir)
	accept := map[string]string{"Accept-Encoding": "br"}
	r := get(t, h, "GET", "/wasm/main.wasm", accept)
	etag := r.Header.Get("ETag")
	if etag == "" || !strings.Contains(etag, "br") {
		t.Fatalf("ETag %q should name the encoding", etag)
	}
	accept["If-None-Match"] = etag
	if r := get(t, h, "GET", "/wasm/main.wasm", accept); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", r.StatusCode)
	}
	r = get(t, h, "HEAD", "/wasm/main.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "gzip" || len(body(t, r)) != 0 {
		t.Errorf("HEAD: status %d, encoding %q", r.StatusCode, r.Header.Get("Content-Encoding"))
	}
}

func TestPagesAndHiddenFiles(t *testing.T) {
	dir, _ := site(t)
	h := Handler(dir)
	r := get(t, h, "GET", "/", nil)
	if r.StatusCode != 200 || !strings.Contains(string(body(t, r)), "Conv Playground") {
		t.Errorf("/ did not serve index.html (status %d)", r.StatusCode)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("index Content-Type %q", ct)
	}
	for _, p := range []string{"/.git/config", "/.git/", "/wasm/../.git/config", "/missing.wasm"} {
		if r := get(t, h, "GET", p, nil); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.StatusCode)
		}
	}
}

// The Korean language pack is served as main.wasm is: its brotli variant
// to a browser that takes brotli, as bytes (no type to sniff), and
// `make site` ships it with its variants.
func TestLanguagePack(t *testing.T) {
	dir, _ := site(t)
	pack := filepath.Join(dir, "wasm", "ko.bin")
	for ext, data := range map[string]string{"": "CPKO pack", ".br": "pretend brotli pack", ".gz": "pretend gzip pack"} {
		if err := os.WriteFile(pack+ext, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stamp(t, pack, ".br", ".gz")
	r := get(t, Handler(dir), "GET", "/wasm/ko.bin", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if b := string(body(t, r)); r.StatusCode != 200 || b != "pretend brotli pack" || r.Header.Get("Content-Encoding") != "br" ||
		r.Header.Get("Content-Type") != "application/octet-stream" || r.Header.Get("X-Uncompressed-Length") != "9" {
		t.Errorf("status %d, body %q, headers %v", r.StatusCode, b, r.Header)
	}
	os.WriteFile(filepath.Join(dir, "wasm", "wasm_exec.js"), []byte("// go"), 0o644)
	for _, f := range []string{"wasm/train.wasm", "wasm/train_worker.js", "assets/mnist12k.bin.gz"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644)
	}
	out := filepath.Join(t.TempDir(), "site")
	if err := WriteSite(dir, out); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{"", ".br", ".gz"} {
		if _, err := os.Stat(filepath.Join(out, "wasm", "ko.bin"+ext)); err != nil {
			t.Errorf("the site lacks ko.bin%s: %v", ext, err)
		}
	}
}
