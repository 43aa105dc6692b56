package e2e

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// frameStats is what a stroke cost: drawn frames per second and the
// main-thread milliseconds of each drawn frame (Update+Draw, timed by the
// page's frame clock, wasm/frames.go).
type frameStats struct {
	fps              float64
	median, p90, max float64
	draw             float64 // the median of Draw alone
	n                int
}

// TestFrames measures a 3-second mouse stroke over the canvas at 1280x720
// for three inputs. It logs the figures and fails only when the
// measurement itself is broken (no frames, no times): speed is reported,
// not asserted, because it depends on the machine. It runs with the
// benchmark flag (make bench).
func TestFrames(t *testing.T) {
	if !measuring() {
		t.Skip("a measurement: make bench runs it, with -browser-bench")
	}
	p, first := openPlayground(t, viewW, viewH, 1)
	t.Logf("requestAnimationFrame rate: %d/s", eval[int](p, rafRate))
	// A first stroke, not counted: V8 runs new code on its baseline
	// compiler until it is hot, and the first case would pay for that.
	strokeStats(t, p, 2*time.Second)
	cases := []struct {
		name  string
		setup []string // controls to press first
		in    int      // input channels
		maps  int
	}{
		{"preset-maps", nil, 1, first.Weight[0]},
		{"rgb-photo", []string{"photo"}, 3, first.Weight[0]},
		{"learned-20-maps", []string{"drawing", "learned"}, 1, 20},
	}
	for _, c := range cases {
		for _, name := range c.setup {
			v := p.state().Version
			p.click(name)
			p.waitState("pressing "+name, func(h hook) bool { return h.Version > v })
		}
		h := p.state()
		if h.Error != "" || h.Input[1] != c.in || h.Output[1] != c.maps {
			t.Fatalf("%s: input %v output %v error %q, want %d channels in, %d maps", c.name, h.Input, h.Output, h.Error, c.in, c.maps)
		}
		s := strokeStats(t, p, 3*time.Second)
		t.Logf("%-16s input %v output %v: %.1f frames/s during the stroke; per drawn frame median %.2f ms (Draw %.2f ms), p90 %.2f ms, max %.2f ms (%d frames)",
			c.name, h.Input, h.Output, s.fps, s.median, s.draw, s.p90, s.max, s.n)
	}
}

// strokeStats holds the button down on the canvas for d while the page
// itself moves the pointer around a circle every 16 ms (mousemove events
// on Ebiten's canvas, as a real mouse sends them: every frame has new
// input, and the rate is the page's, not the test's round trips), and
// returns the frames it drew and what they cost.
func strokeStats(t *testing.T, p *tab, d time.Duration) frameStats {
	t.Helper()
	r := p.control("canvas")
	x, y := r.X+r.W*0.8, r.Y+r.H*0.5
	p.mouse(chromedp.MouseMoved, x, y)
	time.Sleep(hold)
	eval[[][2]float64](p, `window.convPlayground.frameTimes()`) // forget the frames before
	f0, t0 := p.state().Frame, time.Now()
	p.mouse(chromedp.MousePressed, x, y)
	eval[bool](p, fmt.Sprintf(`new Promise((done) => {
		const c = document.querySelector('canvas'), t0 = performance.now();
		let a = 0;
		const id = setInterval(() => {
			a += 0.02;
			const x = %g + %g * Math.cos(a), y = %g + %g * Math.sin(a);
			c.dispatchEvent(new MouseEvent('mousemove', {clientX: x, clientY: y, buttons: 1, bubbles: true}));
			if (performance.now() - t0 > %d) { clearInterval(id); done(true); }
		}, 16);
	})`, r.X+r.W*0.5, r.W*0.3, r.Y+r.H*0.5, r.H*0.3, d.Milliseconds()))
	f1, el := p.state().Frame, time.Since(t0)
	pairs := eval[[][2]float64](p, `window.convPlayground.frameTimes()`)
	p.mouse(chromedp.MouseReleased, x, y)
	time.Sleep(hold)
	if f1-f0 < 3 || len(pairs) < 3 {
		t.Fatalf("a %v stroke drew %d frames and timed %d: the measurement is broken", d, f1-f0, len(pairs))
	}
	var times, draws []float64
	for _, p := range pairs {
		if !(p[0] > 0 && p[0] < 10000 && p[1] >= 0 && p[1] < 10000) {
			t.Fatalf("a frame time of %v ms (Draw %v): the measurement is broken (times %v)", p[0], p[1], pairs)
		}
		times, draws = append(times, p[0]), append(draws, p[1])
	}
	slices.Sort(times)
	slices.Sort(draws)
	q := func(v []float64, f float64) float64 { return v[int(f*float64(len(v)-1))] }
	return frameStats{fps: float64(f1-f0) / el.Seconds(), median: q(times, 0.5), p90: q(times, 0.9), max: times[len(times)-1],
		draw: q(draws, 0.5), n: len(times)}
}
