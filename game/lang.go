package game

import (
	"golang.org/x/image/font/opentype"

	"convplayground/assets"
	"convplayground/i18n"
	"convplayground/i18n/hangul"
)

// The UI's language (package i18n): every text the view draws is looked
// up in the message table in v.lang. Korean needs the table's Korean
// column and the Korean font: the desktop app has both compiled in; the
// browser fetches them in the language pack (FetchKorean), and the view
// stays in English until it came.

// langHooks are the platform's side of the language and the lesson.
type langHooks struct {
	// FetchKorean starts fetching the language pack (browser); the
	// platform answers with KoreanLoaded, from any goroutine. nil: the
	// Korean column and font are compiled in (desktop).
	FetchKorean func()
	// OnLanguage gets the language when it changed (the browser keeps
	// it in the link).
	OnLanguage func(l i18n.Lang)
	// OnLesson gets the lesson card's step (from 0) and whether it is
	// open, when either changed (the browser keeps them in the link).
	OnLesson func(step int, open bool)
}

// langState is the language being fetched.
type langState struct {
	fetching bool
	loaded   chan koreanPack // the pack's font, from the platform's goroutine
}

type koreanPack struct {
	font *opentype.Font
	err  error
}

// t is message k in the UI's language; tf fills template k with args.
func (v *view) t(k i18n.Key) string               { return v.lang.T(k) }
func (v *view) tf(k i18n.Key, args ...any) string { return v.lang.Sprintf(k, args...) }

// count is n things in the UI's language: one, or many (a template of n).
func (v *view) count(n int, one, many i18n.Key) string {
	if n == 1 {
		return v.t(one)
	}
	return v.tf(many, n)
}

// Language is the UI's language.
func (lg *Lang) Language() i18n.Lang {
	g := lg.g
	return g.lang
}

// SetLanguage shows the UI in l: at once when its texts and font are
// here, else once the platform has fetched them (English meanwhile).
func (lg *Lang) SetLanguage(l i18n.Lang) {
	g := lg.g
	g.wantLang = l
	if l == i18n.KO && !g.Lang.koreanReady() {
		if g.FetchKorean != nil && !g.fetching {
			g.fetching = true
			g.FetchKorean()
		}
		return
	}
	g.Lang.useLanguage(l)
}

// koreanReady says whether the Korean texts and the whole Korean font
// are here, loading the desktop's compiled-in font on first use.
func (lg *Lang) koreanReady() bool {
	g := lg.g
	if g.hangulFull {
		return true
	}
	if g.FetchKorean != nil || !i18n.HasKorean() {
		return false
	}
	f, err := hangul.Parse(assets.Hangul)
	if err != nil {
		g.st.Say(err.Error())
		return false
	}
	g.Lang.setHangul(f)
	return true
}

// KoreanLoaded is the platform's answer to FetchKorean: the pack's font
// (its texts are in package i18n by now), or why it could not come.
// Safe from any goroutine; the game takes it on its next update.
func (lg *Lang) KoreanLoaded(f *opentype.Font, err error) {
	g := lg.g
	g.loaded <- koreanPack{f, err}
}

// langTick takes a fetched language pack.
func (lg *Lang) langTick() {
	g := lg.g
	select {
	case p := <-g.loaded:
		g.fetching = false
		if p.err != nil {
			g.st.Say(p.err.Error())
			return
		}
		g.Lang.setHangul(p.font)
		if g.wantLang == i18n.KO {
			g.Lang.useLanguage(i18n.KO)
		}
	default:
	}
}

func (lg *Lang) setHangul(f *opentype.Font) {
	g := lg.g
	g.fonts.hangul, g.hangulFull = f, true
	g.fonts.reset()
	g.dirty = true
}

func (lg *Lang) useLanguage(l i18n.Lang) {
	g := lg.g
	if l == g.lang {
		return
	}
	g.lang, g.st.Lang, g.train.Lang = l, l, l // the state's notices and the training's errors too
	g.fonts.reset()
	g.dirty = true
	if g.OnLanguage != nil {
		g.OnLanguage(l)
	}
}
