package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// typeNet opens the network's text box with the strip's "text" button,
// replaces the text by typing (Ctrl+A, then the keys) and presses Apply.
func (p *tab) typeNet(text string) {
	p.t.Helper()
	p.click("net_edit")
	p.do(chromedp.WaitVisible(chromedp.ID("net-text")))
	p.do(chromedp.Click(chromedp.ID("net-text")))
	p.do(chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	p.do(chromedp.SendKeys(chromedp.ID("net-text"), text))
	p.do(chromedp.Click(chromedp.ID("net-apply")))
}

// waitNet waits for the applied network, saying what the text box shows
// when it does not come.
func (p *tab) waitNet(ok func(hook) bool) {
	p.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(p.state()); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			p.t.Fatalf("the network was not applied; the text box says %q, holds %q", eval[string](p, `document.getElementById("net-error").textContent`),
				eval[string](p, `document.getElementById("net-text").value`))
		}
	}
}

// A network typed into the text box runs layer by layer: the hook reports
// every layer's torch shape; a click on block 3 of the strip selects it and
// the hook gives its maps, which are the ReLU of layer 2's; a mistake in the
// text shows its line and column in the box; one out_channels fewer breaks
// the chain at the second Conv2d with torch's message.
func TestBrowserNetwork(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	shots := shotDir(t)

	p.typeNet("nn.Sequential(\n nn.Conv2d(1, 4, 3),\n nn.MaxPool2d(2),\n nn.Conv2d(4, 6, 3), nn.ReLU(),\n nn.Flatten(),\n nn.Linear(726, 10)\n)")
	p.waitNet(func(h hook) bool { return len(h.Layers) == 6 })
	h := p.state()
	// torch 1.13: [1,1,28,28] → Conv2d(1,4,3) → MaxPool2d(2) → Conv2d(4,6,3) → ReLU → Flatten → Linear
	want := [][]int{{1, 4, 26, 26}, {1, 4, 13, 13}, {1, 6, 11, 11}, {1, 6, 11, 11}, {1, 726}, {1, 10}}
	for i, l := range h.Layers {
		if !slices.Equal(l.Output, want[i]) || l.Error != "" {
			t.Errorf("layer %d %s: %v %q, want %v", i, l.Text, l.Output, l.Error, want[i])
		}
	}
	if eval[string](p, `getComputedStyle(document.getElementById("net-box")).display`) != "none" {
		t.Error("the text box stays open after Apply")
	}

	p.click("layer:2")
	conv := p.waitState("layer 2 selected", func(h hook) bool { return h.SelectedLayer == 2 }).LayerValues
	p.click("layer:3")
	h = p.waitState("layer 3 selected", func(h hook) bool { return h.SelectedLayer == 3 })
	if !slices.Equal(h.Layers[3].Output, []int{1, 6, 11, 11}) || !slices.Equal(h.LayerValuesOf, []int{6, 11, 11}) || len(h.LayerValues) != 726 {
		t.Fatalf("layer 3: output %v, values of %v (%d)", h.Layers[3].Output, h.LayerValuesOf, len(h.LayerValues))
	}
	positive := 0
	for i, v := range h.LayerValues { // ReLU: max(0, x) of the Conv2d before it
		if v != max(0, conv[i]) {
			t.Fatalf("layer 3 value %d = %v, layer 2's %v", i, v, conv[i])
		}
		if v > 0 {
			positive++
		}
	}
	if positive == 0 {
		t.Error("layer 3's maps are all zero: the drawing did not reach them")
	}
	p.screenshot(shots, "network-layer3.png")

	p.typeNet("nn.Sequential(\n nn.Conv2d(1, 4, 3),\n nn.MaxPool2d(2 2)\n)")
	msg := ""
	for deadline := time.Now().Add(10 * time.Second); msg == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		msg = eval[string](p, `document.getElementById("net-error").textContent`)
	}
	if !strings.HasPrefix(msg, "line 3, col 17: expected ',' or ')'") {
		t.Errorf("a mistake in the text: %q, want line 3, col 17", msg)
	}
	p.screenshot(shots, "network-text-error.png")
	p.do(chromedp.Click(chromedp.ID("net-cancel")))

	p.click("layer:0")
	p.click("out_channels-")
	h = p.waitState("the chain broken", func(h hook) bool { return h.Layers[2].Error != "" })
	wantMsg := "Given groups=1, weight of size [6, 4, 3, 3], expected input[1, 3, 13, 13] to have 4 channels, but got 3 channels instead"
	if h.Layers[2].Error != wantMsg || len(h.Layers[2].Output) != 0 || !slices.Equal(h.Layers[1].Output, []int{1, 3, 13, 13}) {
		t.Errorf("broken chain: %+v", h.Layers)
	}
	p.screenshot(shots, "network-broken.png")
	fmt.Fprintln(testLog{t}, "network text:", h.Net)
}

// testLog writes to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}
