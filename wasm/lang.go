//go:build js

package wasm

import (
	"syscall/js"

	"golang.org/x/image/font/opentype"

	"convplayground/game"
	"convplayground/i18n"
	"convplayground/i18n/hangul"
	"convplayground/lesson"
	"convplayground/wasm/pagelink"
)

// The Korean language pack beside the page (internal/static.Files, made
// by cmd/langpack), and a bound on its download (it is 0.76 MB).
const (
	langPackFile = "wasm/ko.bin"
	maxLangPack  = 8 << 20
)

// What the browser keeps of the learner's choices, for a visit whose
// link does not say: the language picked with the switch, and the
// lesson's card (its step, or lesson.Closed once closed).
var (
	langChoice   = stored{"localStorage", "convPlayground.lang"}
	lessonChoice = stored{"localStorage", "convPlayground.lesson"}
)

// Language gives the game the page's language and the lesson's card:
// Korean fetches the language pack first (the page is in English
// meanwhile); the card opens as the link or an earlier visit left it, a
// first visit on step 1, setting the playground as the step asks unless
// a link or a kept session set it. The link and the browser's storage
// follow the switch and the card. Call it after Share, which loads them.
func Language(g *game.Game) {
	g.FetchKorean = func() {
		go func() {
			f, err := loadKorean()
			g.Lang.KoreanLoaded(f, err)
		}()
	}
	g.OnLanguage = keepLanguage
	g.Lang.SetLanguage(pageLanguage())
	_, named := pagelink.Get(search(), "lesson")
	i, open := pageLesson()
	g.StartLesson(i, open, hashCode() == "" && (named || localSession.get("") == ""))
	keepLesson(i, open) // a closed card stays closed on the next visit
	g.OnLesson = keepLesson
}

// pageLanguage is the language the page opens in: the link's (?lang=ko),
// else the one picked on an earlier visit, else the browser's
// (navigator.language: Korean for any Korean locale).
func pageLanguage() i18n.Lang {
	if l, ok := i18n.FromQuery(search()); ok {
		return l
	}
	if l, ok := i18n.Parse(langChoice.get("")); ok {
		return l
	}
	return i18n.Detect(js.Global().Get("navigator").Get("language").String())
}

// pageLesson is the lesson's card as the page opens: the link's
// (?lesson=3, ?lesson=off), else as an earlier visit left it, else, on a
// first visit, open on the first step. i is the step from 0.
func pageLesson() (i int, open bool) {
	if v, ok := pagelink.Get(search(), "lesson"); ok {
		if i, open, ok := lesson.FromLink(v); ok {
			return i, open
		}
	}
	if i, open, ok := lesson.FromLink(lessonChoice.get("")); ok {
		return i, open
	}
	return 0, true
}

// keepLanguage puts the language in the link and keeps it for the next
// visit; the page's lang attribute follows, for screen readers.
func keepLanguage(l i18n.Lang) {
	setQuery("lang", string(l))
	langChoice.set(string(l))
	js.Global().Get("document").Get("documentElement").Set("lang", string(l))
}

// keepLesson puts the card's step (from 0), or its closing, in the link
// and keeps it for the next visit.
func keepLesson(i int, open bool) {
	v := lesson.LinkValue(i, open)
	setQuery("lesson", v)
	lessonChoice.set(v)
}

// loadKorean fetches the language pack and installs its Korean column
// (package i18n); it returns the pack's font. In a goroutine: it waits
// for the network.
func loadKorean() (*opentype.Font, error) {
	b, err := fetchBytes(langPackFile, maxLangPack, func(int64, int64) {})
	if err != nil {
		return nil, err
	}
	font, err := i18n.LoadPack(b)
	if err != nil {
		return nil, err
	}
	return hangul.Parse(font)
}

// search is the page's location.search.
func search() string { return js.Global().Get("location").Get("search").String() }

// setQuery sets key=value in the page's query, keeping the path and the
// share link's #fragment, replacing the history entry.
func setQuery(key, value string) {
	loc := js.Global().Get("location")
	q := pagelink.Set(loc.Get("search").String(), key, value)
	url := loc.Get("pathname").String() + q + loc.Get("hash").String()
	js.Global().Get("history").Call("replaceState", js.Null(), "", url)
}
