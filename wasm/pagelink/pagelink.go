// Package pagelink reads and writes what the page's URL query
// (location.search) carries beside the share link's #fragment: the
// language (lang=ko) and the lesson's card (lesson=3, lesson=off). The
// glue (package wasm) keeps them there, so a shared or reloaded link
// opens in the same language on the same step. Display-free: tested
// natively and in the browser build.
package pagelink

import "strings"

// Values are plain words (ko, 3, off): they are written and read as
// they are, with no escaping (so no net/url in the page's wasm); a value
// with '&', '=', '#', '%' or a space is not one.

// Get is the value of key in the query search (with or without its "?"),
// and whether it is there.
func Get(search, key string) (string, bool) {
	for _, part := range strings.Split(strings.TrimPrefix(search, "?"), "&") {
		if k, v, _ := strings.Cut(part, "="); k == key {
			return v, true
		}
	}
	return "", false
}

// Set is search with key's value replaced by value (added at the end when
// absent, removed when value is ""), the other parts as they were, in
// their order; "?" and the parts, or "" for none. value is a plain word.
func Set(search, key, value string) string {
	var parts []string
	done := false
	for _, part := range strings.Split(strings.TrimPrefix(search, "?"), "&") {
		k, _, _ := strings.Cut(part, "=")
		switch {
		case part == "":
		case k != key:
			parts = append(parts, part)
		case !done && value != "":
			parts = append(parts, key+"="+value)
			done = true
		}
	}
	if !done && value != "" {
		parts = append(parts, key+"="+value)
	}
	if len(parts) == 0 {
		return ""
	}
	return "?" + strings.Join(parts, "&")
}
