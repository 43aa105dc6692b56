//go:build js

package wasm

import (
	"strings"
	"syscall/js"

	"convplayground/game"
)

// Share keeps the page's URL and the game's state in step: a #fragment
// present at start (or pasted later) is loaded as a link code — a bad one
// shows its message in the header and the defaults stay — and every change
// of the state replaces the fragment (history.replaceState, throttled by
// the game, so no history entries pile up; flushed when the page is hidden
// or left). "Copy link" copies the URL.
func Share(g *game.Game) {
	if code := hashCode(); code != "" {
		g.LoadState(code) // an error is shown as the game's notice
	}
	g.OnCode = setHash
	// The game puts a change into the link at most twice a second: when the
	// page is hidden (another tab, a phone's home screen, where the page may
	// be discarded) or left (pagehide), the latest state goes in at once.
	// Between frames, where JavaScript events run, the model is at rest.
	flush := js.FuncOf(func(_ js.Value, args []js.Value) any {
		hidden := js.Global().Get("document").Get("visibilityState").String() == "hidden"
		if len(args) > 0 && (args[0].Get("type").String() == "pagehide" || hidden) {
			if code := g.Model().Encode(); code != hashCode() {
				setHash(code)
			}
		}
		return nil
	})
	js.Global().Call("addEventListener", "pagehide", flush)
	js.Global().Get("document").Call("addEventListener", "visibilitychange", flush)
	// Made once: a js.Func per click would never be released.
	copyFailed := js.FuncOf(func(_ js.Value, args []js.Value) any {
		js.Global().Get("console").Call("warn", "Conv Playground: copying the link failed:", args[0])
		return nil
	})
	g.OnShare = func(code string) string {
		clip := js.Global().Get("navigator").Get("clipboard")
		if clip.IsUndefined() { // not a secure context: the URL is the link
			return "Link in URL"
		}
		href := js.Global().Get("location").Get("href").String()
		clip.Call("writeText", href).Call("catch", copyFailed)
		return "Link copied"
	}
	// A link pasted into the address bar of an open page changes only the
	// fragment; the game loads it on its next update.
	js.Global().Call("addEventListener", "hashchange", js.FuncOf(func(js.Value, []js.Value) any {
		if code := hashCode(); code != "" {
			g.RequestState(code)
		}
		return nil
	}))
}

// setHash makes code the page's #fragment, replacing the history entry.
func setHash(code string) {
	loc := js.Global().Get("location")
	url := loc.Get("pathname").String() + loc.Get("search").String() + "#" + code
	js.Global().Get("history").Call("replaceState", js.Null(), "", url)
}

// hashCode is location.hash without its '#'.
func hashCode() string {
	return strings.TrimPrefix(js.Global().Get("location").Get("hash").String(), "#")
}
