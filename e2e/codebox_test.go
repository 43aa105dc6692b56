package e2e

import (
	"strings"
	"testing"
)

// Copy code on the first screen, as a learner sees it in the browser's
// text box (issue 20, item 9): the default layer's snippet, 61 lines, its
// kernels two side by side under their names, and every line whole in
// the box at 1280x720 (no sideways scrolling: the box is as wide as the
// snippet's widest line).
func TestCodeBoxLesson(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	p.click("copy_code")
	p.waitState("the text box", func(hook) bool {
		return eval[bool](p, `(() => { const b = document.getElementById('code-box'); return !!b && getComputedStyle(b).display !== 'none'; })()`)
	})
	code := eval[string](p, `document.getElementById('code-text').value`)
	if n := strings.Count(code, "\n"); n > 61 || !strings.Contains(code, "    # w[0, 0]          w[1, 0]\n") || !strings.Contains(code, "m.weight.copy_(w.transpose(1, 2).reshape(8, 1, 5, 5))") {
		t.Errorf("the text box holds %d lines:\n%s", n, code)
	}
	if sw := eval[[]float64](p, `(() => { const e = document.getElementById('code-text'); return [e.scrollWidth, e.clientWidth]; })()`); sw[0] > sw[1] {
		t.Errorf("the snippet is %g px wide in a box of %g: its lines scroll sideways", sw[0], sw[1])
	}
	eval[bool](p, `(() => { const e = document.getElementById('code-text'); e.setSelectionRange(0, 0); e.scrollTop = 0; return true; })()`) // the text, not its selection, in the picture
	p.screenshot(shotDir(t), "code-box-1280x720.png")
}
