package assets

// Hangul is nil in the browser build: the page fetches the Korean font in
// the language pack (cmd/langpack) when Korean is first shown.
var Hangul []byte
