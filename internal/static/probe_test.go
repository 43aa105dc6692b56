package static

import (
	"bufio"
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The server probe of issue 20 (item 11), one test per finding.

// A variant is sent only when it belongs to the current main.wasm (carries
// its time): not while `make wasm` writes it after a rebuild (it was sent
// truncated, then empty), nor a complete one from another build.
func TestVariantOfAnotherBuild(t *testing.T) {
	dir, wasm := site(t)
	h := Handler(dir)
	wasmPath := filepath.Join(dir, "wasm", "main.wasm")
	info, _ := os.Stat(wasmPath)
	later := info.ModTime().Add(time.Second)
	os.WriteFile(wasmPath+".gz", []byte("\x1f\x8b\x08"), 0o644) // being written
	os.WriteFile(wasmPath+".br", nil, 0o644)
	for _, v := range []string{".gz", ".br"} {
		os.Chtimes(wasmPath+v, later, later)
	}
	for _, accept := range []string{"br", "gzip", "br, gzip"} {
		r := get(t, h, "GET", "/wasm/main.wasm", map[string]string{"Accept-Encoding": accept})
		if enc := r.Header.Get("Content-Encoding"); enc != "" || !bytes.Equal(body(t, r), wasm) {
			t.Errorf("Accept-Encoding %s: a variant newer than main.wasm was sent (%q)", accept, enc)
		}
	}
	stamp(t, wasmPath, ".br") // the build finished the .br only
	r := get(t, h, "GET", "/wasm/main.wasm", map[string]string{"Accept-Encoding": "br, gzip"})
	if enc := r.Header.Get("Content-Encoding"); enc != "br" {
		t.Errorf("the finished .br: Content-Encoding %q", enc)
	}
	r = get(t, h, "GET", "/wasm/main.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if enc := r.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("the unfinished .gz: Content-Encoding %q", enc)
	}
}

// The log quotes the request's path: a "%0a" in it cannot forge a second
// line, and no escape byte reaches the terminal.
func TestLogQuoted(t *testing.T) {
	var buf bytes.Buffer
	h := Logged(Handler(repo(t)), log.New(&buf, "", 0))
	for _, target := range []string{"/x%0a200%20GET%20/index.html%20forged", "/%1b[2J%1b]0;owned%07", "/%0d%e2%80%a8", "/wasm/main.wasm"} {
		buf.Reset()
		get(t, h, "GET", target, nil)
		line := buf.String()
		if strings.Count(line, "\n") != 1 || strings.ContainsAny(line, "\x1b\x07\r\u2028") {
			t.Errorf("%s: log %q", target, line)
		}
	}
	if got := buf.String(); got != "200 GET \"/wasm/main.wasm\" \n" {
		t.Errorf("a plain request logs %q", got)
	}
}

// serve starts NewServer(Handler) on a loopback port and returns its address.
func serve(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(Handler(repo(t)))
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// raw sends one request as bytes and reads the response.
func raw(t *testing.T, addr, request string) *http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, request); err != nil {
		t.Fatal(err)
	}
	r, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// "OPTIONS *" and other odd requests get the handler's answer and headers
// (net/http answered "OPTIONS *" itself: 200, no nosniff).
func TestOddRequestsHandled(t *testing.T) {
	addr := serve(t)
	for _, req := range []string{
		"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
		"OPTIONS / HTTP/1.1\r\nHost: x\r\n\r\n",
		"BREW /index.html HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET /wasm/../index.html HTTP/1.0\r\n\r\n",
	} {
		r := raw(t, addr, req)
		r.Body.Close()
		if r.StatusCode != http.StatusMethodNotAllowed && r.StatusCode != http.StatusNotFound {
			t.Errorf("%q: status %d", req, r.StatusCode)
		}
		for k, v := range headers {
			if r.Header.Get(k) != v {
				t.Errorf("%q: %s %q, want %q", req, k, r.Header.Get(k), v)
			}
		}
	}
}

// The request line and header together are limited to exactly
// MaxHeaderBytes, as README says (net/http let ~20 KB through).
func TestHeaderLimit(t *testing.T) {
	addr := serve(t)
	request := func(size int) string {
		const head, tail = "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ", "\r\nConnection: close\r\n\r\n"
		return head + strings.Repeat("a", size-len(head)-len(tail)) + tail
	}
	for _, c := range []struct{ size, status int }{
		{MaxHeaderBytes, 200},
		{MaxHeaderBytes + 1, http.StatusRequestHeaderFieldsTooLarge},
		{MaxHeaderBytes + 4096, http.StatusRequestHeaderFieldsTooLarge},
	} {
		req := request(c.size)
		if len(req) != c.size {
			t.Fatalf("request of %d bytes, want %d", len(req), c.size)
		}
		r := raw(t, addr, req)
		r.Body.Close()
		if r.StatusCode != c.status {
			t.Errorf("a %d-byte header: status %d, want %d", c.size, r.StatusCode, c.status)
		}
	}
}

// Every response, errors included, sends the security headers.
func TestHeadersEverywhere(t *testing.T) {
	h := Handler(repo(t))
	for _, c := range []struct{ method, path string }{
		{"GET", "/"}, {"GET", "/wasm/main.wasm"}, {"GET", "/missing"}, {"POST", "/"}, {"HEAD", "/"},
	} {
		r := get(t, h, c.method, c.path, nil)
		for k, v := range headers {
			if r.Header.Get(k) != v {
				t.Errorf("%s %s: %s %q, want %q", c.method, c.path, k, r.Header.Get(k), v)
			}
		}
	}
	r := get(t, h, "GET", "/", nil)
	if p := r.Header.Get("Permissions-Policy"); !strings.Contains(p, "camera=(self)") || !strings.Contains(p, "microphone=()") {
		t.Errorf("Permissions-Policy %q: want the camera for the site itself, no microphone", p)
	}
	if p := r.Header.Get("Referrer-Policy"); p != "no-referrer" {
		t.Errorf("Referrer-Policy %q", p)
	}
}
