package static

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
)

// inline finds the page's <script> and <style> elements and their text.
var inline = regexp.MustCompile(`(?is)<(script|style)\b([^>]*)>(.*?)</(?:script|style)\s*>`)

// Policy is the Content-Security-Policy of a page like index.html: nothing
// by default; scripts from the site itself, WebAssembly compilation
// ('wasm-unsafe-eval', which Go's wasm needs) and the page's inline scripts
// by their SHA-256; its inline styles by hash; fetch() to the site (the
// wasm); images from data: URLs (the empty favicon). Ebiten and the page
// style elements through the DOM (element.style), which a policy does not
// restrict.
func Policy(page []byte) string {
	scripts := []string{"'self'", "'wasm-unsafe-eval'"}
	var styles []string
	for _, m := range inline.FindAllSubmatch(page, -1) {
		tag, attrs, text := strings.ToLower(string(m[1])), string(m[2]), m[3]
		if tag == "script" && strings.Contains(strings.ToLower(attrs), "src") {
			continue // a file, allowed by 'self'
		}
		sum := sha256.Sum256(text)
		h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if tag == "script" {
			scripts = append(scripts, h)
		} else {
			styles = append(styles, h)
		}
	}
	if len(styles) == 0 {
		styles = []string{"'none'"}
	}
	return "default-src 'none'; script-src " + strings.Join(scripts, " ") + "; style-src " + strings.Join(styles, " ") +
		"; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
}
