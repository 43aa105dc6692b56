package game

import "testing"

// A phone in portrait has the title and an Examples menu with the two
// examples (issue 20, item 8); Copy link and Camera go into the menu when
// there is no room beside the title; every control is a finger (32 CSS
// px) and no text is cut.
func TestPhoneExamplesMenu(t *testing.T) {
	g := newAt(t, 390, 844, 2)
	g.OnShare = func(string) string { return "Link copied" }
	g.StartCamera = func(int, int) {}
	g.relayout()
	img := screen(g)
	frame(t, g, img)
	p := painter{k: g.k(), fonts: &g.fonts}
	titleEnd := margin + p.width("Conv Playground", bold, sizeTitle)
	for _, c := range g.ctrls { // the title's line (the language switch is on the notice's, under it)
		if c.r.Y < 13+sizeTitle*1.2 && c.r.X-8 < titleEnd {
			t.Errorf("%s at %+v covers the title's place", c.name, c.r)
		}
	}
	click(t, g, "examples_menu")
	shot := frame(t, g, img)
	saveShot(t, "phone-menu.png", shot)
	for _, name := range []string{"example0", "example1", "share", "camera"} {
		r := ctrlRect(t, g, name)
		if r.W*g.scale < 32 || r.H*g.scale < 32 {
			t.Errorf("%s is %.0fx%.0f CSS px, under a finger", name, r.W*g.scale, r.H*g.scale)
		}
	}
	if cl := g.Hook().View.Clipped; len(cl) > 0 {
		t.Errorf("cut %q", cl)
	}
	click(t, g, "example1")
	g.st.Recompute()
	g.relayout()
	if g.st.Input.N() != 16 {
		t.Errorf("example1 from the menu: batch %d", g.st.Input.N())
	}
	if ctrlRectOf(g, "example0").W > 0 {
		t.Error("the menu stays open after a choice")
	}
}
