//go:build js

package wasm

import (
	"cmp"
	"strings"
	"syscall/js"

	"convplayground/game"
	"convplayground/game/state"
	"convplayground/i18n"
)

// live keeps the page's off-screen aria-live region (index.html's #live)
// saying what the canvas shows, for screen readers: the layer, the shapes
// and the output-size formula in words, and any error or notice. It is
// rewritten only when one of them changed, so a reader hears each change
// once.
type live struct {
	version uint64
	notice  string
	lang    i18n.Lang
	text    string
}

// update runs after each frame on the game's goroutine, which owns the state.
func (l *live) update(s *state.State) {
	lang := cmp.Or(s.Lang, i18n.EN)
	if s.Version == l.version && s.Notice == l.notice && lang == l.lang && l.text != "" {
		return
	}
	if lang != l.lang && labelPage(lang) {
		l.lang = lang
	}
	l.version, l.notice = s.Version, s.Notice
	parts := []string{lang.Sprintf(i18n.LiveLayer, s.Export.Code())}
	for _, line := range game.ShapeText(s) {
		parts = append(parts, strings.Join(strings.Fields(line), " ")+".")
	}
	if s.Err != nil {
		parts = append(parts, lang.Sprintf(i18n.LiveError, s.Err.Error())) // PyTorch's words
	}
	if s.Notice != "" {
		parts = append(parts, lang.Sprintf(i18n.LiveNote, s.Notice))
	}
	text := strings.Join(strings.Fields(spoken(lang).Replace(strings.Join(parts, " "))), " ")
	if text == l.text {
		return
	}
	l.text = text
	if el := js.Global().Get("document").Call("getElementById", "live"); el.Truthy() {
		el.Set("textContent", text)
	}
}

// labelPage writes the page's language and the canvas's label in it,
// once the canvas is there (false before).
func labelPage(lang i18n.Lang) bool {
	doc := js.Global().Get("document")
	c := doc.Call("querySelector", "canvas")
	if !c.Truthy() {
		return false
	}
	doc.Get("documentElement").Set("lang", string(lang))
	c.Call("setAttribute", "aria-label", lang.T(i18n.CanvasLabel))
	return true
}

// spoken spells the formula's signs as words a screen reader says, in
// language l.
func spoken(l i18n.Lang) *strings.Replacer {
	return strings.NewReplacer("·", l.T(i18n.SpokenTimes), "−", l.T(i18n.SpokenMinus), "H_out", "H out", "W_out", "W out")
}
