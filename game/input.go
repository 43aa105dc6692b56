package game

import (
	"io"
	"io/fs"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"convplayground/i18n"
)

// Input is one tick's input: what Game routes to the panels. In production
// readEbiten fills it; tests build it directly (see Game.feed).
type Input struct {
	Mouse   pointer   // the mouse, in virtual pixels
	Touches []pointer // the fingers down, in virtual pixels; the first one is the pointer
	Chars   []rune    // characters typed this tick
	Keys    []keyCode // keys pressed this tick
	Ctrl    bool      // a Control key is held
	Shift   bool      // a Shift key is held (Shift+Tab)
	Dropped fs.FS     // files dropped on the window this tick, or nil

	ids []ebiten.TouchID // readEbiten's buffer
}

// keyCode is a key on the keyboard (Ebiten's).
type keyCode = ebiten.Key

// pointer is where a pointer is (virtual pixels) and whether it is down.
type pointer struct {
	x, y float64
	down bool
}

// pointer is the first touch if there is one, else the mouse: touch and
// mouse both become one pointer (a press, a drag, a release).
func (in *Input) pointer() pointer {
	if len(in.Touches) > 0 {
		return in.Touches[0]
	}
	return in.Mouse
}

// readEbiten fills in from Ebiten's input state, reusing its slices (an
// idle tick allocates nothing); k is physical pixels per virtual pixel.
func readEbiten(in *Input, k float64) {
	x, y := ebiten.CursorPosition()
	in.Mouse = pointer{float64(x) / k, float64(y) / k, ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)}
	in.Touches = in.Touches[:0]
	in.ids = ebiten.AppendTouchIDs(in.ids[:0])
	for _, id := range in.ids {
		x, y := ebiten.TouchPosition(id)
		in.Touches = append(in.Touches, pointer{float64(x) / k, float64(y) / k, true})
	}
	in.Chars = ebiten.AppendInputChars(in.Chars[:0])
	in.Keys = inpututil.AppendJustPressedKeys(in.Keys[:0])
	for _, k := range repeatKeys { // a held arrow repeats (focus.go)
		if repeatsNow(inpututil.KeyPressDuration(k)) {
			in.Keys = append(in.Keys, k)
		}
	}
	in.Ctrl = ebiten.IsKeyPressed(ebiten.KeyControl)
	in.Shift = ebiten.IsKeyPressed(ebiten.KeyShift)
	in.Dropped = ebiten.DroppedFiles()
}

// feed routes one tick's input: the pointer when it changed (an idle mouse
// costs nothing), then characters, keys and dropped files.
func (g *Game) feed(in *Input) {
	if p := in.pointer(); p != g.ptr {
		g.movePointer(p)
	}
	for _, r := range in.Chars {
		g.keyboard.char(r)
	}
	for _, k := range in.Keys {
		g.keyboard.key(k, in.Ctrl, in.Shift)
	}
	if in.Dropped != nil {
		g.Files.loadDropped(in.Dropped)
	}
}

// movePointer presses, drags or releases the control under the pointer.
func (g *Game) movePointer(p pointer) {
	moved := p.x != g.ptr.x || p.y != g.ptr.y
	was := g.ptr.down
	g.ptr = p
	switch {
	case p.down && !was:
		g.press(p.x, p.y)
	case p.down && was && g.drag != nil:
		g.drag(p.x, p.y)
		g.dirty = true // a drag may move what no version counts (the playback slider)
	case !p.down && was:
		g.drag = nil
		g.st.History.Gesture(false)
	}
	if moved || g.dirty || p.down != was { // a press or release changes what hovering shows
		g.updateHover()
	}
}

// press runs the topmost control under the pointer that does something.
// Every control it lands on is shown to the panels that watch presses.
func (g *Game) press(x, y float64) {
	g.focus.name, g.focus.inking = "", false // the pointer's user needs no ring
	for i := len(g.ctrls) - 1; i >= 0; i-- {
		c := &g.ctrls[i]
		if !c.r.has(x, y) {
			continue
		}
		for _, p := range g.panels {
			if o, ok := p.(pressObserver); ok {
				o.pressed(c)
			}
		}
		if c.press == nil {
			continue
		}
		g.st.History.Gesture(true) // edits while the pointer is down are one undo step
		c.press(x, y)
		g.drag = c.drag
		g.dirty = true
		return
	}
}

// char gives a typed character to the panels, then to the shortcuts.
func (kb *keyboard) char(r rune) {
	g := kb.g
	g.dirty = true
	if r == ' ' && g.keyboard.focused() != nil { // Space presses the focused control (focus.go)
		return
	}
	for _, p := range g.panels {
		if h, ok := p.(keyHandler); ok && h.char(r) {
			return
		}
	}
	if sc, d, ok := shortcutFor(r); ok {
		sc.do(&g.view, d)
	}
}

// key gives a pressed key to the focus keys (focus.go), the panels, then
// the Ctrl shortcuts.
func (kb *keyboard) key(k keyCode, ctrl, shift bool) {
	g := kb.g
	if g.keyboard.navKey(k) || g.keyboard.keyToPanels(k) {
		g.dirty = true
		return
	}
	if sc, d, ok := ctrlShortcut(k, shift); ok && ctrl {
		sc.do(&g.view, d)
		g.dirty = true
	}
}

// keyToPanels gives a pressed key to the panels, and says whether one used it.
func (kb *keyboard) keyToPanels(k keyCode) bool {
	g := kb.g
	for _, p := range g.panels {
		if h, ok := p.(keyHandler); ok && h.key(k) {
			return true
		}
	}
	return false
}

// loadDropped uses the dropped file as the input (see loadFile). Several
// files or a folder are not read, with a message; a file that is not usable
// leaves everything as it was, with a message.
func (fl *Files) loadDropped(files fs.FS) {
	g := fl.g
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		g.st.Say(g.tf(i18n.DropError, err))
		return
	}
	folders := 0
	for _, e := range entries {
		if e.IsDir() {
			folders++
		}
	}
	if why := DropMessage(len(entries)-folders, folders); why != nil {
		g.st.Say(i18n.Text(g.lang, why))
		return
	}
	for _, e := range entries {
		limit := DropLimit(e.Name())
		if info, err := e.Info(); err == nil && info.Size() > limit {
			g.st.Say(i18n.Text(g.lang, TooLarge(e.Name(), info.Size()))) // not read at all
			return
		}
		f, err := files.Open(e.Name())
		if err != nil {
			g.st.Say(err.Error())
			return
		}
		data, err := io.ReadAll(io.LimitReader(f, limit+1))
		f.Close()
		if err != nil {
			g.st.Say(e.Name() + ": " + err.Error())
			return
		}
		g.Files.loadFile(e.Name(), data)
	}
}
