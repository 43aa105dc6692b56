// Package i18n holds every text the playground shows, in English and Korean:
// one table of messages looked up by a typed Key, the Korean glosses of
// PyTorch's messages (which stay in English), and the choice of language
// from the browser, the link or LANG. Standard library only, no display.
//
// English is the view's text exactly as it was written in game/ and
// game/state/ (and wasm/ for the browser's own words); each key's comment
// in keys.go names the file and line it came from. Messages with numbers
// are whole-sentence fmt templates; where Korean puts the values in
// another order it uses explicit argument indexes (%[2]d), so the view
// passes the same arguments in the same order in both languages.
//
// The table is two columns, english.go and korean.go, one entry per key.
// The browser build compiles only the English one: the Korean column
// comes with the Korean font in the language pack (pack.go), fetched
// when Korean is first shown, so the English page does not carry it.
//
// Not in the table, because they are code and stay as they are: tensor
// names and shapes (x, w, b, y, weight, bias, [N,C,H,W]), nn.Conv2d's
// parameter names (out_channels, kernel_size, stride, padding, dilation,
// padding_mode, groups), ToTensor/Normalize, formulas, PyTorch's messages,
// preset names that are proper names (LoG, sobel, prewitt, kaiming, RdBu),
// "Depthwise" (the button, as PyTorch's docs name it). Left out too: the
// state's internal errors that only the hook or a bug can reach.
package i18n

import "strings"

// Lang is a language of the UI; its value is what the hook reports and
// the link carries.
type Lang string

// The two languages; English is the default.
const (
	EN Lang = "en"
	KO Lang = "ko"
)

// Name is how the language switch writes l, in l's own language on
// every page: "EN" or "한국어" (package hangul's SwitchFile draws the
// latter on the English page without the whole Korean font).
func (l Lang) Name() string {
	if l == KO {
		return "한국어"
	}
	return "EN"
}

// Parse reads a language code as the link or the switch writes it ("en",
// "ko"; case and a region part such as "ko-KR" ignored).
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_."); i >= 0 {
		s = s[:i]
	}
	switch Lang(s) {
	case EN:
		return EN, true
	case KO:
		return KO, true
	}
	return EN, false
}

// Detect is the browser's language (navigator.language, e.g. "ko-KR"):
// Korean for any Korean locale, otherwise English.
func Detect(navigatorLanguage string) Lang {
	l, _ := Parse(navigatorLanguage)
	return l
}

// FromLANG is the desktop app's language from the LANG environment
// variable (e.g. "ko_KR.UTF-8"); "", "C", "POSIX" and other languages are
// English.
func FromLANG(env string) Lang {
	l, _ := Parse(env)
	return l
}

// FromQuery finds lang=… in a URL's query (location.search, with or
// without its "?"): Korean for "?lang=ko". ok is false when the query
// names no language this table has.
func FromQuery(query string) (l Lang, ok bool) {
	for _, part := range strings.Split(strings.TrimPrefix(query, "?"), "&") {
		if v, found := strings.CutPrefix(part, "lang="); found {
			return Parse(v)
		}
	}
	return EN, false
}
