package e2e

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"convplayground/conv/npy"
)

// The hook's drop and dropRefused called by a script with bad arguments
// (issue 20: each of these ended the program with a Go panic, {length: 4e9}
// after growing its memory to 4.2 GB, and a 200 MB array was copied into Go
// before it was refused): each is refused with a message, the page runs on.
// A 33 MB file dropped on the page says its size (it said 32 MB).
func TestBrowserDropArguments(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	alive := func(what string) {
		t.Helper()
		if f := eval[string](p, `window.convPlaygroundFailure || ""`); f != "" {
			t.Fatalf("%s: the page reports: %s", what, f)
		}
		f := p.state().Frame
		p.key("g", "KeyG", 'G', 0) // the colour map: a new frame proves the loop runs
		p.waitState(what+": a frame after a key", func(h hook) bool { return h.Frame > f })
	}
	for _, c := range []struct{ call, want string }{
		{`drop('f32.npy', new Float32Array(10))`, "f32.npy: not read (drop takes a name and the file's bytes as a Uint8Array)"},
		{`drop('neg.npy', {length: -1})`, "neg.npy: not read"},
		{`drop('huge.npy', {length: 4e9})`, "huge.npy: not read"},
		{`drop('buf.npy', new ArrayBuffer(8))`, "buf.npy: not read"},
		{`drop()`, "the dropped file: not read"},
		{`drop('fake.npy', Object.create(Uint8Array.prototype))`, "fake.npy: not read"},
		{`drop('big.png', new Uint8Array(64 * 1048576))`, "big.png: 64.0 MB is too large (limit 32 MB)"},
		{`drop('sized.npy', new Uint8Array(8), 33 * 1048576)`, "sized.npy: 33.0 MB is too large (limit 32 MB)"},
		{`dropRefused(2, 0, '')`, "drop one file: 2 files were dropped"},
		{`dropRefused('a', 'b', '')`, "a drop was not read (dropRefused takes two counts and a message)"},
		{`dropRefused(1, 0, 'x'.repeat(1e6))`, strings.Repeat("x", 500)},
		{`dropRefused(-1, 2, '')`, "a drop was not read"},
		{`dropRefused(3, 0, 'why')`, "why"},
	} {
		eval[bool](p, `(() => { window.convPlayground.`+c.call+`; return true; })()`)
		h := p.waitState(c.call, func(h hook) bool { return strings.HasPrefix(h.Notice, c.want) })
		if c.want == strings.Repeat("x", 500) && len(h.Notice) != 500 {
			t.Errorf("%s: a notice of %d characters", c.call, len(h.Notice))
		}
		alive(c.call)
	}

	// Through the page's own drop handler: the file is refused by its size.
	eval[bool](p, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([new Uint8Array(33 * 1048576)], 'photo.png'));
		return document.querySelector('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
	})()`)
	p.waitState("the 33 MB file's message", func(h hook) bool { return h.Notice == "photo.png: 33.0 MB is too large (limit 32 MB)" })
	alive("a 33 MB file")

	// A good file still loads, through the page: a 2x3 .npy becomes the input.
	var b bytes.Buffer
	npy.Write(&b, []int{2, 3}, make([]float32, 6))
	p.drop([2]string{"ok.npy", base64.StdEncoding.EncodeToString(b.Bytes())})
	p.waitState("the good file as the input", func(h hook) bool { return len(h.Input) == 4 && h.Input[2] == 2 && h.Input[3] == 3 })
	alive("a good file")
}
