package game

import (
	"math"
	"testing"

	"convplayground/game/state"
	"convplayground/game/teach"
	"convplayground/i18n"
)

// transposed sets the layer to ConvTranspose2d(1, 8, 5, stride=2,
// padding=2, output_padding=1) on MNIST digit 0 by clicking the switch.
func transposed(t *testing.T, g *Game) {
	t.Helper()
	g.st.Input.PickDigit(0)
	click(t, g, "layer:ConvTranspose2d")
	g.st.Step(state.SetStride, +1)
	g.st.Recompute()
	g.relayout()
	click(t, g, "output_padding+")
	g.st.Recompute()
	g.relayout()
}

// The switch makes the layer a ConvTranspose2d with output_padding's
// stepper, and the shapes panel says its formula and shape inverse.
func TestTransposeShapes(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {800, 600}} {
		g := newAt(t, size[0], size[1], 1)
		transposed(t, g)
		if !g.st.Transposed || g.st.OutputPadding != 1 || g.st.Err != nil {
			t.Fatalf("after the clicks: transposed %v, output_padding %d, error %v", g.st.Transposed, g.st.OutputPadding, g.st.Err)
		}
		text := ShapeText(g.st)
		want := map[string]bool{
			"output  [1, 8, 56, 56]": false,
			"H_out = W_out = (28 − 1)·2 − 2·2 + 1·(5 − 1) + 1 + 1 = 56": false,
			"shape inverse: nn.Conv2d(8, 1, 5, stride=2, padding=2)":    false,
			"floor((56 − 5 + 2·2)/2) + 1 = 28 = H_in, exact":            false,
			"55..56 all give 28: output_padding = 1 picks 56":           false,
		}
		for _, l := range text {
			if _, ok := want[l]; ok {
				want[l] = true
			}
		}
		for l, seen := range want {
			if !seen {
				t.Errorf("the shapes panel lacks %q: %q", l, text)
			}
		}
		g.dirty = true
		shot := frame(t, g, screen(g))
		saveShot(t, "transpose-shapes-"+sizeName(size)+".png", shot)
	}
}

func sizeName(s [2]float64) string {
	if s[0] == 1280 {
		return "1280"
	}
	return "800"
}

// Both views of a stepped cell, at both sizes: the explanation's sums are
// the core's value; the screenshots are for looking at.
func TestTransposeViews(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {800, 600}} {
		g := newAt(t, size[0], size[1], 1)
		transposed(t, g)
		click(t, g, "tab:explain")
		g.st.Player.SetPlayMap(1)     // the Gaussian blur
		g.st.Player.Scrub(20*56 + 23) // cell (20, 23)
		g.st.Recompute()
		g.relayout()
		tp := panelOf[*transposePanel](g)
		// Stride 2, padding 2: kernel rows 0, 2, 4 reach row 20 from input
		// rows 11, 10, 9; kernel columns 1, 3 reach column 23 from 12, 11.
		if got := paintsText(i18n.EN, g.st, 20, 23); got != "painted by 6 input pixel(s): rows 9..11, cols 11..12" {
			t.Errorf("the hover says %q", got)
		}
		img := screen(g)
		for _, view := range []string{"scatter", "zeros"} {
			click(t, g, "tview:"+view)
			g.dirty = true
			shot := frame(t, g, img)
			saveShot(t, "transpose-"+view+"-"+sizeName(size)+".png", shot)
			e := &tp.e
			if !tp.ok || e.Cell != (teach.Cell{Map: 1, OY: 20, OX: 23}) || g.st.Teach.ZeroInsertion() != (view == "zeros") {
				t.Fatalf("%s: explained %v (%v), zero insertion %v", view, e.Cell, tp.ok, g.st.Teach.ZeroInsertion())
			}
			if v, _ := g.st.Teach.OutValue(1, 20, 23); e.Value != v || math.Abs(e.Sum-float64(v)) > 1e-5 || math.Abs(e.StuffedSum()-float64(v)) > 1e-5 {
				t.Errorf("%s: sums %v and %v, the map's value %v", view, e.Sum, e.StuffedSum(), v)
			}
		}
	}
}

// On a phone the transposed settings keep finger-sized buttons:
// output_padding takes padding_mode's row while that is 'zeros'.
func TestTransposePortrait(t *testing.T) {
	g := newAt(t, 390, 844, 2)
	g.page = pageFilter
	g.relayout()
	click(t, g, "layer:ConvTranspose2d")
	g.st.Recompute()
	g.relayout()
	for _, c := range g.ctrls {
		if g.onScreen(c.r) {
			checkFinger(t, g, "transposed filter page", c)
		}
	}
	if ctrlRectOf(g, "output_padding+") == (rect{}) || ctrlRectOf(g, "padding_mode+") != (rect{}) {
		t.Error("output_padding is not in padding_mode's place")
	}
	g.st.Step(state.SetMode, +1) // reflect: its row comes back, to be set back
	g.st.Recompute()
	g.relayout()
	if ctrlRectOf(g, "padding_mode-") == (rect{}) || g.st.Err == nil {
		t.Errorf("reflect: no padding_mode row or no error (%v)", g.st.Err)
	}
}

// On a phone's maps page the transposed explain view's controls are
// finger-sized, in both views.
func TestTransposePortraitExplain(t *testing.T) {
	g := newAt(t, 390, 844, 2)
	transposed(t, g)
	g.page = pageMaps
	g.relayout()
	click(t, g, "tab:explain")
	g.relayout()
	g.st.Player.Scrub(20*56 + 23)
	for _, v := range []string{"scatter", "zeros"} {
		click(t, g, "tview:"+v)
		g.relayout()
		for _, c := range g.ctrls {
			if g.onScreen(c.r) {
				checkFinger(t, g, "transposed explain, "+v, c)
			}
		}
		g.dirty = true
		saveShot(t, "transpose-"+v+"-390.png", frame(t, g, screen(g)))
	}
}

// The zeros around the stuffed input, or the rows a wide padding crops.
func TestAroundText(t *testing.T) {
	for _, c := range []struct {
		before, outPad int
		want           string
	}{{2, 1, "2 before, 3 after"}, {0, 0, "0 before, 0 after"}, {-2, 1, "2 cropped before, 1 cropped after"}, {-1, 2, "1 cropped before, 1 after"}} {
		if got := around(i18n.EN, c.before, c.outPad); got != c.want {
			t.Errorf("around(%d, %d) = %q, want %q", c.before, c.outPad, got, c.want)
		}
	}
}

// On the RGB input the pictures show the channel the filter editor shows;
// the sums are over all three.
func TestTransposeRGBChannel(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	g.st.Input.SetPhoto(true)
	click(t, g, "layer:ConvTranspose2d")
	g.st.Recompute()
	g.relayout()
	click(t, g, "tab:explain")
	g.st.Player.Scrub(40*64 + 30)
	g.relayout()
	click(t, g, "chan1")
	click(t, g, "tview:zeros")
	g.dirty = true
	shot := frame(t, g, screen(g))
	saveShot(t, "transpose-rgb-zeros-1280.png", shot)
	tp := panelOf[*transposePanel](g)
	if !tp.ok || len(tp.e.Channels) != 3 || tp.shownChannel() != 1 {
		t.Fatalf("explained %v, channels %v, shown %d", tp.ok, tp.e.Channels, tp.shownChannel())
	}
	if v, _ := g.st.Teach.OutValue(0, 40, 30); math.Abs(tp.e.StuffedSum()-float64(v)) > 1e-5*max(1, math.Abs(float64(v))) {
		t.Errorf("the three channels' sum %v, the map's value %v", tp.e.StuffedSum(), v)
	}
}
