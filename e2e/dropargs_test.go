package e2e

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"

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

// bigPNG is a w×h PNG (16 bits per channel when deep), a smooth pattern
// that compresses to little.
func bigPNG(t *testing.T, w, h int, deep bool) string {
	t.Helper()
	var img image.Image
	if deep {
		m := image.NewNRGBA64(image.Rect(0, 0, w, h))
		for i := 0; i < len(m.Pix); i += 8 {
			m.Pix[i], m.Pix[i+2], m.Pix[i+6] = byte(i/8%w*255/w), byte(i/8/w*255/h), 0xff
		}
		img = m
	} else {
		m := image.NewNRGBA(image.Rect(0, 0, w, h))
		for i := 0; i < len(m.Pix); i += 4 {
			m.Pix[i], m.Pix[i+1], m.Pix[i+3] = byte(i/4%w*255/w), byte(i/4/w*255/h), 0xff
		}
		img = m
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

// Huge dropped images (issue 20: a 4096² 16-bit PNG froze a frame for
// 1.8 s and took the wasm memory from 20 to 172 MB, 721 MB after 65
// drops): refused from the header with the limit in the message, the
// memory unchanged; the largest allowed picture, dropped again and again,
// keeps the memory bounded.
func TestBrowserHugeImages(t *testing.T) {
	browser := newBrowser(t)
	p, _ := openURL(t, browser, serveSite(t, site(t)), viewW, viewH, 1)
	keepWasmMemory(t, p)
	mem := func() float64 { return eval[memory](p, pageMemory).Wasm / (1 << 20) }
	before := mem()
	p.drop([2]string{"deep.png", bigPNG(t, 4096, 4096, true)})
	p.waitState("the refusal", func(h hook) bool { return strings.Contains(h.Notice, "deep.png: 4096x4096 pixels (16.8 megapixels)") })
	if after := mem(); after > before+40 { // the file itself, base64 in JS, copied once into Go
		t.Errorf("wasm memory %.0f MB → %.0f MB to refuse a huge picture", before, after)
	}
	t.Logf("refusing a 4096x4096 16-bit PNG: wasm memory %.0f MB → %.0f MB", before, mem())
	photo := bigPNG(t, 4000, 3000, false)
	var sizes []string
	for i := range 5 {
		name := "photo" + strconv.Itoa(i) + ".png"
		eval[bool](p, `(window.convPlayground.dropRefused(1, 0, 'before `+name+`'), true)`)
		p.waitState("the notice before "+name, func(h hook) bool { return h.Notice == "before "+name })
		start := time.Now()
		p.drop([2]string{name, photo})
		p.waitState(name, func(h hook) bool { return h.Notice == "" && h.Settings.Photo && len(h.Input) == 4 && h.Input[2] == 192 })
		sizes = append(sizes, fmt.Sprintf("%.0f MB (%v)", mem(), time.Since(start).Round(10*time.Millisecond)))
	}
	t.Logf("wasm memory after each 4000x3000 photo: %s", strings.Join(sizes, ", "))
	if last := mem(); last > 300 {
		t.Errorf("wasm memory %.0f MB after 5 photos of 12 megapixels", last)
	}
}
