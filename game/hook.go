package game

// Hook is what window.convPlayground.state() reports in the browser (as
// JSON, see state.Hook). It is rebuilt after each drawn frame and never
// changed after, so it is safe to read from any goroutine or JS callback.
func (g *Game) Hook() map[string]any { m, _ := g.hook.Load().(map[string]any); return m }

// Controls maps each on-screen control's name to its rectangle {x, y, w, h}
// in layout (CSS) pixels, so browser tests can click the real UI.
func (g *Game) Controls() map[string]any { m, _ := g.controls.Load().(map[string]any); return m }

func (g *Game) publish() {
	h := g.st.Hook(g.frame)
	h["selected_filter"] = g.sel
	h["colormap"] = cmapNames[g.st.Colormap]
	h["shared_scale"] = g.st.SharedScale
	h["eraser"] = g.eraser
	h["hover"] = g.hover.text
	h["share"] = g.code  // the link code (#fragment), refreshed every 0.5 s
	h["scale"] = g.scale // CSS pixels per layout pixel
	h["device_scale"] = g.dsf
	g.hook.Store(h)
	m := map[string]any{}
	for _, c := range g.ctrls {
		m[c.name] = map[string]any{"x": c.r.X * g.scale, "y": c.r.Y * g.scale, "w": c.r.W * g.scale, "h": c.r.H * g.scale}
	}
	g.controls.Store(m)
}
