package game

import "convplayground/game/state"

// Hook is what window.convPlayground.state() reports in the browser (see
// state.Hook). It is rebuilt after each drawn frame and never changed
// after, so it is safe to read from any goroutine or JS callback.
func (g *Game) Hook() state.Hook { h, _ := g.hook.Load().(state.Hook); return h }

// Controls maps each on-screen control's name to its rectangle {x, y, w, h}
// in layout (CSS) pixels, so browser tests can click the real UI.
func (g *Game) Controls() map[string]any { m, _ := g.controls.Load().(map[string]any); return m }

func (g *Game) publish() {
	h := g.st.Hook(g.frame)
	h.SelectedFilter = g.sel
	h.Colormap = cmapNames[g.st.Colormap]
	h.SharedScale = g.st.SharedScale
	h.Eraser = g.eraser
	h.Hover = g.hover.text
	h.Share = g.code // refreshed every 0.5 s
	h.Scale = g.scale
	h.DeviceScale = g.dsf
	h.Tab = tabNames[g.tab]
	h.Focus = g.focus.name
	for _, p := range g.panels {
		if f, ok := p.(*filterEditor); ok {
			h.EditChannel = f.ch
		}
	}
	g.hook.Store(h)
	m := map[string]any{}
	for _, c := range g.ctrls {
		if !g.onScreen(c.r) { // another page of the portrait layout
			continue
		}
		m[c.name] = map[string]any{"x": c.r.X * g.scale, "y": c.r.Y * g.scale, "w": c.r.W * g.scale, "h": c.r.H * g.scale}
	}
	g.controls.Store(m)
}

// Frame is the number of frames drawn so far.
func (g *Game) Frame() uint64 { return g.frame }
