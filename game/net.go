package game

import (
	"sync/atomic"

	"convplayground/game/state"
)

// netHooks connect the network's text to the platform: the browser shows
// it in an editable text box over the canvas (Apply, Cancel), the desktop
// prints it.
type netHooks struct {
	// OnEditNet shows the network's text for editing; it runs on a press
	// of the strip's "text" button.
	OnEditNet func(text string)
	// netReq is a text to apply on the next update (from another
	// goroutine), with what to tell the editor.
	netReq atomic.Pointer[netRequest]
}

// netRequest is a network text to apply and the callback that gets the
// outcome (nil: applied).
type netRequest struct {
	text string
	done func(err error)
}

// editNet opens the text of the network.
func (g *Game) editNet() {
	if g.OnEditNet != nil {
		g.OnEditNet(g.st.Layers.NetText())
	}
}

// ApplyNet installs a network written as nn.Sequential(...) text, one undo
// step; a text the playground cannot take changes nothing and is the error
// (with its line and column when it is a mistake in the text).
func (g *Game) ApplyNet(text string) error {
	if err := g.st.Layers.ApplyNet(text); err != nil {
		return err
	}
	g.st.Recompute()
	g.dirty = true
	return nil
}

// RequestNet asks for a network text to be applied on the next update and
// done called with the outcome there; safe from any goroutine.
func (g *Game) RequestNet(text string, done func(err error)) {
	g.netReq.Store(&netRequest{text, done})
}

// netTick applies a requested network text, once per update.
func (g *Game) netTick() {
	if r := g.netReq.Swap(nil); r != nil {
		err := g.ApplyNet(r.text)
		if r.done != nil {
			r.done(err)
		}
	}
}

// saveNetNPZ hands the platform the .npz that a network's copied code
// reads its larger parameters from (none for small networks).
func (g *Game) saveNetNPZ() {
	if z, err := g.st.Export.NetNPZ(); err == nil && z != nil && g.OnSave != nil {
		g.OnSave(state.NetNPZName, z)
	}
}
