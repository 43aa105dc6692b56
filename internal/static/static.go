// Package static serves the playground's site: the page, wasm_exec.js and
// main.wasm, the training worker and its data, the Korean language pack,
// and nothing else. It is shared by serve.go (`make serve`) and
// the browser tests so both exercise the same behaviour.
//
// What it does:
//   - an allow-list (Files): any other path, a directory, a dot-file or a
//     source file is 404, whatever its spelling; GET and HEAD only (405
//     with Allow otherwise);
//   - precompressed variants: a request for X is answered with X.br or X.gz
//     (with Content-Encoding) when the client prefers that encoding (its
//     q-values, encoding.go) and the variant belongs to X: it carries X's
//     modification time, which the build stamps on a finished variant
//     before renaming it into place (Makefile), so neither a variant
//     still being written nor a stale one is ever sent;
//   - Content-Type from the original name (application/wasm for .wasm), and
//     Vary: Accept-Encoding on every file that has a variant;
//   - X-Uncompressed-Length, so the page can show download progress in the
//     decoded bytes that fetch() reports, and X-Compressed-Length, the bytes
//     on the wire that it states;
//   - Cache-Control: no-cache (revalidate every time: a rebuilt wasm is never
//     served stale; unchanged files cost a 304);
//   - on every response X-Content-Type-Options: nosniff, a Referrer-Policy
//     and a Permissions-Policy (the camera for the site itself, nothing
//     else), and on the page a Content-Security-Policy allowing only what
//     it uses (policy.go).
package static

import (
	"bytes"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
)

// Files are the site: what the page loads, and what `make site` copies
// (with the precompressed variants of main.wasm).
var Files = []string{"index.html", "wasm/wasm_exec.js", "wasm/main.wasm",
	"wasm/train_worker.js", "wasm/train.wasm", "assets/mnist12k.bin.gz", // the training worker and its data (issue 17)
	"wasm/ko.bin"} // the Korean language pack, fetched when Korean is shown (issue 21)

// Page is the file served for the site's root.
const Page = "index.html"

// encodings lists the precompressed variants in order of preference
// (between codings the client accepts equally).
var encodings = []struct{ name, ext string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// headers are sent on every response, errors included. The page sends no
// referrer anywhere, and of the browser's powerful features it may use
// only the camera (the Camera button), from the site itself.
var headers = map[string]string{
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy":        "no-referrer",
	"Permissions-Policy":     "camera=(self), microphone=(), geolocation=(), display-capture=(), usb=(), payment=()",
}

// Handler serves the site's files under dir.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range headers {
			h.Set(k, v)
		}
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
// if there is a usable one the client prefers, and reports whether it did.
func servePrecompressed(w http.ResponseWriter, r *http.Request, dir, name string) bool {
	orig := filepath.Join(dir, filepath.FromSlash(name))
	info, err := os.Stat(orig)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	var have []string
	for _, enc := range encodings {
		if v, err := os.Stat(orig + enc.ext); err == nil && belongs(v, info) {
			have = append(have, enc.name)
		}
	}
	if len(have) == 0 {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Accept-Encoding") // the identity response depends on it too
	coding := negotiate(r.Header.Get("Accept-Encoding"), have)
	for _, enc := range encodings {
		if enc.name != coding {
			continue
		}
		f, err := os.Open(orig + enc.ext)
		if err != nil {
			return false
		}
		defer f.Close()
		vinfo, err := f.Stat()
		if err != nil || !belongs(vinfo, info) {
			return false // replaced since the check: send the original
		}
		h.Set("Content-Encoding", enc.name)
		h.Set("Content-Type", contentType(name))
		h.Set("X-Uncompressed-Length", strconv.FormatInt(info.Size(), 10))
		// The bytes on the wire, for the loader to state (ServeContent
		// sends no Content-Length with a Content-Encoding).
		h.Set("X-Compressed-Length", strconv.FormatInt(vinfo.Size(), 10))
		// The ETag names the encoding so no cache mixes the representations.
		h.Set("ETag", strconv.Quote(strconv.FormatInt(vinfo.ModTime().UnixNano(), 36)+"-"+enc.name))
		http.ServeContent(w, r, name, vinfo.ModTime(), f)
		return true
	}
	return false
}

// belongs reports whether the variant v is a compressed copy of orig: a
// regular file with orig's modification time, which `make wasm` copies
// onto a variant once it is complete (touch -r) and before renaming it
// into place. A variant being written, or left from an earlier build, has
// another time and is not sent.
func belongs(v, orig os.FileInfo) bool {
	return v.Mode().IsRegular() && v.ModTime().Equal(orig.ModTime())
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}
