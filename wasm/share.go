//go:build js

package wasm

import (
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"syscall/js"

	"convplayground/game"
	"convplayground/i18n"
)

// Share keeps the page's URL and the game's state in step: a #fragment
// present at start (or pasted later) is loaded as a link code — a bad one
// shows its message in the header and the defaults stay — and every change
// of the state replaces the fragment (history.replaceState, throttled by
// the game, so no history entries pile up; flushed when the page is hidden
// or left). "Copy link" copies the URL.
func Share(g *game.Game) {
	switch code := hashCode(); {
	case code != "" && ownLink(code): // a reload: this tab's latest, which the link may lag
		g.LoadState(tabSession.get(code))
	case code != "": // a link wins over the kept session
		g.LoadState(code) // an error is shown as the game's notice
	default:
		code := localSession.get("")
		if code == "" { // a first visit
			g.ShowFirstHint()
		} else if g.LoadState(code) != nil {
			localSession.remove() // a session this version cannot read
		}
	}
	g.OnCode = keep
	g.OnStartFresh = func() {
		localSession.remove()
		tabSession.remove()
		loc := js.Global().Get("location")
		js.Global().Get("history").Call("replaceState", js.Null(), "", loc.Get("pathname").String()+loc.Get("search").String())
		loc.Call("reload")
	}
	// The game puts a change into the link at most twice a second: when the
	// page is hidden (another tab, a phone's home screen, where the page may
	// be discarded) or left (pagehide), the latest state goes in at once.
	// Between frames, where JavaScript events run, the model is at rest.
	flush := js.FuncOf(func(_ js.Value, args []js.Value) any {
		hidden := js.Global().Get("document").Get("visibilityState").String() == "hidden"
		if len(args) > 0 && (args[0].Get("type").String() == "pagehide" || hidden) {
			if code := g.Model().Share.Encode(); code != hashCode() {
				keep(code)
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
			return g.Lang.Language().T(i18n.LinkInURL)
		}
		href := js.Global().Get("location").Get("href").String()
		clip.Call("writeText", href).Call("catch", copyFailed)
		return g.Lang.Language().T(i18n.LinkCopied)
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

// keep puts the session's code in the link, in localStorage (the next
// visit without a link opens it: closing the tab loses nothing) and in the
// tab's sessionStorage (a reload opens the latest even when the link in
// the address lags behind it).
func keep(code string) {
	setHash(code)
	localSession.set(code)
	tabSession.set(code)
	own := strings.Fields(ownLinks.get(""))
	own = append(own[max(0, len(own)-15):], linkID(code))
	ownLinks.set(strings.Join(own, " "))
}

// ownLink says whether this tab wrote code into its link (a reload's
// address, not a link from elsewhere).
func ownLink(code string) bool {
	return tabSession.get("") != "" && slices.Contains(strings.Fields(ownLinks.get("")), linkID(code))
}

// linkID is a short hash of a link code (FNV-1a, 64 bits).
func linkID(code string) string {
	h := fnv.New64a()
	h.Write([]byte(code))
	return strconv.FormatUint(h.Sum64(), 36)
}

// stored is one key of the browser's localStorage or sessionStorage.
// Storage may be missing or refuse (a private window, a full quota): the
// session is then only in the link.
type stored struct{ area, key string }

var (
	localSession = stored{"localStorage", "convPlayground.session"}
	tabSession   = stored{"sessionStorage", "convPlayground.session"}
	ownLinks     = stored{"sessionStorage", "convPlayground.ownLinks"}
)

func (s stored) get(or string) string {
	if v := s.call("getItem"); v.Type() == js.TypeString {
		return v.String()
	}
	return or
}
func (s stored) set(v string) { s.call("setItem", v) }
func (s stored) remove()      { s.call("removeItem") }

// call calls the storage's method with the key and args; a JavaScript
// exception (storage refused) is undefined.
func (s stored) call(method string, args ...any) (v js.Value) {
	defer func() {
		if recover() != nil {
			v = js.Undefined()
		}
	}()
	st := js.Global().Get(s.area)
	if st.IsUndefined() || st.IsNull() {
		return js.Undefined()
	}
	return st.Call(method, append([]any{s.key}, args...)...)
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
