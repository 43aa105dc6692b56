//go:build js

package wasm

import (
	"strings"
	"syscall/js"

	"convplayground/game"
	"convplayground/game/state"
)

// live keeps the page's off-screen aria-live region (index.html's #live)
// saying what the canvas shows, for screen readers: the layer, the shapes
// and the output-size formula in words, and any error or notice. It is
// rewritten only when one of them changed, so a reader hears each change
// once.
type live struct {
	version uint64
	notice  string
	text    string
}

// update runs after each frame on the game's goroutine, which owns the state.
func (l *live) update(s *state.State) {
	if s.Version == l.version && s.Notice == l.notice && l.text != "" {
		return
	}
	l.version, l.notice = s.Version, s.Notice
	parts := []string{"Layer " + s.Export.Code() + "."}
	for _, line := range game.ShapeText(s) {
		parts = append(parts, strings.Join(strings.Fields(line), " ")+".")
	}
	if s.Err != nil {
		parts = append(parts, "Error: "+s.Err.Error()+".")
	}
	if s.Notice != "" {
		parts = append(parts, "Note: "+s.Notice+".")
	}
	text := strings.Join(strings.Fields(spoken.Replace(strings.Join(parts, " "))), " ")
	if text == l.text {
		return
	}
	l.text = text
	if el := js.Global().Get("document").Call("getElementById", "live"); el.Truthy() {
		el.Set("textContent", text)
	}
}

// spoken spells the formula's signs as words a screen reader says.
var spoken = strings.NewReplacer("·", " times ", "−", " minus ", "H_out", "H out", "W_out", "W out")
