package state

import (
	"convplayground/conv"
	"convplayground/game/teach"
	"convplayground/nn"
	"slices"
)

// Step-through playback: the window moves over the input one output cell
// at a time (row-major over Hout·Wout) and one map fills in, of the
// selected layer (net_step.go): layer 0, or a deeper Conv2d over layer
// i−1's maps (a deeper ConvTranspose2d's map fills in without a window).
// Playback is not an edit: its actions leave Version alone. Any action that bumps Version
// (a stroke, a weight, a setting) pauses it where it is; the next Play goes
// on from the same output cell when the new output still has it (clamped
// otherwise). While the settings are rejected it stays stopped (Err holds
// PyTorch's message).

// Speeds are the playback speeds, in output cells per second.
var Speeds = []int{2, 8, 30}

// DefaultSpeed is the speed of a new playground.
const DefaultSpeed = 8

// Playback is the step-through, part of the session. Its zero value is not
// stepping (the maps whole, no window), map 0, DefaultSpeed, nothing pinned.
// The view changes it through the State's actions and reads StepFrame.
type Playback struct {
	s *State // the session whose shown maps it steps through

	stepping bool // the window and the partial map are on
	playing  bool
	cell     teach.Cell // the current cell as last set (clamped when read)
	speed    int        // cells per second; 0 for DefaultSpeed
	pinned   bool       // a clicked cell holds the arithmetic panel
	pin      teach.Cell // the pinned cell
	acc      float64    // seconds carried over to the next step
	seen     uint64     // State.Version when playback last looked

	never     never // layer 0's never-read rows and columns, cached
	deepNever never // a deeper Conv2d's

	linked linkKey // the playback LinkVersion last saw
	moves  uint64  // how often it moved
}

// StepFrame is what the step-through shows at one moment; State.StepFrame
// fills it, reusing its slices (no allocation once warm).
type StepFrame struct {
	Stepping bool // false: no window, every map whole (Cell is still the position)
	Playing  bool
	Speed    int        // cells per second, one of Speeds
	Cell     teach.Cell // the current cell (the selected map's)
	// Index is Cell's row-major index OY·Wout + OX of Total = Hout·Wout.
	Index, Total int
	Hout, Wout   int
	// Done is how many cells of the map (row-major, from the first) are
	// computed: Index+1 while stepping (the current cell with them), Total
	// otherwise. At the last cell the map is whole.
	Done int
	// Taps is the current cell's window, in the kernel's row-major order:
	// where each tap lands (input and padded-input coordinates, the gaps
	// of dilation between them), the pixel it reads, whether in padding.
	Taps []teach.WindowTap
	// H, W are the input's size (for a deeper Conv2d, layer i−1's maps')
	// and Pad the padding (top, bottom, left, right): the padded input is
	// (H+top+bottom)×(W+left+right).
	H, W int
	Pad  [4]int
	// Trail is H×W, row-major: the input pixels read so far (directly or
	// through a padding copy) by the cells before and at the current one.
	Trail []bool
	// NeverRows, NeverCols are the input rows and columns no window reads
	// (conv.Geometry.Unreached), shown whether stepping or not.
	NeverRows, NeverCols []int

	rows, rowCur, cols, colCur []bool // per-axis reads behind Trail
}

// ---- Actions ----

// Play starts or resumes playback: from the current cell, or from the
// first when not stepping or at the last cell. It refuses (false) while
// there are no maps or the settings are rejected.
func (pb *Playback) Play() bool {
	if !pb.playReady() {
		return false
	}
	p := pb
	if total := pb.playTotal(); !p.stepping || pb.playIndex() >= total-1 {
		pb.setIndex(0)
	}
	p.stepping, p.playing, p.acc, p.pinned = true, true, 0, false // the window moves: the explained cell with it
	return true
}

// Pause stops playback where it is.
func (pb *Playback) Pause() { pb.playSync(); pb.playing = false }

// TogglePlay is ▶/⏸.
func (pb *Playback) TogglePlay() bool {
	pb.playSync()
	if pb.playing {
		pb.Pause()
		return false
	}
	return pb.Play()
}

// StepBy moves d cells (±1: step forward/back), pausing; from not
// stepping, forward starts at the first cell and back at the last.
func (pb *Playback) StepBy(d int) bool {
	if !pb.playReady() {
		return false
	}
	p := pb
	i := pb.playIndex() + d
	if !p.stepping {
		i = d - 1
		if d < 0 {
			i = pb.playTotal() + d
		}
	}
	p.stepping, p.playing, p.pinned = true, false, false
	pb.setIndex(i)
	return true
}

// Scrub moves to cell i (row-major, clamped into the output); playback
// goes on if it was playing.
func (pb *Playback) Scrub(i int) bool {
	if !pb.playReady() {
		return false
	}
	pb.stepping, pb.pinned = true, false
	pb.setIndex(i)
	return true
}

// JumpToEnd pauses at the last cell: the map whole.
func (pb *Playback) JumpToEnd() bool {
	if !pb.playReady() {
		return false
	}
	pb.stepping, pb.playing, pb.pinned = true, false, false
	pb.setIndex(pb.playTotal() - 1)
	return true
}

// SetSpeed sets the playback speed to one of Speeds (cells per second).
func (pb *Playback) SetSpeed(perSecond int) bool {
	if !slices.Contains(Speeds, perSecond) {
		return false
	}
	pb.speed = perSecond
	return true
}

// SetPlayMap makes output channel ch the map being stepped (the selected
// map); the position stays.
func (pb *Playback) SetPlayMap(ch int) {
	if ch >= 0 {
		pb.cell.Map = ch
	}
}

// Tick advances playback by dt seconds at its speed and reports whether
// the position (or the playing flag) changed, so the view redraws. It
// allocates nothing.
func (pb *Playback) Tick(dt float64) bool {
	p := pb
	was := p.playing
	pb.playSync()
	if !p.playing {
		return was
	}
	if pb.out() == nil || pb.s.Err != nil {
		p.playing = false
		return true
	}
	if !(dt > 0) { // also NaN
		return false
	}
	p.acc += dt * float64(pb.rate())
	n := int(min(p.acc, float64(pb.playTotal())))
	if n == 0 {
		return false
	}
	p.acc -= float64(n)
	i, total := pb.playIndex()+n, pb.playTotal()
	if i >= total-1 {
		i, p.playing, p.acc = total-1, false, 0
	}
	pb.setIndex(i)
	return true
}

// Playing reports whether playback is running.
func (pb *Playback) Playing() bool { pb.playSync(); return pb.playing }

// ---- Pinned cell ----

// Pin holds cell in the arithmetic panel (a click on a map cell). One
// rule keeps the arithmetic and the window on the input the same cell:
// pinning pauses playback and, while stepping, moves the window to the
// pinned cell; moving the window (play, step, scrub, jump) unpins.
func (pb *Playback) Pin(c teach.Cell) bool {
	if !pb.cellInOutput(c) {
		return false
	}
	pb.Pause()
	pb.pinned, pb.pin = true, c
	if pb.stepping {
		pb.cell = c
	}
	return true
}

// Unpin lets the arithmetic panel follow the stepping (or the pointer) again.
func (pb *Playback) Unpin() { pb.pinned = false }

// Pinned is the pinned cell; ok is false when none is pinned or the shown
// output no longer has it.
func (pb *Playback) Pinned() (c teach.Cell, ok bool) {
	p := *pb
	return p.pin, p.pinned && pb.cellInOutput(p.pin)
}

// ExplainedCell is the cell the arithmetic panel explains when the
// pointer is not on a map: the pinned cell, else the stepped one.
func (pb *Playback) ExplainedCell() (teach.Cell, bool) {
	if c, ok := pb.Pinned(); ok {
		return c, true
	}
	if pb.stepping && pb.out() != nil {
		return pb.playCell(), true
	}
	return teach.Cell{}, false
}

// ---- Reading ----

// StepFrame fills f with the step-through as it is now (see StepFrame).
// Without maps it fills only the playback flags.
func (pb *Playback) StepFrame(f *StepFrame) {
	pb.playSync()
	p := *pb
	*f = StepFrame{Stepping: p.stepping, Playing: p.playing, Speed: pb.rate(),
		Taps: f.Taps[:0], Trail: f.Trail[:0], rows: f.rows, rowCur: f.rowCur, cols: f.cols, colCur: f.colCur}
	out := pb.out()
	if out == nil {
		return
	}
	f.Cell, f.Index, f.Total = pb.playCell(), pb.playIndex(), pb.playTotal()
	sh, ok := pb.s.Teach.Shown()
	if !ok { // a ConvTranspose2d: no window to draw
		f.Hout, f.Wout, f.H, f.W = out.Shape[2], out.Shape[3], pb.s.H(), pb.s.W()
		if in := pb.s.Layers.LayerShape(pb.s.Layer - 1); pb.s.Layer > 0 && len(in) == 4 { // a deeper one's input: layer i−1's maps
			f.H, f.W = in[2], in[3]
		}
		f.Done = f.Total
		if p.stepping {
			f.Done = f.Index + 1
		}
		return
	}
	g := sh.Geom
	f.Hout, f.Wout, f.H, f.W, f.Pad = g.Output[2], g.Output[3], g.Input[2], g.Input[3], g.Pad
	f.NeverRows, f.NeverCols = pb.s.Teach.NeverRead()
	f.Done = f.Total
	if !p.stepping {
		return
	}
	f.Done = f.Index + 1
	f.Taps = teach.Window(g, f.Cell.OY, f.Cell.OX, f.Taps)
	f.fillTrail(g)
}

// fillTrail marks the pixels read by cells 0..Index. They are rows read
// by output rows before OY × columns read by any output column, plus rows
// read by row OY × columns read by columns 0..OX: two products of per-axis
// reads, so the cost is the input's size, not the window count.
func (f *StepFrame) fillTrail(g conv.Geometry) {
	f.rows, f.rowCur = teach.AxisReads(g, 0, 0, f.Cell.OY, f.rows), teach.AxisReads(g, 0, f.Cell.OY, f.Cell.OY+1, f.rowCur)
	f.cols, f.colCur = teach.AxisReads(g, 1, 0, f.Wout, f.cols), teach.AxisReads(g, 1, 0, f.Cell.OX+1, f.colCur)
	f.Trail = slices.Grow(f.Trail[:0], f.H*f.W)[:f.H*f.W]
	for y := 0; y < f.H; y++ {
		for x := 0; x < f.W; x++ {
			f.Trail[y*f.W+x] = f.rows[y] && f.cols[x] || f.rowCur[y] && f.colCur[x]
		}
	}
}

// ---- Helpers ----

// playSync pauses playback when something else changed the state.
func (pb *Playback) playSync() {
	if p := pb; p.seen != pb.s.Version {
		p.seen, p.playing, p.acc = pb.s.Version, false, 0
	}
}

// playReady brings the maps up to date and reports whether playback can
// move; with rejected settings it stops.
func (pb *Playback) playReady() bool {
	pb.s.Recompute()
	pb.playSync()
	if pb.out() == nil || pb.s.Err != nil {
		pb.playing = false
		return false
	}
	return pb.playTotal() > 0
}

func (pb *Playback) rate() int {
	if pb.speed == 0 {
		return DefaultSpeed
	}
	return pb.speed
}

// out is the output playback moves over: layer 0's maps (kept, stale,
// while the settings are rejected) or the selected deeper Conv2d's (net_step.go);
// nil for none.
func (pb *Playback) out() *conv.Tensor {
	if pb.s.Layer == 0 {
		return pb.s.Out
	}
	if sh, ok := pb.s.Teach.Shown(); ok {
		return sh.Out
	}
	if _, ok := pb.s.Layers.TailLayer(pb.s.Layer).(*nn.ConvTranspose2d); ok { // no window, the map fills in
		if y := pb.s.Layers.LayerOutput(pb.s.Layer); y != nil && len(y.Shape) == 4 {
			return y
		}
	}
	return nil
}

// playCell is the current cell clamped into the shown output.
func (pb *Playback) playCell() teach.Cell {
	c, o := pb.cell, pb.out().Shape
	return teach.Cell{Map: clamp(c.Map, 0, o[1]-1), OY: clamp(c.OY, 0, o[2]-1), OX: clamp(c.OX, 0, o[3]-1)}
}

func (pb *Playback) playTotal() int { o := pb.out(); return o.Shape[2] * o.Shape[3] }

func (pb *Playback) playIndex() int { c := pb.playCell(); return c.OY*pb.out().Shape[3] + c.OX }

// setIndex moves to cell i (clamped) of the current map.
func (pb *Playback) setIndex(i int) {
	i = clamp(i, 0, pb.playTotal()-1)
	wout := pb.out().Shape[3]
	pb.cell = teach.Cell{Map: pb.playCell().Map, OY: i / wout, OX: i % wout}
}

func (pb *Playback) cellInOutput(c teach.Cell) bool {
	o := pb.out()
	return o != nil && c.Map >= 0 && c.OY >= 0 && c.OX >= 0 && c.Map < o.Shape[1] && c.OY < o.Shape[2] && c.OX < o.Shape[3]
}
