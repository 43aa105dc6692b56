package i18n

import "fmt"

// Key names one message of the table (keys.go). Keys are small integers
// and the table's columns arrays (english.go, korean.go), which the
// linker lays out as data: a map would be built by code at start-up (8.5
// KB more of brotli wasm, measured). A template's verbs are fmt's; the
// Korean one uses the same arguments with the same verbs, reordered with
// explicit indexes (%[2]d) where Korean word order needs it.
type Key int

// T is the message k in language l: the English text when l is not
// Korean or the Korean column is not there (the browser before the
// language pack came, pack.go), "" for a key outside the table.
//
// Not inlined: the view calls it at ~150 places, and a call is smaller
// than the switch at each (5.6 KB of brotli wasm, measured); it runs on
// a label's layout, not per pixel.
//
//go:noinline
func (l Lang) T(k Key) string {
	switch {
	case k < 0 || k >= numKeys:
		return ""
	case l == KO && korean != nil:
		return korean[k]
	}
	return english[k]
}

// Sprintf fills the template k in language l with args, given in the
// English template's order.
func (l Lang) Sprintf(k Key, args ...any) string {
	return fmt.Sprintf(l.T(k), args...)
}

// Known is name, a name given in English, in language l when it is the
// English text of one of keys; other names (a file's, a proper name such
// as sobel x) as they are.
func (l Lang) Known(name string, keys ...Key) string {
	for _, k := range keys {
		if english[k] == name {
			return l.T(k)
		}
	}
	return name
}

// PresetKeys are the filter presets' names the table translates.
var PresetKeys = []Key{PresetIdentity, PresetBoxBlur, PresetGaussianBlur, PresetSharpen,
	PresetOutline, PresetEmboss, PresetDiagonalSlash, PresetDiagonalBackslash, PresetLearned}

// Keys lists every key of the table, in order (for the view's usage test
// and the font subset's coverage test).
func Keys() []Key {
	ks := make([]Key, numKeys)
	for i := range ks {
		ks[i] = Key(i)
	}
	return ks
}
