package game

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"testing/fstest"

	"convplayground/conv/npy"
	"convplayground/game/state"
)

// linkElsewhere is a link made elsewhere: stride 2, padding 'valid',
// kernel 3, grey maps.
func linkElsewhere() *state.State {
	src := state.New()
	src.Step(state.SetStride, +1)
	src.Step(state.SetKernel, -2)
	for src.PadString != "valid" {
		src.Step(state.SetPadding, +1)
	}
	src.Colormap = state.ColormapGrey
	return src
}

func TestLoadState(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	src := linkElsewhere()
	if err := g.LoadState(src.Share.Encode()); err != nil {
		t.Fatal(err)
	}
	frame(t, g, screen(g))
	h := hook(t, g)
	if got := h["output"]; shapeText(got) != "[1 8 13 13]" || h["colormap"] != "grey" || h["share"] != src.Share.Encode() {
		t.Errorf("after the link: output %v, colormap %v, share %v", got, h["colormap"], h["share"])
	}

	// A bad link: a message, nothing else changes.
	before := g.st.Share.Encode()
	if err := g.LoadState("c1.garbage"); err == nil {
		t.Fatal("garbage loaded")
	}
	frame(t, g, screen(g))
	if h := hook(t, g); !strings.Contains(h["notice"].(string), "cannot load the shared state") || g.st.Share.Encode() != before {
		t.Errorf("bad link: notice %q, state changed %v", h["notice"], g.st.Share.Encode() != before)
	}

	// A link requested from another goroutine loads on the next update.
	g.st.Step(state.SetOut, +1)
	for i := 0; i < codeEvery; i++ { // the code follows the change
		g.Update()
	}
	g.RequestState(src.Share.Encode())
	g.Update()
	if g.st.Stride != 2 || g.st.OutChannels != 8 {
		t.Errorf("requested link not loaded: stride %d, out %d", g.st.Stride, g.st.OutChannels)
	}
}

func TestShareCode(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	var shared, seen []string
	g.OnShare = func(code string) string { shared = append(shared, code); return "Done" }
	g.OnCode = func(code string) { seen = append(seen, code) }

	// Changes reach OnCode at most every codeEvery ticks, once per change.
	for i := 0; i < 3*codeEvery; i++ {
		if i < 10 {
			g.st.Step(state.SetOut, +1)
		}
		g.Update()
	}
	if len(seen) != 1 || seen[0] != g.st.Share.Encode() {
		t.Errorf("OnCode calls: %d, want 1 with the current code", len(seen))
	}

	// The button shares the current code and says so for a while.
	click(t, g, "share")
	g.Update()
	if len(shared) != 1 || shared[0] != g.st.Share.Encode() {
		t.Fatalf("OnShare got %v", shared)
	}
	if l := ctrlLabel(g, "share"); l != "Done" {
		t.Errorf("button says %q after sharing, want Done", l)
	}
	for i := 0; i < noteTicks; i++ {
		g.Update()
	}
	if l := ctrlLabel(g, "share"); l != "Copy link" {
		t.Errorf("button says %q later, want Copy link", l)
	}
}

func ctrlLabel(g *Game, name string) string {
	for _, c := range g.ctrls {
		if c.name == name {
			return c.label
		}
	}
	return ""
}

func shapeText(v any) string { return fmt.Sprint(v) }

func TestDropNPY(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	var good bytes.Buffer
	plane := make([]float32, 3*32*32)
	for i := range plane {
		plane[i] = float32(i%32) / 31
	}
	if err := npy.Write(&good, []int{1, 3, 32, 32}, plane); err != nil {
		t.Fatal(err)
	}
	g.loadDropped(fstest.MapFS{"cifar.NPY": {Data: good.Bytes()}})
	frame(t, g, screen(g))
	if h := hook(t, g); shapeText(h["input"]) != "[1 3 32 32]" || shapeText(h["output"]) != "[1 8 32 32]" || g.st.PhotoName != "cifar.NPY" {
		t.Errorf("dropped [1,3,32,32]: input %v, name %q, notice %v", h["input"], g.st.PhotoName, g.st.Notice)
	}
	before := g.st.Share.Encode()
	var big bytes.Buffer
	npy.Write(&big, []int{1, 1, 300, 300}, make([]float32, 300*300))
	g.loadDropped(fstest.MapFS{"big.npy": {Data: big.Bytes()}})
	if !strings.Contains(g.st.Notice, "big.npy: shape [1 1 300 300] is not an input") || g.st.Share.Encode() != before {
		t.Errorf("dropped [1,1,300,300]: notice %q", g.st.Notice)
	}

	// The largest input, not square: the atlas grows, the maps keep the
	// input's shape and are drawn (not the background).
	g.loadDropped(fstest.MapFS{"wide.npy": {Data: wideNPY(100, 256)}})
	img := frame(t, g, screen(g))
	if h := hook(t, g); shapeText(h["output"]) != "[1 8 100 256]" || g.st.Notice != "" {
		t.Fatalf("dropped [100,256]: output %v, notice %q", h["output"], g.st.Notice)
	}
	r := mapsOf(g).tiles[0]
	if r.W/r.H < 2.4 || r.W/r.H > 2.7 {
		t.Errorf("map tile %v does not keep the 256:100 shape", r)
	}
	if n := countColor(img, region(g, r), func(c color.RGBA) bool { return c != colBg }); n < region(g, r).Dx()*region(g, r).Dy()/2 {
		t.Errorf("map 0 of the wide input is mostly background: %d pixels drawn", n)
	}
}

// wideNPY is an h×w .npy with a diagonal stripe.
func wideNPY(h, w int) []byte {
	v := make([]float32, h*w)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if d := x/2 - y; d > -8 && d < 8 {
				v[y*w+x] = 1
			}
		}
	}
	var b bytes.Buffer
	if err := npy.Write(&b, []int{h, w}, v); err != nil {
		panic(err) // a valid shape into memory: cannot fail
	}
	return b.Bytes()
}
