//go:build js

package wasm

import (
	"sync"
	"syscall/js"
	"time"
)

// frameClock times the main-thread work of each drawn frame: from the first
// Update of an animation frame to the end of its Draw, when that Draw drew
// (idle frames, which draw nothing, are not counted). Browser tests read
// the times with convPlayground.frameTimes(), which returns, for each frame
// drawn since its last call, [total, draw] milliseconds (draw: the Draw
// alone; the rest is Update: input, recomputing) and forgets them.
type frameClock struct {
	mu    sync.Mutex
	start time.Time // zero: no Update since the last drawn frame
	draw  time.Time // the start of the Draw
	last  uint64    // the frame counter at the last drawn frame
	times []any     // [total, draw] ms per drawn frame, for js.ValueOf
}

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
// drawn one.
func (c *frameClock) drawn(frame uint64) {
	start := c.start
	c.start = time.Time{}
	if frame == c.last || start.IsZero() {
		return
	}
	c.last = frame
	ms := func(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }
	c.mu.Lock()
	if len(c.times) < maxTimes {
		c.times = append(c.times, []any{ms(start), ms(c.draw)})
	}
	c.mu.Unlock()
}
