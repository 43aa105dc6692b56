package pagelink

import "testing"

func TestGet(t *testing.T) {
	for _, c := range []struct {
		search, key, want string
		ok                bool
	}{
		{"?lang=ko", "lang", "ko", true},
		{"lang=ko&lesson=3", "lesson", "3", true},
		{"?x=1&lesson=off", "lesson", "off", true},
		{"?xlang=ko", "lang", "", false},
		{"?lang", "lang", "", true},
		{"", "lang", "", false},
		{"?note=a%20b", "note", "a%20b", true},
	} {
		if got, ok := Get(c.search, c.key); got != c.want || ok != c.ok {
			t.Errorf("Get(%q, %q) = %q, %v; want %q, %v", c.search, c.key, got, ok, c.want, c.ok)
		}
	}
}

func TestSet(t *testing.T) {
	for _, c := range []struct{ search, key, value, want string }{
		{"", "lang", "ko", "?lang=ko"},
		{"?lang=en", "lang", "ko", "?lang=ko"},
		{"?a=1&lang=en&b=2", "lang", "ko", "?a=1&lang=ko&b=2"},
		{"?lang=ko", "lesson", "3", "?lang=ko&lesson=3"},
		{"?lang=ko&lesson=3", "lesson", "", "?lang=ko"},
		{"?lesson=3", "lesson", "", ""},
		{"?lesson=1&lesson=2", "lesson", "4", "?lesson=4"},
		{"?&&a=1&", "b", "off", "?a=1&b=off"},
	} {
		if got := Set(c.search, c.key, c.value); got != c.want {
			t.Errorf("Set(%q, %q, %q) = %q, want %q", c.search, c.key, c.value, got, c.want)
		}
	}
}
