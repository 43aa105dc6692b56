// Package game is the Ebiten view of the playground: layout, widgets, input
// routing and drawing. All logic lives in game/state.
package game

import (
	"io"
	"io/fs"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
)

// Game implements ebiten.Game. It draws only when something changed: the
// screen is not cleared between frames, and Draw returns at once when
// nothing is dirty.
type Game struct {
	st  *state.State
	rng *rand.Rand

	// Window: outside size in device-independent pixels, device scale
	// factor, and the virtual (layout) size.
	ow, oh, dsf float64
	vw, vh      float64
	scale       float64 // CSS pixels per virtual pixel
	lay         *layout
	fonts       fonts

	// View state.
	eraser bool
	sel    int    // selected filter
	cell   [2]int // the selected weight (ky, kx), or biasCell
	cellOn bool   // a weight or the bias is selected for editing
	menu   bool   // the preset list is open
	typing string // a weight value being typed

	// Input.
	real         pointerState // the last real pointer
	synthetic    bool         // tests feed input through pointerAt and typeChars
	down         bool
	px, py       float64 // pointer in virtual pixels
	active       string  // control being dragged
	lastX, lastY float64 // last stroke point, canvas pixels
	dragY0       float64 // where a weight drag started
	dragV0       float32 // the weight's value then
	dragged      bool
	hover        hoverInfo
	cursor       ebiten.CursorShapeType
	chars        []rune
	touches      []ebiten.TouchID

	// Drawing.
	dirty    bool
	drawnVer uint64
	frame    uint64
	atlas    *atlas
	hook     atomic.Value // map[string]any
	controls atomic.Value // map[string]any

	shareHooks
	shareState
}

// New builds the playground.
func New() (*Game, error) {
	g := &Game{st: state.New(), rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1)), dirty: true, dsf: 1, hover: hoverInfo{ch: -1}}
	if len(g.st.Digits) > 0 { // start with a real digit, not a blank page
		g.st.PickDigit(0)
		g.st.ForgetUndo()
	}
	g.st.Recompute()
	g.code, g.codeKey = g.st.Encode(), g.shareKey()
	g.setSize(1280, 720, 1)
	g.publish()
	ebiten.SetScreenClearedEveryFrame(false)
	return g, nil
}

// State exposes the model (for tests and the browser glue).
func (g *Game) State() *state.State { return g.st }

// Update handles input, then recomputes if anything changed.
func (g *Game) Update() error {
	g.shareTick()
	g.handlePointer()
	g.handleKeys()
	if files := ebiten.DroppedFiles(); files != nil && !g.synthetic {
		g.loadDropped(files)
	}
	g.drainDrops()
	if g.st.Recompute() || g.st.Version != g.drawnVer {
		g.dirty = true
	}
	if g.dirty {
		g.relayout()
		g.updateHover() // the maps under the pointer may have changed
	}
	return nil
}

// Draw repaints the whole screen, but only when something changed.
func (g *Game) Draw(screen *ebiten.Image) {
	if !g.dirty {
		return
	}
	g.dirty = false
	g.drawnVer = g.st.Version
	g.frame++
	g.draw(screen)
	g.publish()
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
	g.scale = min(g.ow/minVW, g.oh/minVH)
	g.vw, g.vh = g.ow/g.scale, g.oh/g.scale
	g.fonts.reset()
	g.dirty = true
	g.relayout()
	g.publish()
}

// k is physical pixels per virtual pixel.
func (g *Game) k() float64 { return g.scale * g.dsf }

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
	if g.lay != nil {
		for _, c := range g.lay.ctrls {
			m[c.name] = map[string]any{"x": c.r.X * g.scale, "y": c.r.Y * g.scale, "w": c.r.W * g.scale, "h": c.r.H * g.scale}
		}
	}
	g.controls.Store(m)
}

// viewKey is a version with the maps' display choices, which change
// without bumping the state's versions: what the atlas's maps (with the
// output version) and the link code (with the state version) depend on.
func (g *Game) viewKey(version uint64) [3]uint64 {
	shared := uint64(0)
	if g.st.SharedScale {
		shared = 1
	}
	return [3]uint64{version, uint64(g.st.Colormap), shared}
}

func (g *Game) mapCount() int {
	if g.st.Out == nil {
		return 0
	}
	return g.st.Out.Shape[1]
}

func (g *Game) selectFilter(i int) {
	if i >= 0 && i < g.st.OutChannels && i != g.sel {
		g.sel, g.cellOn, g.typing, g.menu = i, false, "", false
	}
}

// loadDropped uses the dropped file as the input (see loadFile). Several
// files or a folder are not read, with a message.
func (g *Game) loadDropped(files fs.FS) {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		g.st.Notice = "dropped files: " + err.Error()
		return
	}
	folders := 0
	for _, e := range entries {
		if e.IsDir() {
			folders++
		}
	}
	if msg := DropMessage(len(entries)-folders, folders); msg != "" {
		g.st.Notice, g.dirty = msg, true
		return
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		f, err := files.Open(e.Name())
		if err != nil {
			g.st.Notice = err.Error()
			return
		}
		data, err := io.ReadAll(io.LimitReader(f, state.MaxImageBytes+1))
		f.Close()
		if err != nil {
			g.st.Notice = e.Name() + ": " + err.Error()
			return
		}
		g.loadFile(e.Name(), data)
	}
}
