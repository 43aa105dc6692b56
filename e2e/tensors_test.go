package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// shapes are the hook's input, weight, bias and output shapes.
func (h hook) shapes() [4][]int { return [4][]int{h.Input, h.Weight, h.Bias, h.Output} }

func sameShapes(a, b [4][]int) bool { return slices.EqualFunc(a[:], b[:], slices.Equal) }

// clickElement clicks the middle of a page element (found by id) with the
// real mouse, as a learner would.
func (p *tab) clickElement(id string) {
	p.t.Helper()
	r := eval[[]float64](p, fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2]; })()`, id))
	p.do(chromedp.MouseEvent(chromedp.MouseMoved, r[0], r[1]))
	// A click event needs the press and release to count one click.
	p.do(chromedp.MouseEvent(chromedp.MousePressed, r[0], r[1], chromedp.ButtonLeft, chromedp.ClickCount(1)))
	time.Sleep(hold)
	p.do(chromedp.MouseEvent(chromedp.MouseReleased, r[0], r[1], chromedp.ButtonLeft, chromedp.ClickCount(1)))
}

// The tensors view by real clicks: the two examples (exact shapes, and
// Undo of each action), a channel tab, depthwise in one click, the batch strip, and Copy
// code's text box; screenshots at 1280x720 and 800x600.
func TestTensorView(t *testing.T) {
	p, first := openPlayground(t, viewW, viewH, 1)
	shots := shotDir(t)
	before := first.shapes()

	rgb := [4][]int{{1, 3, 64, 64}, {6, 3, 5, 5}, {6}, {1, 6, 64, 64}}
	p.click("example0")
	p.waitState("the RGB example", func(h hook) bool { return sameShapes(h.shapes(), rgb) })
	p.click("tab:channels")
	p.click("chan1")
	p.waitState("channel G in the editor", func(h hook) bool { return h.Tab == "channels" && h.EditChannel == 1 })
	p.screenshot(shots, "tensors-channels.png")

	p.click("depthwise")
	h := p.waitState("depthwise", func(h hook) bool { return h.Settings.Groups == 3 })
	if !slices.Equal(h.Weight, []int{6, 1, 5, 5}) || h.Error != "" || !strings.Contains(h.Code, "groups=3") {
		t.Errorf("depthwise: weight %v error %q code %q", h.Weight, h.Error, h.Code)
	}
	p.screenshot(shots, "tensors-depthwise.png")

	mnist := [4][]int{{16, 1, 28, 28}, {20, 1, 5, 5}, {20}, {16, 20, 28, 28}}
	p.click("example1")
	p.waitState("the MNIST batch example", func(h hook) bool { return sameShapes(h.shapes(), mnist) })
	p.click("tab:batch")
	p.click("sample3")
	p.waitState("sample 3 selected", func(h hook) bool { return h.Sample == 3 && h.Tab == "batch" })
	p.screenshot(shots, "tensors-batch.png")

	p.click("copy_code")
	p.waitState("the text box", func(hook) bool {
		return eval[bool](p, `(() => { const b = document.getElementById('code-box'); return !!b && getComputedStyle(b).display !== 'none'; })()`)
	})
	code := eval[string](p, `document.getElementById('code-text').value`)
	if !strings.HasPrefix(code, "import torch") || !strings.Contains(code, "m = nn.Conv2d(1, 20, kernel_size=5") ||
		!strings.Contains(code, "# the input [16, 1, 28, 28] is in conv_input.npy") || !strings.Contains(code, `np.load("conv_input.npy")`) || !strings.Contains(code, "y = m(x)") {
		t.Errorf("the text box holds:\n%.600s", code)
	}
	p.screenshot(shots, "tensors-code.png")
	p.clickElement("code-close")
	p.waitState("the text box closed", func(hook) bool {
		return eval[bool](p, `getComputedStyle(document.getElementById('code-box')).display === 'none'`)
	})

	p.click("undo") // the MNIST example: back to the RGB one, depthwise
	p.waitState("undo to the depthwise RGB layer", func(h hook) bool { return slices.Equal(h.Weight, []int{6, 1, 5, 5}) })
	p.click("undo") // depthwise
	p.waitState("undo to the RGB example", func(h hook) bool { return sameShapes(h.shapes(), rgb) })
	p.click("undo") // the RGB example
	p.waitState("the playground as it was", func(h hook) bool { return sameShapes(h.shapes(), before) })

	small, _ := openPlayground(t, 800, 600, 1)
	small.click("example0")
	small.waitState("the RGB example at 800x600", func(h hook) bool { return sameShapes(h.shapes(), rgb) })
	small.click("tab:channels")
	small.waitState("the channels tab", func(h hook) bool { return h.Tab == "channels" })
	small.screenshot(shots, "tensors-channels-small.png")
	small.click("example1")
	small.click("tab:batch")
	small.click("sample5")
	small.waitState("sample 5 at 800x600", func(h hook) bool { return h.Sample == 5 })
	small.screenshot(shots, "tensors-batch-small.png")
}
