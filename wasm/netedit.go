//go:build js

package wasm

import (
	"syscall/js"

	"convplayground/game"
	"convplayground/i18n"
)

// NetEditor sets the game's network-text hook for the browser: the strip's
// "text" button opens an editable text box over the canvas with the
// network as nn.Sequential(...) text; Apply installs it (one undo step) and
// closes the box, or shows the mistake with its line and column and keeps
// the box open; Cancel closes it unchanged.
func NetEditor(g *game.Game) {
	doc := js.Global().Get("document")
	el := func(tag, id string) js.Value {
		e := doc.Call("createElement", tag)
		e.Set("id", id)
		return e
	}
	panel, text, msg := el("div", "net-box"), el("textarea", "net-text"), el("div", "net-error")
	apply, cancel := el("button", "net-apply"), el("button", "net-cancel")
	style(panel, map[string]string{"position": "fixed", "top": "60px", "left": "50%", "transform": "translateX(-50%)",
		"width": "min(620px, 92vw)", "background": "#fff", "border": "1px solid #ddd7ca", "borderRadius": "8px",
		"boxShadow": "0 6px 24px rgba(0,0,0,0.25)", "padding": "10px", "zIndex": "10", "display": "none"})
	text.Set("spellcheck", false)
	style(text, map[string]string{"width": "100%", "height": "min(360px, 55vh)", "boxSizing": "border-box",
		"fontFamily": "monospace", "fontSize": "13px", "whiteSpace": "pre"})
	style(msg, map[string]string{"font": "13px monospace", "color": "#c0392b", "margin": "6px 0", "whiteSpace": "pre-wrap"})
	note := doc.Call("createElement", "div")
	style(note, map[string]string{"font": "13px sans-serif", "marginBottom": "6px", "color": "#22211f"})
	for _, b := range []js.Value{apply, cancel} {
		style(b, map[string]string{"marginTop": "6px", "marginRight": "8px", "padding": "4px 14px"})
	}
	hide := func() { style(panel, map[string]string{"display": "none"}) }
	// Made once: the page keeps the box (and its buttons) for its lifetime.
	apply.Call("addEventListener", "click", js.FuncOf(func(js.Value, []js.Value) any {
		msg.Set("textContent", "")
		g.RequestNet(text.Get("value").String(), func(err error) {
			if err != nil {
				msg.Set("textContent", i18n.Text(g.Lang.Language(), err))
				return
			}
			hide()
		})
		return nil
	}))
	cancel.Call("addEventListener", "click", js.FuncOf(func(js.Value, []js.Value) any { hide(); return nil }))
	panel.Call("append", note, text, msg, apply, cancel)
	doc.Get("body").Call("append", panel)
	g.OnEditNet = func(net string) {
		l := g.Lang.Language()
		note.Set("textContent", l.T(i18n.NetBoxNote))
		apply.Set("textContent", l.T(i18n.NetBoxApply))
		cancel.Set("textContent", l.T(i18n.NetBoxCancel))
		text.Set("value", net)
		msg.Set("textContent", "")
		style(panel, map[string]string{"display": "block"})
		text.Call("focus")
	}
}
