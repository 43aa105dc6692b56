package static

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// repo lays out a served directory as the repository root looks: the site
// among source files, dot-files and directories.
func repo(t *testing.T) string {
	dir, _ := site(t)
	for name, data := range map[string]string{
		"serve.go": "package main", "go.mod": "module x", "Makefile": "all:",
		"assets/mnist_lenet.bin": "weights", "conv/testdata/golden/a.npy": "npy",
		".env": "SECRET=1", "wasm/.hidden": "x", "wasm/main.go": "package wasm",
		"wasm/train.wasm": "worker wasm", "wasm/train_worker.js": "// worker", "assets/mnist12k.bin.gz": "data",
		"wasm/ko.bin": "pack", "wasm/ko.go": "package wasm",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Only the site's files are served: no source, no dot-file, no listing,
// whatever the spelling of the path.
func TestOnlySiteFiles(t *testing.T) {
	h := Handler(repo(t))
	for _, p := range []string{"/", "/index.html", "/wasm/main.wasm", "/wasm/ko.bin"} { // site() has no wasm_exec.js
		if r := get(t, h, "GET", p, nil); r.StatusCode != 200 {
			t.Errorf("%s: status %d, want 200", p, r.StatusCode)
		}
	}
	for _, p := range []string{
		"/serve.go", "/go.mod", "/Makefile", "/assets/", "/assets/mnist_lenet.bin", "/conv/testdata/",
		"/conv/testdata/golden/a.npy", "/wasm/", "/wasm", "/wasm/main.go", "/wasm/main.wasm.br", "/wasm/main.wasm.gz",
		"/.env", "/.git/config", "/.git/", "/wasm/.hidden", "/wasm/../.git/config", "/wasm/../serve.go",
		"/../serve.go", "/./serve.go", "//serve.go", "/wasm//main.go", "/index.html/", "/wasm/main.wasm/",
		"/wasm/ko.go", "/wasm/ko.bin/", "/wasm/KO.BIN", "/wasm/ko.bin.br", "/%2e%2e/serve.go", "/wasm/%2e%2e/go.mod", "/wasm\\..\\serve.go", "/INDEX.HTML", "/index.html%00",
	} {
		r := get(t, h, "GET", p, nil)
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.StatusCode)
		}
		if b := string(body(t, r)); strings.Contains(b, "package") || strings.Contains(b, "SECRET") || strings.Contains(b, "<a href") {
			t.Errorf("%s: body %q", p, b)
		}
	}
}

// Other methods than GET and HEAD: 405 with Allow, on site files and others.
func TestMethods(t *testing.T) {
	h := Handler(repo(t))
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		for _, p := range []string{"/", "/wasm/main.wasm", "/serve.go"} {
			r := get(t, h, m, p, nil)
			if r.StatusCode != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: status %d, Allow %q; want 405 and GET, HEAD", m, p, r.StatusCode, r.Header.Get("Allow"))
			}
		}
	}
	if r := get(t, h, "HEAD", "/", nil); r.StatusCode != 200 {
		t.Errorf("HEAD /: %d", r.StatusCode)
	}
}

// The page's headers: nosniff everywhere, and a policy allowing the wasm
// and exactly the page's inline script and style, by hash.
func TestSecurityHeaders(t *testing.T) {
	dir := repo(t)
	script, style := "\n'use strict'; go();\n", "\nbody { margin: 0 }\n"
	page := "<!doctype html><title>Conv Playground</title><style>" + style + "</style>" +
		`<script src="wasm/wasm_exec.js"></script><script>` + script + "</script>"
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(dir, "wasm", "wasm_exec.js"), []byte("// go"), 0o644)
	h := Handler(dir)
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	r := get(t, h, "GET", "/", nil)
	want := "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' " + hash(script) + "; style-src " + hash(style) +
		"; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
	if got := r.Header.Get("Content-Security-Policy"); got != want {
		t.Errorf("Content-Security-Policy\n got %s\nwant %s", got, want)
	}
	for _, p := range []string{"/", "/wasm/main.wasm", "/wasm/wasm_exec.js", "/missing"} {
		r := get(t, h, "GET", p, map[string]string{"Accept-Encoding": "br"})
		if r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", p, r.Header.Get("X-Content-Type-Options"))
		}
	}
	if r := get(t, h, "GET", "/wasm/wasm_exec.js", nil); r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/javascript") {
		t.Errorf("wasm_exec.js: %d %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

// A client that sends half a header is dropped after ReadHeaderTimeout, all
// of them at once; the server keeps answering others meanwhile.
func TestSlowHeaderDropped(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the header timeout")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(Handler(repo(t)))
	go srv.Serve(ln)
	defer srv.Close()
	const clients = 50
	start := time.Now()
	var wg sync.WaitGroup
	held := make([]time.Duration, clients)
	for i := range clients {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "))
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			c.SetReadDeadline(time.Now().Add(ReadHeaderTimeout + 10*time.Second))
			bufio.NewReader(c).ReadByte() // returns when the server closes
			held[i] = time.Since(start)
		}()
	}
	res, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil || res.StatusCode != 200 {
		t.Errorf("a normal client meanwhile: %v", err)
	} else {
		res.Body.Close()
	}
	wg.Wait()
	for i, d := range held {
		if d > ReadHeaderTimeout+2*time.Second {
			t.Fatalf("client %d held for %v (ReadHeaderTimeout %v)", i, d, ReadHeaderTimeout)
		}
	}
	t.Logf("%d half-header clients dropped after at most %v", clients, slices.Max(held))
}

// `make site` (WriteSite): exactly the site's files, which the handler then
// serves the same from the copy; no source file, no stale variant.
func TestWriteSite(t *testing.T) {
	dir := repo(t)
	os.WriteFile(filepath.Join(dir, "wasm", "wasm_exec.js"), []byte("// go"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "wasm", "main.wasm.br"), old, old) // stale
	out := filepath.Join(t.TempDir(), "site")
	if err := WriteSite(dir, out); err != nil {
		t.Fatal(err)
	}
	var got []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	want := []string{"assets/mnist12k.bin.gz", "index.html", "wasm/ko.bin", "wasm/main.wasm", "wasm/main.wasm.gz", "wasm/train.wasm", "wasm/train_worker.js", "wasm/wasm_exec.js"}
	if !slices.Equal(got, want) {
		t.Errorf("site files %v, want %v", got, want)
	}
	r := get(t, Handler(out), "GET", "/wasm/main.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("the copy: status %d, encoding %q", r.StatusCode, r.Header.Get("Content-Encoding"))
	}
	os.Chtimes(filepath.Join(dir, "wasm", "main.wasm.gz"), old, old)
	if err := WriteSite(dir, out); err != nil { // again: the earlier site is replaced
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "wasm", "main.wasm.gz")); err == nil {
		t.Error("the earlier site's .gz, now stale, is still there")
	}
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	if err := WriteSite(dir, out); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("into a directory with other files: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error("a refused directory was changed")
	}
	os.Remove(filepath.Join(dir, "wasm", "main.wasm"))
	if err := WriteSite(dir, t.TempDir()); err == nil || !strings.Contains(err.Error(), "make wasm") {
		t.Errorf("without main.wasm: %v", err)
	}
}
