//go:build js

package wasm

import (
	"syscall/js"

	"convplayground/game"
	"convplayground/i18n"
)

// Export sets the game's export hooks for the browser: "Copy code" puts
// the code on the clipboard and, for browsers that refuse clipboard
// access, in a text box over the canvas (selected, ready for Ctrl+C, with
// a Close button); "Save .npy" downloads the file. The elements are made
// here and styled through their style properties (a strict CSP allows
// that, unlike inline style attributes or scripts).
func Export(g *game.Game) {
	box := newCodeBox()
	copyFailed := js.FuncOf(func(_ js.Value, args []js.Value) any {
		js.Global().Get("console").Call("warn", "Conv Playground: copying the code failed:", args[0])
		return nil
	})
	g.OnCopyCode = func(code string) string {
		l := g.Lang.Language()
		box.show(code, l)
		clip := js.Global().Get("navigator").Get("clipboard")
		if clip.IsUndefined() { // not a secure context: the box is the way
			return l.T(i18n.CodeBelow)
		}
		clip.Call("writeText", code).Call("catch", copyFailed)
		return l.T(i18n.CodeCopied)
	}
	g.OnSave = func(name string, data []byte) string {
		download(name, data)
		return g.Lang.Language().T(i18n.CodeDownloaded)
	}
}

// codeBox is the text box that shows the copied code: 800 px holds the
// snippet's lines (state's codeWidth, 104 columns of 12 px monospace).
type codeBox struct{ panel, text, note, close js.Value }

func newCodeBox() *codeBox {
	doc := js.Global().Get("document")
	b := &codeBox{panel: doc.Call("createElement", "div"), text: doc.Call("createElement", "textarea")}
	b.panel.Set("id", "code-box")
	style(b.panel, map[string]string{"position": "fixed", "top": "60px", "left": "50%", "transform": "translateX(-50%)",
		"width": "min(800px, 92vw)", "background": "#fff", "border": "1px solid #ddd7ca", "borderRadius": "8px",
		"boxShadow": "0 6px 24px rgba(0,0,0,0.25)", "padding": "10px", "zIndex": "10", "display": "none"})
	b.text.Set("id", "code-text")
	b.text.Set("readOnly", true)
	b.text.Set("spellcheck", false)
	style(b.text, map[string]string{"width": "100%", "height": "min(420px, 60vh)", "boxSizing": "border-box",
		"fontFamily": "monospace", "fontSize": "12px", "whiteSpace": "pre"})
	closeBtn := doc.Call("createElement", "button")
	closeBtn.Set("id", "code-close")
	style(closeBtn, map[string]string{"marginTop": "6px", "padding": "4px 14px"})
	// Made once: the page keeps the box (and its button) for its lifetime.
	closeBtn.Call("addEventListener", "click", js.FuncOf(func(js.Value, []js.Value) any {
		style(b.panel, map[string]string{"display": "none"})
		return nil
	}))
	note := doc.Call("createElement", "div")
	style(note, map[string]string{"font": "13px sans-serif", "marginBottom": "6px", "color": "#22211f"})
	b.panel.Call("append", note, b.text, closeBtn)
	doc.Get("body").Call("append", b.panel)
	b.note, b.close = note, closeBtn
	return b
}

// show opens the box with code, its words in language l.
func (b *codeBox) show(code string, l i18n.Lang) {
	b.note.Set("textContent", l.T(i18n.CodeBoxNote))
	b.close.Set("textContent", l.T(i18n.CodeBoxClose))
	b.text.Set("value", code)
	style(b.panel, map[string]string{"display": "block"})
	b.text.Call("focus")
	b.text.Call("select")
}

// style sets an element's style properties.
func style(el js.Value, props map[string]string) {
	s := el.Get("style")
	for k, v := range props {
		s.Set(k, v)
	}
}

// download saves data as a file named name: a Blob behind a link with the
// download attribute, clicked.
func download(name string, data []byte) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	opts := js.Global().Get("Object").New()
	opts.Set("type", "application/octet-stream")
	blob := js.Global().Get("Blob").New([]any{arr}, opts)
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	doc := js.Global().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	style(a, map[string]string{"display": "none"})
	doc.Get("body").Call("append", a)
	a.Call("click")
	a.Call("remove")
	js.Global().Get("URL").Call("revokeObjectURL", url)
}
