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
// the times with convPlayground.frameTimes(), which returns the
// milliseconds of the frames drawn since its last call and forgets them.
type frameClock struct {
	mu    sync.Mutex
	start time.Time // zero: no Update since the last drawn frame
	last  uint64    // the frame counter at the last drawn frame
	times []any     // ms per drawn frame, for js.ValueOf
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

// drawn ends a frame's work, recording its time when frame is a newly
// drawn one.
func (c *frameClock) drawn(frame uint64) {
	start := c.start
	c.start = time.Time{}
	if frame == c.last || start.IsZero() {
		return
	}
	c.last = frame
	ms := float64(time.Since(start).Microseconds()) / 1000
	c.mu.Lock()
	if len(c.times) < maxTimes {
		c.times = append(c.times, ms)
	}
	c.mu.Unlock()
}
