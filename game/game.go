// Package game is the Ebiten view of the playground: a list of panels (see
// panel.go), each with its own layout, input handling and drawing, and Game,
// which routes the window, the frames and the input to them. All logic
// lives in game/state.
package game

import (
	"image"
	"math/rand/v2"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
	"convplayground/game/teach"
	"convplayground/game/training"
	"convplayground/i18n"
)

// Game implements ebiten.Game. It draws only when something changed: the
// screen is not cleared between frames, Draw returns at once when nothing
// is dirty, and a dirty frame redraws only the panels that changed
// (redraw.go).
type Game struct {
	view
	panels []panel
	ctrls  []control   // every panel's controls, in drawing order (the last on top)
	drawn  []panelDraw // per panel: its last drawing (redraw.go)

	ow, oh float64 // the window's outside size in device-independent pixels
	layoutMode

	// Input: read fills in once a tick (from Ebiten; tests replace it).
	read   func(in *Input)
	in     Input
	ptr    pointer            // the pointer as last routed
	drag   func(x, y float64) // the pressed control's drag, nil when none
	cursor ebiten.CursorShapeType

	// Drawing.
	dirty     bool
	drawnVer  uint64
	frame     uint64
	held      bool            // the frame's Update took training's weights in: Draw leaves the drawing to the next
	screenKey screenKey       // the layout the screen was last drawn for
	screenBox image.Rectangle // and its size

	shareHooks
	shareState
	netHooks
	exportHooks
	cameraHooks
	cam cameraState
	modelHooks
	langHooks
	langState
	wantLang   i18n.Lang
	hangulFull bool // the whole Korean font is in fonts (lang.go)

	Camera   Camera
	keyboard keyboard
	Files    Files
	Lang     Lang
}

// view is what the panels share: the model, the view's own choices, the
// pointer's target, the fonts and the scale.
type view struct {
	st       *state.State
	rng      *rand.Rand
	sel      int    // the selected filter
	tab      mapTab // the maps column's view (tabs.go)
	onSelect []func()
	eraser   bool
	focus    focus // the keyboard's focus (focus.go)
	hover    hoverInfo
	reach    teach.WeightReach // a deeper Conv2d's weight pointed at in its editor, when reachOn (deepview.go)
	reachOn  bool
	fonts    fonts
	lang     i18n.Lang // the UI's language (lang.go)
	atlas    *atlas
	vw, vh   float64 // the virtual (layout) size
	scale    float64 // CSS pixels per virtual pixel
	dsf      float64 // device scale factor

	train *training.Session // the network learning (train.go)

	exportEnd float64 // where the export bar's top row ends on the shapes panel (export.go), 0 on a phone's rows
}

// k is physical pixels per virtual pixel.
func (v *view) k() float64 { return v.scale * v.dsf }

// selectFilter makes filter i the one the editor shows and the maps mark.
func (v *view) selectFilter(i int) {
	if v.st.SelectFilter(i) {
		for _, f := range v.onSelect {
			f()
		}
	}
}

// New builds the playground.
func New() (*Game, error) {
	g := &Game{dirty: true, langState: langState{loaded: make(chan koreanPack, 1)}}
	g.view = view{st: state.New(), train: training.New(), rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1)), dsf: 1, hover: hoverInfo{ch: -1}, lang: i18n.EN}
	g.Camera.g, g.keyboard.g, g.Files.g, g.Lang.g = g, g, g, g
	g.read = func(in *Input) { readEbiten(in, g.k()) }
	g.panels = newPanels(g)
	g.drawn = make([]panelDraw, len(g.panels))
	if len(g.st.Input.Digits) > 0 { // start with a real digit, not a blank page
		g.st.Input.PickDigit(0)
		g.st.History.ForgetUndo()
	}
	g.st.Recompute()
	g.code, g.codeKey = g.st.Share.Encode(), g.st.Share.LinkVersion()
	g.setSize(1280, 720, 1)
	ebiten.SetScreenClearedEveryFrame(false)
	return g, nil
}

// Update routes the input, then recomputes if anything changed.
func (g *Game) Update() error {
	g.shareTick()
	g.Lang.langTick()
	g.netTick()
	if g.StartCamera != nil {
		g.Camera.cameraTick()
	}
	g.read(&g.in)
	g.feed(&g.in)
	g.Files.drainDrops()
	g.trainTick()
	if g.st.Player.Tick(1 / float64(ebiten.TPS())) { // playback moved
		g.dirty = true
	}
	if g.st.Recompute() || g.st.Version != g.drawnVer {
		g.dirty = true
	}
	if g.dirty {
		g.relayout()
		g.updateHover() // the maps under the pointer may have changed
	}
	return nil
}

// Draw repaints the panels that changed, only when something did.
func (g *Game) Draw(screen *ebiten.Image) {
	// A frame that took training's weights in has done its work in Update
	// (the maps and the guess recomputed): the drawing is the next frame's.
	held := g.held
	g.held = false
	if !g.dirty || held {
		return
	}
	g.dirty = false
	g.drawnVer = g.st.Version
	g.frame++
	g.refreshAtlas()
	g.redraw(screen)
	g.keyboard.drawFocus(painter{dst: screen, k: g.k(), fonts: &g.fonts}) // over the panels (redraw.go redraws all when it moves)
}

// Layout is required by ebiten.Game; LayoutF below is what Ebiten uses.
func (g *Game) Layout(w, h int) (int, int) {
	fw, fh := g.LayoutF(float64(w), float64(h))
	return int(fw), int(fh)
}

// LayoutF renders at the device's full resolution (crisp on high-DPI
// screens): the screen is the outside size times the device scale factor.
func (g *Game) LayoutF(w, h float64) (float64, float64) {
	dsf := ebiten.Monitor().DeviceScaleFactor()
	if dsf <= 0 {
		dsf = 1
	}
	if w != g.ow || h != g.oh || dsf != g.dsf {
		g.setSize(w, h, dsf)
	}
	return w * dsf, h * dsf
}

func (g *Game) setSize(w, h, dsf float64) {
	g.ow, g.oh, g.dsf = max(w, 1), max(h, 1), dsf
	g.portrait, g.sideways, g.scale = isPortrait(g.ow, g.oh), isSideways(g.ow, g.oh), scaleFor(g.ow, g.oh)
	g.vw, g.vh = g.ow/g.scale, g.oh/g.scale
	g.fonts.reset()
	g.dirty = true
	g.relayout()
}

// relayout places every panel for the current window and state.
func (g *Game) relayout() {
	a := g.arrangeFor()
	g.ctrls = g.ctrls[:0]
	for i, p := range g.panels {
		g.drawn[i].ctrl0 = len(g.ctrls)
		g.ctrls = append(g.ctrls, p.layout(&a)...)
		g.drawn[i].ctrl = len(g.ctrls)
	}
}

// updateHover finds what the pointer is over: a panel's text (a map cell,
// a canvas pixel), the control under it, and the cursor for that control.
func (g *Game) updateHover() {
	h := hoverInfo{ch: -1}
	x, y := g.ptr.x, g.ptr.y
	for _, p := range g.panels {
		if hv, ok := p.(hoverer); ok {
			hv.hoverAt(x, y, &h)
		}
	}
	shape := ebiten.CursorShapeDefault
	for i := len(g.ctrls) - 1; i >= 0; i-- {
		if c := &g.ctrls[i]; c.r.has(x, y) && c.press != nil {
			h.ctrl, shape = c.name, cursorFor(c.kind)
			break
		}
	}
	if h != g.hover {
		g.hover = h
		g.dirty = true
	}
	if shape != g.cursor {
		ebiten.SetCursorShape(shape)
		g.cursor = shape
	}
}

// cursorFor shows a crosshair over the canvas, an up-down arrow over a
// weight, a hand over the rest.
func cursorFor(k kind) ebiten.CursorShapeType {
	switch k {
	case kCanvas:
		return ebiten.CursorShapeCrosshair
	case kCell:
		return ebiten.CursorShapeNSResize
	}
	return ebiten.CursorShapePointer
}

// The Game's work beyond the frame loop, by what it serves: each group is
// a view of the one Game (it holds the back-pointer).

// Camera runs the webcam as the input (camera.go).
type Camera struct{ g *Game }

// keyboard routes keys: the focus ring, shortcuts and the arrow keys
// (focus.go, keys.go, input.go's key routing).
type keyboard struct{ g *Game }

// Files takes what the learner drops or opens: images, .npy files and
// model files (drop.go, modelopen.go).
type Files struct{ g *Game }

// Lang is the page's language: English or Korean, the language pack's
// arrival and the Korean font (lang.go).
type Lang struct{ g *Game }
