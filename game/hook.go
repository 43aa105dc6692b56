package game

import pagehook "convplayground/wasm/hook"

// Hook is what window.convPlayground.state() reports in the browser
// (package wasm/hook), built when asked from the session and the view as
// they are: the browser glue asks on the page's event loop, between two
// frames (the game's goroutine is parked there), and the desktop never
// asks.
func (g *Game) Hook() pagehook.Hook {
	v := pagehook.View{
		SelectedFilter: g.st.Filter, Colormap: cmapNames[g.st.Colormap], SharedScale: g.st.SharedScale,
		Eraser: g.eraser, Hover: g.hover.text, Share: g.code, Scale: g.scale, DeviceScale: g.dsf,
		Tab: tabNames[g.tab], Focus: g.focus.name, Training: g.train.Report(), Clipped: []string{},
		Lang: string(g.lang),
	}
	if c := panelIn[*lessonCard](g); c != nil {
		v.Lesson = c.hook()
	}
	for _, d := range g.drawn { // every panel's last drawing is on the screen
		v.Clipped = append(v.Clipped, d.cut...)
	}
	if f := panelIn[*filterEditor](g); f != nil {
		v.EditChannel = f.st.Channel
	}
	return pagehook.Build(g.st, g.frame, v)
}

// Controls maps each on-screen control's name to its rectangle {x, y, w, h}
// in layout (CSS) pixels, so browser tests can click the real UI; built
// when asked, as Hook is.
func (g *Game) Controls() map[string]any {
	m := map[string]any{}
	for _, c := range g.ctrls {
		if !g.onScreen(c.r) { // another page of the portrait layout
			continue
		}
		m[c.name] = map[string]any{"x": c.r.X * g.scale, "y": c.r.Y * g.scale, "w": c.r.W * g.scale, "h": c.r.H * g.scale}
	}
	return m
}

// Frame is the number of frames drawn so far.
func (g *Game) Frame() uint64 { return g.frame }
