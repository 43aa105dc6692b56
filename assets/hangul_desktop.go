//go:build !js

package assets

import _ "embed"

// Hangul is the Korean font (package hangul's File, from `make fonts`),
// embedded in the desktop app so that it works offline. The browser
// build leaves it out: the page fetches it in the language pack.
//
//go:embed fonts/ConvPlaygroundHangul.ttf
var Hangul []byte
