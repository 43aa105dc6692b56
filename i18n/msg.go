package i18n

import "fmt"

// Key names one message of the table (keys.go). Keys are small integers
// and the table an array, which the linker lays out as data: a map would
// be built by code at start-up (8.5 KB more of brotli wasm, measured).
type Key int

// Msg is one message in both languages. A template's verbs are fmt's;
// the Korean one uses the same arguments with the same verbs, reordered
// with explicit indexes (%[2]d) where Korean word order needs it.
type Msg struct {
	En, Ko string
}

// T is the message k in language l: the English text when l is not
// Korean, "" for a key outside the table.
func (l Lang) T(k Key) string {
	switch {
	case k < 0 || k >= numKeys:
		return ""
	case l == KO:
		return table[k].Ko
	}
	return table[k].En
}

// Sprintf fills the template k in language l with args, given in the
// English template's order.
func (l Lang) Sprintf(k Key, args ...any) string {
	return fmt.Sprintf(l.T(k), args...)
}

// Keys lists every key of the table, in order (for the view's usage test
// and the font subset's coverage test).
func Keys() []Key {
	ks := make([]Key, numKeys)
	for i := range ks {
		ks[i] = Key(i)
	}
	return ks
}
