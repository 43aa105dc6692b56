package game

import (
	"sync/atomic"

	"convplayground/i18n"
)

// Sharing: the state as a link code (state.Encode). The platform glue sets
// the hooks: the browser keeps the code in the URL's #fragment and copies
// the link; the desktop prints it.
const (
	codeEvery = 30  // ticks between checks for a changed code (0.5 s): no history spam
	noteTicks = 120 // how long the share button shows what it did
)

// Platform hooks, set before the game runs; nil hides the feature.
type shareHooks struct {
	// OnShare shares the code (copy a link, print it) and returns what the
	// button then says for a while ("Link copied", "Printed"); it runs on a
	// press of "Copy link".
	OnShare func(code string) string
	// OnCode gets the code when it changed, at most every codeEvery ticks.
	OnCode func(code string)
}

type shareState struct {
	ticks       uint64
	sharedUntil uint64 // tick until which the share button shows shareNote
	shareNote   string
	noteDue     uint64                 // tick when an export button's note ends (export.go)
	requested   atomic.Pointer[string] // a code to load on the next update (from another goroutine)
	code        string                 // the last code computed
	codeKey     uint64                 // the state's LinkVersion it was computed from
}

// LoadState loads a link code at start (the history starts with it); a
// bad one leaves the state as it was and says why in the header's notice.
func (g *Game) LoadState(code string) error {
	if err := g.openLink(code); err != nil {
		return err
	}
	g.st.History.ForgetUndo()
	return nil
}

// openLink loads a link code over the session, as one undo step (a link
// opened in a tab already in use: Undo gives the work back).
func (g *Game) openLink(code string) error {
	if err := g.st.Share.Decode(code); err != nil {
		g.st.Say(i18n.Text(g.lang, err))
		return err
	}
	g.trainFromLink()
	g.st.Recompute()
	g.code, g.codeKey = g.st.Share.Encode(), g.st.Share.LinkVersion()
	g.dirty = true
	return nil
}

// RequestState asks for a link code to be loaded on the next update; it is
// safe to call from any goroutine (e.g. a browser event).
func (g *Game) RequestState(code string) { g.requested.Store(&code) }

// shareTick runs once per Update: it re-encodes the state when it changed
// (throttled) and reverts the share button's label after a while.
func (g *Game) shareTick() {
	g.ticks++
	if c := g.requested.Swap(nil); c != nil && *c != g.code {
		g.openLink(*c)
	}
	if g.ticks == g.sharedUntil || g.ticks == g.noteDue {
		g.dirty = true
	}
	if g.ticks%codeEvery != 0 {
		return
	}
	if g.st.Share.LinkVersion() == g.codeKey {
		return
	}
	g.codeKey = g.st.Share.LinkVersion()
	if c := g.st.Share.Encode(); c != g.code {
		g.code = c
		if g.OnCode != nil {
			g.OnCode(c)
		}
	}
}

// share is the "Copy link" button.
func (g *Game) share() {
	g.code, g.codeKey = g.st.Share.Encode(), g.st.Share.LinkVersion()
	if g.OnCode != nil {
		g.OnCode(g.code)
	}
	g.shareNote = g.OnShare(g.code)
	g.sharedUntil = g.ticks + noteTicks
}
