//go:build js

package wasm

import (
	"sync"
	"syscall/js"
	"time"
)

// frameClock times the main-thread work of each drawn frame: from the first
// Update of an animation frame to the end of its Draw, when that Draw drew
// or the frame took training's weights in (whose drawing is the next
// frame's, game.Game.Draw); idle frames, which do neither, are not
// counted. Browser tests read the times with convPlayground.frameTimes(),
// which returns, for each frame counted since its last call, [total, draw]
// milliseconds (draw: the Draw alone; the rest is Update: input,
// recomputing) and forgets them. Each counted frame also leaves a
// console.timeStamp("frame") in a browser trace, where the tests read the
// thread's CPU time of its whole animation frame (Ebiten's GL calls
// included), which other processes on the machine do not lengthen.
type frameClock struct {
	mu    sync.Mutex
	start time.Time // zero: no Update since the last drawn frame
	draw  time.Time // the start of the Draw
	last  uint64    // the frame counter at the last drawn frame
	taken uint64    // training's count of weights taken in, then
	times []any     // [total, draw] ms per drawn frame, for js.ValueOf
}

var console = js.Global().Get("console")

// maxTimes bounds the kept times when nobody reads them.
const maxTimes = 4096

func (c *frameClock) install() {
	js.Global().Get("convPlayground").Set("frameTimes", js.FuncOf(func(js.Value, []js.Value) any {
		c.mu.Lock()
		defer c.mu.Unlock()
		v := js.ValueOf(c.times)
		c.times = c.times[:0]
		return v
	}))
}

// updating marks the start of a frame's work.
func (c *frameClock) updating() {
	if c.start.IsZero() {
		c.start = time.Now()
	}
}

// drawing marks the start of the Draw.
func (c *frameClock) drawing() { c.draw = time.Now() }

// drawn ends a frame's work, recording its time when frame is a newly
// drawn one or taken a new count of weights taken in.
func (c *frameClock) drawn(frame, taken uint64) {
	start := c.start
	c.start = time.Time{}
	if frame == c.last && taken == c.taken || start.IsZero() {
		return
	}
	c.last, c.taken = frame, taken
	ms := func(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }
	c.mu.Lock()
	if len(c.times) < maxTimes {
		c.times = append(c.times, []any{ms(start), ms(c.draw)})
	}
	c.mu.Unlock()
	console.Call("timeStamp", "frame")
}
