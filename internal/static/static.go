// Package static serves the playground's site: the page, wasm_exec.js and
// main.wasm, and nothing else. It is shared by serve.go (`make serve`) and
// the browser tests so both exercise the same behaviour.
//
// What it does:
//   - an allow-list (Files): any other path, a directory, a dot-file or a
//     source file is 404, whatever its spelling; GET and HEAD only (405
//     with Allow otherwise);
//   - precompressed variants: a request for X is answered with X.br or X.gz
//     (with Content-Encoding) when the client accepts that encoding and the
//     variant is at least as new as X, so a stale .br never shadows a rebuild;
//   - Content-Type from the original name (application/wasm for .wasm), and
//     Vary: Accept-Encoding on every file that has a variant;
//   - X-Uncompressed-Length, so the page can show download progress in the
//     decoded bytes that fetch() reports;
//   - Cache-Control: no-cache (revalidate every time: a rebuilt wasm is never
//     served stale; unchanged files cost a 304);
//   - X-Content-Type-Options: nosniff, and on the page a
//     Content-Security-Policy allowing only what it uses (policy.go).
package static

import (
	"bytes"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Files are the site: what the page loads, and what `make site` copies
// (with the precompressed variants of main.wasm).
var Files = []string{"index.html", "wasm/wasm_exec.js", "wasm/main.wasm"}

// Page is the file served for the site's root.
const Page = "index.html"

// encodings lists the precompressed variants in order of preference.
var encodings = []struct{ name, ext string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// Handler serves the site's files under dir.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name, ok := siteFile(r.URL.Path)
		if !ok {
			http.NotFound(w, r)
			return
		}
		h.Set("Cache-Control", "no-cache")
		if name == Page {
			servePage(w, r, filepath.Join(dir, Page))
			return
		}
		if !servePrecompressed(w, r, dir, "/"+name) {
			serveFile(w, r, filepath.Join(dir, filepath.FromSlash(name)))
		}
	})
}

// siteFile maps a URL path to one of Files. The match is exact: no
// cleaning, so no spelling of a path reaches anything else.
func siteFile(p string) (string, bool) {
	if p == "/" {
		return Page, true
	}
	for _, f := range Files {
		if p == "/"+f {
			return f, true
		}
	}
	return "", false
}

// serveFile sends a regular file (a directory or a missing file is 404).
func serveFile(w http.ResponseWriter, r *http.Request, name string) {
	f, err := os.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// servePage sends the page with its Content-Security-Policy, computed from
// the page itself so that the policy's hashes always match its inline code.
func servePage(w http.ResponseWriter, r *http.Request, name string) {
	info, err := os.Stat(name)
	var page []byte
	if err == nil && info.Mode().IsRegular() {
		page, err = os.ReadFile(name)
	}
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Security-Policy", Policy(page))
	http.ServeContent(w, r, name, info.ModTime(), bytes.NewReader(page))
}

// servePrecompressed answers with a compressed variant of the file at name,
// if there is a usable one, and reports whether it did.
func servePrecompressed(w http.ResponseWriter, r *http.Request, dir, name string) bool {
	orig := filepath.Join(dir, filepath.FromSlash(name))
	info, err := os.Stat(orig)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	var variants bool
	for _, enc := range encodings {
		f, err := os.Open(orig + enc.ext)
		if err != nil {
			continue
		}
		vinfo, err := f.Stat()
		if err != nil || !vinfo.Mode().IsRegular() || vinfo.ModTime().Before(info.ModTime()) {
			f.Close() // stale or odd: ignore it
			continue
		}
		variants = true
		if !accepts(r.Header.Get("Accept-Encoding"), enc.name) {
			f.Close()
			continue
		}
		defer f.Close()
		h := w.Header()
		h.Add("Vary", "Accept-Encoding")
		h.Set("Content-Encoding", enc.name)
		h.Set("Content-Type", contentType(name))
		h.Set("X-Uncompressed-Length", strconv.FormatInt(info.Size(), 10))
		// The ETag names the encoding so no cache mixes the representations.
		h.Set("ETag", strconv.Quote(strconv.FormatInt(vinfo.ModTime().UnixNano(), 36)+"-"+enc.name))
		http.ServeContent(w, r, name, vinfo.ModTime(), f)
		return true
	}
	if variants {
		// The identity response also depends on Accept-Encoding.
		w.Header().Add("Vary", "Accept-Encoding")
	}
	return false
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// accepts reports whether an Accept-Encoding header value allows the coding:
// listed by name or by "*", with a q-value other than 0.
func accepts(header, coding string) bool {
	star := false
	for _, item := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(item), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		ok := qNonZero(params)
		switch name {
		case coding:
			return ok
		case "*":
			star = ok
		}
	}
	return star
}

// qNonZero parses the parameters after a coding ("q=0.5") and reports
// whether the quality is above zero; no q means 1.
func qNonZero(params string) bool {
	for _, p := range strings.Split(params, ";") {
		k, v, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return err == nil && q > 0
	}
	return true
}
