package e2e

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// explainNum reads a number of the hook's explanation.
func explainNum(h hook, key string) float64 {
	v, _ := h.Explain[key].(float64)
	return v
}

// checkTransposeCell checks that the explained cell is the stepped one of
// a ConvTranspose2d, in view, with both views' sums at the core's value.
func checkTransposeCell(t *testing.T, h hook, view string) {
	t.Helper()
	_, _, _, oy, ox, _ := step(h)
	e := h.Explain
	v := explainNum(h, "value")
	near := func(x float64) bool { return math.Abs(x-v) <= 1e-5*math.Max(1, math.Abs(v)) }
	if e == nil || e["layer"] != "ConvTranspose2d" || e["view"] != view || explainNum(h, "oy") != float64(oy) || explainNum(h, "ox") != float64(ox) ||
		!near(explainNum(h, "sum")) || !near(explainNum(h, "stuffed_sum")) {
		t.Errorf("the explanation of stepped cell (%d, %d) in %s: %v", oy, ox, view, e)
	}
}

// The layer switched to ConvTranspose2d with real clicks, stride 2 and
// output_padding 1: the shapes (hook and screen-reader region), a stepped
// cell's explanation in both views, the link opening the same at 800x600.
func TestBrowserTranspose(t *testing.T) {
	browser := newBrowser(t)
	url := serveSite(t, site(t))
	p, _ := openURL(t, browser, url, viewW, viewH, 1)
	shots := shotDir(t)
	p.click("layer:ConvTranspose2d")
	p.waitState("ConvTranspose2d", func(h hook) bool { return h.Settings.Transposed })
	p.click("stride+")
	p.waitState("stride 2", func(h hook) bool { return h.Settings.Stride == 2 })
	p.click("output_padding+")
	h := p.waitState("output_padding 1", func(h hook) bool { return h.Settings.OutputPadding == 1 })
	if h.Code != "nn.ConvTranspose2d(1, 8, kernel_size=5, stride=2, padding=2, output_padding=1)" || h.Error != "" ||
		!slices.Equal(h.Weight, []int{1, 8, 5, 5}) || !slices.Equal(h.Output, []int{1, 8, 56, 56}) {
		t.Errorf("code %q, error %q, weight %v, output %v", h.Code, h.Error, h.Weight, h.Output)
	}
	formula := "(28 minus 1) times 2 minus 2 times 2 + 1 times (5 minus 1) + 1 + 1 = 56" // the region spells − and ·
	inverse := "55..56 all give 28: output_padding = 1 picks 56"
	if !p.waitUntil(func() bool { return strings.Contains(p.live(), formula) }) || !strings.Contains(p.live(), inverse) {
		t.Errorf("the shapes say %q", p.live())
	}

	p.click("map1") // the Gaussian blur: the stepped map follows the selected filter
	p.waitState("map 1", func(h hook) bool { return h.SelectedFilter == 1 })
	p.click("tab:explain")
	for range 3 {
		p.click("step_fwd")
	}
	h = p.waitState("the third cell", func(h hook) bool { i, _, _, _, _, _ := step(h); return i == 2 && h.Explain != nil })
	checkTransposeCell(t, h, "scatter")
	// A cell of the 7's bar, about (18, 30): a press on the slider there
	// (its track is inset by the knob, as in TestBrowserStep).
	r := p.control("scrub")
	x, y := r.X+5+(r.W-10)*(18*56+30)/(56*56-1), r.Y+r.H/2
	p.mouse(chromedp.MouseMoved, x, y)
	p.mouse(chromedp.MousePressed, x, y)
	h = p.waitState("scrubbed", func(h hook) bool { i, _, _, _, _, _ := step(h); return i > 56*10 && h.Explain != nil })
	p.mouse(chromedp.MouseReleased, x, y)
	checkTransposeCell(t, h, "scatter")
	if paints, _ := h.Explain["paints"].([]any); len(paints) < 4 || explainNum(h, "value") == 0 {
		t.Errorf("the scrubbed cell has %d paints, value %v", len(paints), explainNum(h, "value"))
	}
	p.screenshot(shots, "transpose-scatter-1280.png")
	p.click("tview:zeros")
	h = p.waitState("zero insertion", func(h hook) bool { return h.Explain != nil && h.Explain["view"] == "zero_insertion" })
	checkTransposeCell(t, h, "zero_insertion")
	p.screenshot(shots, "transpose-zeros-1280.png")

	i, _, _, _, _, _ := step(h)
	code := p.waitState("the link code", func(h hook) bool { return linkStep(h.Share) == i }).Share
	q, h2 := openURL(t, browser, url+"#"+code, 800, 600, 1)
	if !h2.Settings.Transposed || h2.Settings.OutputPadding != 1 || !slices.Equal(h2.Output, []int{1, 8, 56, 56}) {
		t.Errorf("the link opened %q, output %v", h2.Code, h2.Output)
	}
	q.click("tab:explain")
	q.click("step_fwd")
	h2 = q.waitState("a cell at 800x600", func(h hook) bool { return h.Explain != nil })
	checkTransposeCell(t, h2, "scatter")
	q.screenshot(shots, "transpose-scatter-800.png")
	q.click("tview:zeros")
	q.waitState("zero insertion at 800x600", func(h hook) bool { return h.Explain != nil && h.Explain["view"] == "zero_insertion" })
	q.screenshot(shots, "transpose-zeros-800.png")
}
