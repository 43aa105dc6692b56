//go:build js

package wasm

import (
	"reflect"
	"strings"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game"
	"convplayground/wasm/hook"
)

// Hook is what the page can ask the game for (game.Game implements it).
// Both are built when the page asks, never per frame.
type Hook interface {
	// Hook is the state: frame, settings, shapes, error, min/max.
	Hook() hook.Hook
	// Controls maps on-screen control names to CSS-pixel rectangles.
	Controls() map[string]any
}

// Install sets window.convPlayground = {state(), controls(), ready} and
// the drop functions of drop.go, which hand the files to d (a parameter,
// not found by a type assertion: when QueueDrop moved from game.Game to
// its Files, drops stopped silently). ready stays false until the first
// frame is drawn (see Ready).
func Install(h Hook, d Dropper) {
	obj := js.Global().Get("Object").New()
	// The funcs live as long as the page, so they are never Released.
	// The browser's JSON.stringify writes the JSON: no encoder in the wasm.
	stringify := func(v any) any { return js.Global().Get("JSON").Call("stringify", js.ValueOf(v)) }
	obj.Set("state", js.FuncOf(func(js.Value, []js.Value) any { return stringify(jsValue(reflect.ValueOf(h.Hook()))) }))
	obj.Set("controls", js.FuncOf(func(js.Value, []js.Value) any { return stringify(h.Controls()) }))
	obj.Set("ready", false)
	installDrops(obj, d)
	js.Global().Set("convPlayground", obj)
}

// Ready wraps the game so that its first drawn frame sets
// convPlayground.ready and fires the page's "convplayground-ready" event,
// and each frame keeps the page's screen-reader region current (live.go).
// It embeds the concrete *game.Game so that optional interfaces Ebiten looks
// for (LayoutF, DrawFinalScreen) stay visible.
func Ready(g *game.Game) ebiten.Game {
	r := &ready{Game: g}
	r.clock.install()
	return r
}

type ready struct {
	*game.Game
	done  bool
	live  live
	clock frameClock
}

func (r *ready) Update() error {
	r.clock.updating()
	return r.Game.Update()
}

func (r *ready) Draw(screen *ebiten.Image) {
	r.clock.drawing()
	r.Game.Draw(screen)
	r.live.update(r.Game.Model())
	r.clock.drawn(r.Game.Frame(), r.Game.Training().Taken)
	if !r.done {
		r.done = true
		js.Global().Get("convPlayground").Set("ready", true)
		dispatch("convplayground-ready", js.Null())
	}
}

// Fail reports an error that stops the playground to the page, which shows it
// in place of the canvas; the console gets it too.
func Fail(err error) {
	msg := err.Error()
	js.Global().Get("console").Call("error", "Conv Playground:", msg)
	dispatch("convplayground-error", js.ValueOf(msg))
}

func dispatch(name string, detail js.Value) {
	init := js.Global().Get("Object").New()
	init.Set("detail", detail)
	ev := js.Global().Get("CustomEvent").New(name, init)
	js.Global().Call("dispatchEvent", ev)
}

// jsValue turns v into what js.ValueOf takes: a struct becomes an object
// keyed by its fields' json tags (the names the tests decode; an embedded
// struct's fields join its parent's, as encoding/json puts them), a slice
// an array (empty, not null, when nil), an interface what it holds, a nil
// map null.
func jsValue(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Struct:
		m := map[string]any{}
		fields(v, m)
		return m
	case reflect.Slice:
		l := make([]any, v.Len())
		for i := range l {
			l[i] = jsValue(v.Index(i))
		}
		return l
	case reflect.Map, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		if v.Kind() == reflect.Map {
			return v.Interface() // map[string]any of JSON-ready values
		}
		return jsValue(v.Elem())
	}
	return v.Interface()
}

// fields puts struct v's tagged fields into m.
func fields(v reflect.Value, m map[string]any) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			fields(v.Field(i), m)
			continue
		}
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
			m[name] = jsValue(v.Field(i))
		}
	}
}
