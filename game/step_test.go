package game

import (
	"convplayground/game/teach"
	"fmt"
	"image/color"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
)

// ticks runs n Updates (one playback tick each, 1/TPS seconds).
func ticks(g *Game, n int) {
	for range n {
		g.Update()
	}
}

// The playback strip and keys: ▶ plays at 8 cells a second, space pauses,
// . and , step, the slider scrubs, the end button completes the map.
func TestPlaybackControls(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	frame(t, g, screen(g))
	click(t, g, "play")
	if !g.st.Player.Playing() {
		t.Fatal("▶ did not start playback")
	}
	ticks(g, ebiten.TPS()) // one second
	var f state.StepFrame
	g.st.Player.StepFrame(&f)
	if f.Index < 7 || f.Index > 9 {
		t.Errorf("after one second at 8/s the window is at cell %d, want 8", f.Index)
	}
	typeChars(g, " ")
	i := f.Index
	ticks(g, 30)
	g.st.Player.StepFrame(&f)
	if g.st.Player.Playing() || f.Index != i {
		t.Errorf("space: playing %v, index %d → %d; want paused where it was", g.st.Player.Playing(), i, f.Index)
	}
	typeChars(g, "..,")
	g.st.Player.StepFrame(&f)
	if f.Index != i+1 {
		t.Errorf(". . , moved from %d to %d, want %d", i, f.Index, i+1)
	}
	r := ctrlRect(t, g, "scrub")
	s := panelOf[*stepper](g)
	x := s.slider.X + s.slider.W/2
	pointerAt(g, x, r.Y+r.H/2, true)
	pointerAt(g, x, r.Y+r.H/2, false)
	g.st.Player.StepFrame(&f)
	if want := (f.Total - 1 + 1) / 2; f.Index < want-1 || f.Index > want+1 {
		t.Errorf("scrubbing to the slider's middle: cell %d of %d", f.Index, f.Total)
	}
	click(t, g, "speed30")
	click(t, g, "step_end")
	g.st.Player.StepFrame(&f)
	if f.Speed != 30 || f.Index != f.Total-1 || f.Done != f.Total {
		t.Errorf("30/s then end: speed %d, cell %d, done %d of %d", f.Speed, f.Index, f.Done, f.Total)
	}
	frame(t, g, screen(g))
	if h := g.Hook(); h.Step["index"] != f.Total-1 || h.Step["playing"] != false {
		t.Errorf("hook step %v", h.Step)
	}
}

// Drawing pauses playback, which stays where it was.
func TestDrawingPausesPlayback(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	frame(t, g, screen(g))
	g.st.Player.Play()
	ticks(g, 20)
	var before, after state.StepFrame
	g.st.Player.StepFrame(&before)
	c := inputOf(g).canvas
	pointerAt(g, c.X+c.W*0.5, c.Y+c.H*0.5, true)
	pointerAt(g, c.X+c.W*0.6, c.Y+c.H*0.5, false)
	ticks(g, 20)
	g.st.Player.StepFrame(&after)
	if g.st.Player.Playing() || after.Index != before.Index {
		t.Errorf("after a stroke: playing %v, cell %d → %d", g.st.Player.Playing(), before.Index, after.Index)
	}
}

// While stepping, the stepped map is faded past the current cell: early
// on most of it, at the end none of it; the input shows the window.
func TestSteppingFillsTheMap(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	img := screen(g)
	frame(t, g, img)
	faded := func(c color.RGBA) bool { return near(c, colBg) }
	tile := region(g, mapsOf(g).tiles[0])
	whole := countColor(frame(t, g, img), tile, faded)
	g.st.Player.Scrub(28 * 3)
	g.dirty = true
	early := frame(t, g, img)
	g.st.Player.JumpToEnd()
	g.dirty = true
	end := frame(t, g, img)
	n0, n1 := countColor(early, tile, faded), countColor(end, tile, faded)
	if n0 < tile.Dx()*tile.Dy()/2 || n1 > whole+tile.Dx() {
		t.Errorf("faded pixels of map 0: %d at cell 84, %d at the end (%d not stepping), of %d", n0, n1, whole, tile.Dx()*tile.Dy())
	}
	// The window at the end (27, 27) covers input rows and cols 25..29.
	o := panelOf[*stepOverlay](g)
	win := region(g, o.in.pixel(26, 26))
	if n := countColor(end, win, func(c color.RGBA) bool { return c.B > c.R+40 }); n < win.Dx()*win.Dy()/3 {
		t.Errorf("the window's tap at (26, 26) is not blue: %d of %d pixels", n, win.Dx()*win.Dy())
	}
}

// The rows and columns no window reads are hatched and labelled, also
// when not stepping.
func TestNeverReadMarked(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Step(state.SetStride, 2)   // stride 3
	g.st.Step(state.SetPadding, -2) // padding 0: (28−5)/3+1 = 8 windows reach row 25
	img := screen(g)
	shot := frame(t, g, img)
	o := panelOf[*stepOverlay](g)
	if want := "never read: rows 26..27, cols 26..27 (floor)"; o.never != want {
		t.Errorf("label %q, want %q", o.never, want)
	}
	red := func(c color.RGBA) bool { return c.R > c.G+40 && c.R > c.B+40 }
	row := region(g, o.in.pixel(27, 5))
	if n := countColor(shot, row, red); n < row.Dx()*row.Dy()/8 {
		t.Errorf("never-read row 27 is not hatched: %d red pixels of %d", n, row.Dx()*row.Dy())
	}
	if h := g.Hook(); fmt.Sprint(h.NeverRead["rows"]) != "[26 27]" {
		t.Errorf("hook never_read %v", h.NeverRead)
	}
}

// Pointing at a weight lights the input pixels it multiplies; pointing at
// a pixel fades the output cells that do not read it. Both counts equal a
// brute-force enumeration of the windows.
func TestWeightSharingHover(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Step(state.SetStride, 1)   // stride 2
	g.st.Step(state.SetDilation, 1) // dilation 2
	img := screen(g)
	frame(t, g, img)
	s := g.st
	ed := editorOf(g)
	pointerAt(g, ed.grid.X+ed.gridCell*0.5, ed.grid.Y+ed.gridCell*1.5, false) // weight (1, 0)
	lit, outs := map[[2]int]bool{}, 0
	for oy := range s.Out.Shape[2] {
		for ox := range s.Out.Shape[3] {
			outs++
			if y, x := oy*2+1*2-2, ox*2+0*2-2; y >= 0 && x >= 0 && y < 28 && x < 28 {
				lit[[2]int{y, x}] = true
			}
		}
	}
	if want := fmt.Sprintf("multiplies %d of 784 input pixels (dotted), in all %d outputs", len(lit), outs); !strings.Contains(g.hover.text, want) {
		t.Errorf("weight hover %q, want %q", g.hover.text, want)
	}
	shot := frame(t, g, img)
	o := panelOf[*stepOverlay](g)
	yellow := func(c color.RGBA) bool { return c.R > 100 && c.G > 80 && c.B < c.G/2 }
	on, off := region(g, o.in.pixel(0, 0)), region(g, o.in.pixel(1, 1))
	if countColor(shot, on, yellow) == 0 || countColor(shot, off, yellow) > 0 {
		t.Errorf("pixel (0, 0) should be dotted and (1, 1) not (stride 2, dilation 2, weight (1, 0))")
	}
	// A pixel: the cells whose window (5×5, dilation 2, stride 2) holds it.
	c := inputOf(g).canvas
	py, px := 10, 7
	pointerAt(g, c.X+(float64(px)+0.5)*inputOf(g).cs, c.Y+(float64(py)+0.5)*inputOf(g).cs, false)
	n := 0
	for oy := range s.Out.Shape[2] {
		for ox := range s.Out.Shape[3] {
			hit := false
			for k := range 25 {
				hit = hit || oy*2+k/5*2-2 == py && ox*2+k%5*2-2 == px
			}
			if hit {
				n++
			}
		}
	}
	if want := fmt.Sprintf("read by %d output cells (%d in each of 8 maps)", 8*n, n); !strings.Contains(g.hover.text, want) {
		t.Errorf("pixel hover %q, want %q", g.hover.text, want)
	}
}

// The explain tab: a pinned cell's value is the core's, the kernel editor
// follows its map, and pointing at a product marks its weight.
func TestExplainTab(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Trained.LoadLearned()
	img := screen(g)
	frame(t, g, img)
	click(t, g, "tab:explain")
	frame(t, g, img)
	e := panelOf[*explainPanel](g)
	mini := e.mini
	g.selectFilter(5)
	g.dirty = true
	frame(t, g, img)
	pointerAt(g, mini.X+mini.W*(9.5/28), mini.Y+mini.H*(12.5/28), true) // pin (12, 9) of map 5
	pointerAt(g, mini.X+mini.W*(9.5/28), mini.Y+mini.H*(12.5/28), false)
	if c, ok := g.st.Player.Pinned(); !ok || c != (teach.Cell{Map: 5, OY: 12, OX: 9}) {
		t.Fatalf("pinned %v %v, want map 5 (12, 9)", c, ok)
	}
	click(t, g, "explain_x_0_4_4") // kept when the pointer leaves
	pointerAt(g, 5, 5, false)
	if tp, ok := e.tapShown(); !ok || tp != [2]int{0, 24} {
		t.Errorf("a clicked tap: %v %v, want channel 0, tap 24 kept", tp, ok)
	}
	r := ctrlRect(t, g, "explain_p_0_2_3")
	pointerAt(g, r.X+r.W/2, r.Y+r.H/2, false)
	shot := frame(t, g, img)
	want, _ := g.st.Teach.OutValue(5, 12, 9)
	if e.e.Value != want || e.e.Cell != (teach.Cell{Map: 5, OY: 12, OX: 9}) {
		t.Errorf("explained %v = %v, the map has %v", e.e.Cell, e.e.Value, want)
	}
	if g.sel != 5 {
		t.Errorf("the kernel editor shows filter %d, want the explained map's 5", g.sel)
	}
	ed := editorOf(g)
	w := region(g, rect{ed.grid.X + 3*ed.gridCell, ed.grid.Y + 2*ed.gridCell, ed.gridCell, 3})
	if n := countColor(shot, w, func(c color.RGBA) bool { return near(c, colReachLine) }); n < w.Dx() {
		t.Errorf("weight (2, 3) is not marked in the editor: %d pixels", n)
	}
	if h := g.Hook(); h.Explain == nil || h.Explain["value"] != want {
		t.Errorf("hook explain %v, want value %v", h.Explain, want)
	}
}

// A playback step allocates nothing once warm: the tick, the frame the
// overlay and the strip read, and the explained cell's arithmetic.
func TestPlaybackStepAllocs(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	frame(t, g, screen(g))
	step := playbackStep(g)
	step()
	if n := testing.AllocsPerRun(50, step); n != 0 {
		t.Errorf("a playback step allocates %v times", n)
	}
}

// playbackStep is one step of playback's own work, without the redraw.
func playbackStep(g *Game) func() {
	o, s, e := panelOf[*stepOverlay](g), panelOf[*stepper](g), panelOf[*explainPanel](g)
	g.st.Player.SetSpeed(30)
	return func() {
		if !g.st.Player.Playing() {
			g.st.Player.Play()
		}
		g.st.Player.Tick(1.0 / 30)
		s.followMap()
		o.layout(nil)
		if c, ok := g.st.Player.ExplainedCell(); ok {
			g.st.Teach.ExplainCell(&e.e, c)
		}
	}
}

// BenchmarkPlaybackStep is playbackStep: 0 allocs/op.
func BenchmarkPlaybackStep(b *testing.B) {
	g, _ := New()
	g.setSize(1280, 720, 1)
	step := playbackStep(g)
	step()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		step()
	}
}

// BenchmarkPlaybackFrame is one playback tick and its redraw (the whole
// screen, read back).
func BenchmarkPlaybackFrame(b *testing.B) {
	g, _ := New()
	g.setSize(1280, 720, 1)
	g.read = scripted
	img := screen(g)
	g.st.Player.SetSpeed(30)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if !g.st.Player.Playing() {
			g.st.Player.Play()
		}
		g.Update()
		g.Draw(img)
		img.At(0, 0)
	}
}

// The playback strip and the explain view's controls stay on screen, apart,
// and inside their column above the strip: at each size, for a digit with
// k = 5 and an RGB photo with k = 7 (the narrow arrangements).
func TestStepControlsFit(t *testing.T) {
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {1920, 1080}, {1024, 768}} {
		for _, rgb := range []bool{false, true} {
			g := newAt(t, sz[0], sz[1], 1)
			if rgb {
				g.st.Input.SetPhoto(true)
				g.st.Step(state.SetKernel, 2)
			}
			g.tab = tabExplain
			frame(t, g, screen(g))
			e, s := panelOf[*explainPanel](g), panelOf[*stepper](g)
			if e.r.bottom() > s.strip.Y || s.strip.bottom() > mapsArea(g).bottom()+0.01 {
				t.Errorf("%v rgb %v: explain %+v, strip %+v", sz, rgb, e.r, s.strip)
			}
			names := map[string]bool{}
			for _, c := range g.ctrls {
				names[c.name] = true
				r := c.r
				if r.X < 0 || r.Y < 0 || r.right() > g.vw+0.01 || r.bottom() > g.vh+0.01 {
					t.Errorf("%v rgb %v: %s at %+v is off screen", sz, rgb, c.name, r)
				}
				if strings.HasPrefix(c.name, "explain") && (r.X < e.r.X-0.01 || r.right() > e.r.right()+0.01 || r.bottom() > e.r.bottom()-3*e.numSize()) {
					t.Errorf("%v rgb %v: %s at %+v leaves the explain view %+v (or covers the tap's values)", sz, rgb, c.name, r, e.r)
				}
			}
			for _, n := range []string{"play", "step_back", "step_fwd", "step_end", "speed2", "speed8", "speed30", "scrub", "explain_map", "explain_x_0_0_0"} {
				if !names[n] {
					t.Errorf("%v rgb %v: no control %q", sz, rgb, n)
				}
			}
			cs := g.ctrls
			for i := range cs {
				for j := i + 1; j < len(cs); j++ {
					a, b := cs[i].r, cs[j].r
					if cs[i].kind.button() && cs[j].kind.button() && a.X < b.right() && b.X < a.right() && a.Y < b.bottom() && b.Y < a.bottom() {
						t.Errorf("%v rgb %v: %s and %s overlap", sz, rgb, cs[i].name, cs[j].name)
					}
				}
			}
		}
	}
}

// mapsArea is the maps column's area below the tabs, as arrange gives it.
func mapsArea(g *Game) rect { return arrange(g.vw, g.vh).maps }

// Paused in the middle of a map, with a never-read row on screen, an idle
// frame draws nothing and allocates nothing.
func TestPausedStepIdle(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Step(state.SetStride, 2)
	g.st.Player.StepBy(5)
	img := screen(g)
	frame(t, g, img)
	ticks(g, codeEvery) // the link code follows the step once
	f := g.frame
	if n := testing.AllocsPerRun(2*codeEvery, func() { g.Update(); g.Draw(img) }); n != 0 || g.frame != f {
		t.Errorf("a paused step's idle frame allocates %v times, drew %d frames", n, g.frame-f)
	}
}

// The link code follows the playback position (which is not an edit), and
// opens on the same step, paused, on the same map.
func TestLinkFollowsStep(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	frame(t, g, screen(g))
	g.selectFilter(3)
	frame(t, g, screen(g))
	g.st.Player.Play()
	ticks(g, 2*codeEvery)
	g.st.Player.Pause()
	g.st.Player.Scrub(321)
	ticks(g, codeEvery)
	h := newAt(t, 800, 600, 1)
	if err := h.LoadState(g.code); err != nil {
		t.Fatal(err)
	}
	frame(t, h, screen(h))
	var f state.StepFrame
	h.st.Player.StepFrame(&f)
	if f.Index != 321 || f.Playing || !f.Stepping || h.sel != 3 {
		t.Errorf("the link opened on cell %d of map %d (selected %d), playing %v; want 321 of map 3, paused", f.Index, f.Cell.Map, h.sel, f.Playing)
	}
}
