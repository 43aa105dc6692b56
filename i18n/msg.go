package i18n

import (
	"fmt"
	"slices"
)

// Key names one message of the table (keys.go).
type Key string

// Msg is one message in both languages. A template's verbs are fmt's;
// the Korean one uses the same arguments with the same verbs, reordered
// with explicit indexes (%[2]d) where Korean word order needs it.
type Msg struct {
	En, Ko string
}

// T is the message k in language l: the English text when l is not
// Korean, and the key itself for a key the table lacks (a test keeps
// every key in it).
func (l Lang) T(k Key) string {
	m, ok := table[k]
	switch {
	case !ok:
		return string(k)
	case l == KO:
		return m.Ko
	}
	return m.En
}

// Sprintf fills the template k in language l with args, given in the
// English template's order.
func (l Lang) Sprintf(k Key, args ...any) string {
	return fmt.Sprintf(l.T(k), args...)
}

// Keys lists every key of the table, sorted (for the view's usage test
// and the font subset's coverage test).
func Keys() []Key {
	ks := make([]Key, 0, len(table))
	for k := range table {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
