package e2e

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"convplayground/game/state"
)

// share counts the pixels of r (a control, CSS pixels at DPR 1) that are
// within a small distance of c.
func share(img image.Image, r rect, c color.Color) float64 {
	ir := r.image().Intersect(img.Bounds())
	n := 0
	for y := ir.Min.Y; y < ir.Max.Y; y++ {
		for x := ir.Min.X; x < ir.Max.X; x++ {
			if dist(img.At(x, y), c) < 30 {
				n++
			}
		}
	}
	return float64(n) / float64(max(1, ir.Dx()*ir.Dy()))
}

// reds is the share of r's pixels that are clearly red (a positive value).
func reds(img image.Image, r rect) float64 {
	ir := r.image().Intersect(img.Bounds())
	n := 0
	for y := ir.Min.Y; y < ir.Max.Y; y++ {
		for x := ir.Min.X; x < ir.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if int(c.R) > int(c.G)+80 {
				n++
			}
		}
	}
	return float64(n) / float64(max(1, ir.Dx()*ir.Dy()))
}

// step reads the hook's step as numbers.
func step(h hook) (index, total, done, oy, ox int, playing bool) {
	s := h.Step
	n := func(k string) int { v, _ := s[k].(float64); return int(v) }
	p, _ := s["playing"].(bool)
	return n("index"), n("total"), n("done"), n("oy"), n("ox"), p
}

var (
	tapMark = color.RGBA{0xff, 0xb3, 0x00, 0xff} // a pointed tap's weight, framed in the kernel editor
)

// The step-through with real mouse events: ▶ plays (the window moves, the
// map fills), the slider scrubs, a product and a weight answer the
// pointer, a stroke pauses, a shared link opens on the same step.
func TestBrowserStep(t *testing.T) {
	browser := newBrowser(t)
	url := serveSite(t, site(t))
	p, _ := openURL(t, browser, url, viewW, viewH, 1)
	shots := shotDir(t)
	map0 := p.control("map0")
	before := p.screenshot(shots, "step-before.png")

	p.click("play")
	h := p.waitState("six steps", func(h hook) bool { i, _, _, _, _, pl := step(h); return pl && i >= 6 })
	i, total, done, oy, ox, _ := step(h)
	if total != 28*28 || done != i+1 || oy*28+ox != i {
		t.Errorf("playing: index %d of %d, done %d, cell (%d, %d)", i, total, done, oy, ox)
	}
	// The window (5×5, padding 2) of the stepped cell starts at (oy−2, ox−2).
	if taps := explainTaps(h); len(taps) != 25 || !at(taps[0], oy-2, ox-2) {
		t.Errorf("the window of cell (%d, %d) starts at %v, want [%d %d]", oy, ox, first(taps), oy-2, ox-2)
	}
	// Below the first row map 0 is faded: the 7's red strokes are gone.
	playing := p.screenshot(shots, "step-playing.png")
	if a, b := reds(before, map0), reds(playing, map0); a < 0.05 || b > a/5 {
		t.Errorf("map 0 while stepping the first row: %.3f of it red (%.3f before)", b, a)
	}

	// A stroke pauses, and the window stays.
	p.stroke("canvas", [][2]float64{{0.4, 0.5}, {0.5, 0.55}})
	h = p.waitState("paused by the stroke", func(h hook) bool { _, _, _, _, _, pl := step(h); return !pl })
	i, _, _, _, _, _ = step(h)
	time.Sleep(300 * time.Millisecond)
	if j, _, _, _, _, pl := step(p.state()); pl || j != i {
		t.Errorf("after the stroke: index %d → %d, playing %v", i, j, pl)
	}

	// Scrub with the mouse: press at a tenth, drag to three quarters. Each
	// move is held until the view shows it (a software-rendered frame can
	// take longer than a quick drag).
	r := p.control("scrub")
	knob := func(f float64) float64 { return float64(total-1) * (f*r.W - 5) / (r.W - 10) } // the track is inset by the knob
	p.mouse(chromedp.MouseMoved, r.X+0.1*r.W, r.Y+r.H/2)
	p.mouse(chromedp.MousePressed, r.X+0.1*r.W, r.Y+r.H/2)
	p.waitState("the press on the slider", func(h hook) bool { j, _, _, _, _, _ := step(h); return j != i })
	p.do(chromedp.MouseEvent(chromedp.MouseMoved, r.X+0.75*r.W, r.Y+r.H/2, chromedp.ButtonLeft))
	h = p.waitState("scrubbed", func(h hook) bool { j, _, _, _, _, _ := step(h); return float64(j) > knob(0.5) })
	p.mouse(chromedp.MouseReleased, r.X+0.75*r.W, r.Y+r.H/2)
	i, _, done, _, _, _ = step(h)
	if want := knob(0.75); math.Abs(float64(i)-want) > 0.02*float64(total) || done != i+1 {
		t.Errorf("scrubbed to index %d (done %d), want about %.0f", i, done, want)
	}
	p.screenshot(shots, "step-scrubbed-1280.png")

	// A weight: the input pixels it multiplies, with the count.
	wx, wy := p.control("cell_1_0").center()
	p.mouse(chromedp.MouseMoved, wx, wy)
	if h := p.waitState("the weight's reach", func(h hook) bool { return strings.Contains(h.Hover, "multiplies") }); !strings.Contains(h.Hover, "of 784 input pixels") {
		t.Errorf("pointing at weight (1, 0): %q", h.Hover)
	}
	p.screenshot(shots, "step-weight.png")

	// A product of the explain tab marks its weight in the kernel editor.
	p.click("tab:explain")
	px, py := p.control("explain_p_0_2_3").center()
	p.mouse(chromedp.MouseMoved, px, py)
	var shot image.Image
	p.waitUntil(func() bool {
		shot = p.screenshot(shots, "step-explain-1280.png")
		return share(shot, p.control("cell_2_3"), tapMark) > 0.05
	})
	if s := share(shot, p.control("cell_2_3"), tapMark); s <= 0.05 {
		t.Errorf("pointing at product (2, 3): its weight is not marked (%.3f of the cell)", s)
	}
	if e := p.state().Explain; e == nil || math.Abs(e["sum"].(float64)-e["value"].(float64)) > 1e-5*math.Max(1, math.Abs(e["value"].(float64))) {
		t.Errorf("explain: %v", e)
	}

	// The link opens on the same step, paused, at 800x600.
	code := p.waitState("the link code on the step", func(h hook) bool { return linkStep(h.Share) == i }).Share
	q, h2 := openURL(t, browser, url+"#"+code, 800, 600, 1)
	j, _, _, _, _, pl := step(h2)
	if j != i || pl {
		t.Errorf("the link opened on index %d (playing %v), want %d paused", j, pl, i)
	}
	q.screenshot(shots, "step-800.png")
	q.click("tab:explain")
	q.screenshot(shots, "step-explain-800.png")
}

// linkStep is the step a link code opens on, −1 for a bad code.
func linkStep(code string) int {
	s := state.New()
	if s.Share.Decode(code) != nil {
		return -1
	}
	s.Recompute()
	var f state.StepFrame
	s.Player.StepFrame(&f)
	return f.Index
}

func explainTaps(h hook) []any {
	if h.Explain == nil {
		return nil
	}
	chans, _ := h.Explain["channels"].([]any)
	if len(chans) == 0 {
		return nil
	}
	taps, _ := chans[0].(map[string]any)["taps"].([]any)
	return taps
}

func first(taps []any) any {
	if len(taps) == 0 {
		return nil
	}
	return taps[0].(map[string]any)["at"]
}

func at(tap any, y, x int) bool {
	a, _ := tap.(map[string]any)["at"].([]any)
	return len(a) == 2 && a[0] == float64(y) && a[1] == float64(x)
}
