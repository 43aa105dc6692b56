package game

import (
	"convplayground/game/teach"
	"fmt"
	"image/color"
	"strings"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
	"convplayground/nn"
)

// inputPanel is the left column: the canvas with its padding ring, the
// brush and input buttons, and the trained network's guess.
type inputPanel struct {
	*view
	head, box rect    // the heading; the canvas with its padding ring
	canvas    rect    // the input itself
	cs        float64 // canvas cell size
	note      rect    // where the input came from, right of the heading
	guess     rect
	overlay   layer // the padding ring and the grid (drawOverlay)
	ctrls     []control
	lastX     float64 // the last stroke point, canvas pixels
	lastY     float64
}

const (
	padCells = state.MaxPad // room around the canvas for the padding ring
	predH    = 84           // the network's guess, under the input buttons
	// guessW is the room right of the bars for the guess: "draw a digit"
	// and "100.0%" are the widest lines.
	guessW = 70
)

func (in *inputPanel) layout(a *areas) []control {
	s, r := in.st, a.input
	x := r.X
	in.head = rect{x, r.Y, r.W, headH}
	in.note = rect{x, r.Y, r.W, 20}
	side := min(r.W, r.H-headH-3*(rowH+6)-6-predH)
	b := r // the buttons and the guess: under the canvas, or (sideways) right of it
	if a.inputSide.W > 0 {
		side, b = min(r.W, r.H-headH-2), a.inputSide
		in.note = rect{b.X, b.Y, b.W, 20}
	}
	in.box = rect{x + (r.W-side)/2, r.Y + headH + 2, side, side}
	h, w := float64(s.H()), float64(s.W())
	in.cs = side / (max(h, w) + 2*padCells)
	// A non-square input is centred in the square box.
	ox, oy := (side-(w+2*padCells)*in.cs)/2, (side-(h+2*padCells)*in.cs)/2
	in.canvas = rect{in.box.X + ox + padCells*in.cs, in.box.Y + oy + padCells*in.cs, w * in.cs, h * in.cs}
	bw := (b.W - 3*6) / 4.0
	col := func(i int) float64 { return b.X + float64(i)*(bw+6) }
	hw := (bw - 4) / 2 // Undo and Redo share a column
	y := in.box.bottom() + 8
	if b != r {
		y = b.Y + headH
	}
	photo := in.t(i18n.InputRGBPhoto)
	if strings.HasSuffix(strings.ToLower(s.Input.PhotoName), ".npy") {
		photo = in.t(i18n.InputYourNpy)
	}
	undoKind := kButton
	if p := (painter{k: in.k(), fonts: &in.fonts}); max(p.width(in.t(i18n.InputUndo), regular, sizeBody), p.width(in.t(i18n.InputRedo), regular, sizeBody)) > hw-4 {
		undoKind = kItem // a phone's narrow column: the smaller label
	}
	in.ctrls = []control{
		{name: "canvas", kind: kCanvas, r: in.box, press: in.pressCanvas, drag: in.dragCanvas},
		{name: "pen", kind: kToggle, r: rect{col(0), y, bw, rowH}, label: in.t(i18n.InputPen), on: !in.eraser, press: func(float64, float64) { in.eraser = false }},
		{name: "eraser", kind: kToggle, r: rect{col(1), y, bw, rowH}, label: in.t(i18n.InputEraser), on: in.eraser, press: func(float64, float64) { in.eraser = true }},
		{name: "undo", kind: undoKind, r: rect{col(2), y, hw, rowH}, label: in.t(i18n.InputUndo), press: func(float64, float64) { s.History.Undo() }},
		{name: "redo", kind: undoKind, r: rect{col(2) + bw - hw, y, hw, rowH}, label: in.t(i18n.InputRedo), press: func(float64, float64) { s.History.Redo() }},
		{name: "clear", kind: kButton, r: rect{col(3), y, bw, rowH}, label: in.t(i18n.InputClear), press: func(float64, float64) { s.Input.Clear() }},
		{name: "digit", kind: kButton, r: rect{col(0), y + rowH + 6, 2*bw + 6, rowH}, label: in.t(i18n.InputRandomDigit), press: func(float64, float64) { s.Input.RandomDigit(in.rng) }},
		{name: "drawing", kind: kToggle, r: rect{col(2), y + rowH + 6, bw, rowH}, label: in.t(i18n.InputDrawing), on: !s.Input.Photo, press: func(float64, float64) { s.Input.SetPhoto(false) }},
		{name: "photo", kind: kToggle, r: rect{col(3), y + rowH + 6, bw, rowH}, label: photo, on: s.Input.Photo, press: func(float64, float64) { s.Input.SetPhoto(true) }},
		{name: "tensor", kind: kToggle, r: rect{col(0), y + 2*(rowH+6), 2*bw + 6, rowH}, label: "ToTensor  [0, 1]", on: !s.Normalize, press: func(float64, float64) { s.Input.SetNormalize(false) }},
		{name: "normalize", kind: kToggle, r: rect{col(2), y + 2*(rowH+6), 2*bw + 6, rowH}, label: "Normalize  [-1, 1]", on: s.Normalize, press: func(float64, float64) { s.Input.SetNormalize(true) }},
	}
	in.guess = rect{b.X, y + 3*rowH + 2*6 + 10, b.W, predH - 10}
	return in.ctrls
}

// drawKey: the input, the maps (padding, the guess) and the hovered
// cell's window all change only with the state's versions or the hover.
func (in *inputPanel) drawKey(k *drawKey) {
	s, h := in.st, in.hover
	k.u(s.Version)
	k.u(s.OutVersion)
	k.i(h.ch)
	k.i(h.oy)
	k.i(h.ox)
	k.r(in.canvas)
	k.r(in.guess)
}

// toCanvas converts virtual pixels to canvas pixel coordinates.
func (in *inputPanel) toCanvas(x, y float64) (float64, float64) {
	return (x - in.canvas.X) / in.cs, (y - in.canvas.Y) / in.cs
}

func (in *inputPanel) pressCanvas(x, y float64) {
	in.st.Input.BeginStroke()
	cx, cy := in.toCanvas(x, y)
	in.st.Input.Stroke(cx, cy, cx, cy, in.eraser)
	in.lastX, in.lastY = cx, cy
}

func (in *inputPanel) dragCanvas(x, y float64) {
	cx, cy := in.toCanvas(x, y)
	if cx != in.lastX || cy != in.lastY {
		in.st.Input.Stroke(in.lastX, in.lastY, cx, cy, in.eraser)
		in.lastX, in.lastY = cx, cy
	}
}

// hover writes the input value under the pointer.
func (in *inputPanel) hoverAt(x, y float64, h *hoverInfo) {
	if in.historyTip(x, y, h) || !in.canvas.has(x, y) {
		return
	}
	cx, cy := in.toCanvas(x, y)
	iy, ix, st := int(cy), int(cx), in.st
	n := min(st.Sample, st.Input.N()-1) // the canvas shows the selected sample
	h.text = fmt.Sprintf("x[%d, 0, %d, %d] = %.3g", n, iy, ix, st.InputValue(0, iy, ix))
	if st.C() == 3 {
		h.text = fmt.Sprintf("x[%d, :, %d, %d] = (%.3g, %.3g, %.3g)", n, iy, ix,
			st.InputValue(0, iy, ix), st.InputValue(1, iy, ix), st.InputValue(2, iy, ix))
	}
}

// historyTip is the tooltip of Undo and Redo: what they would do
// ("Undo: stride 2 → 1").
func (in *inputPanel) historyTip(x, y float64, h *hoverInfo) bool {
	for _, c := range in.ctrls {
		if (c.name == "undo" || c.name == "redo") && c.r.has(x, y) {
			h.text = in.st.History.UndoLabel()
			if c.name == "redo" {
				h.text = in.st.History.RedoLabel()
			}
			if h.text == "" {
				h.text = in.t(i18n.NoticeNothingToUndo)
				if c.name == "redo" {
					h.text = in.t(i18n.NoticeNothingToRedo)
				}
			}
			return true
		}
	}
	return false
}

func (in *inputPanel) draw(p painter) {
	s, cs := in.st, in.cs
	heading(p, in.head, in.tf(i18n.InputHead, conv.FormatShape(s.InputShape())))
	p.fill(in.box, rgb(0xe9e4d8))
	// The padded input: canvas plus the padding ring the shown maps used.
	h, w := s.H(), s.W()
	p.image(in.inputImage(), rect{in.canvas.X - padCells*cs, in.canvas.Y - padCells*cs, float64(w+2*padCells) * cs, float64(h+2*padCells) * cs}, 1)
	in.drawOverlay(p)
	p.stroke(in.canvas, 1, colAccent)
	in.drawWindow(p)
	in.drawButtons(p, in.ctrls)
	p.text(in.noteText(p), in.note.right(), in.note.Y+4, regular, sizeSmall, colMuted, right)
	in.drawGuess(p)
}

// drawOverlay draws the padding ring and the pixel grid, kept as one image
// until the geometry changes (a stroke redraws the canvas, not them).
func (in *inputPanel) drawOverlay(p painter) {
	s := in.st
	ring := s.MapsFitInput() && s.Geom.Pad != [4]int{}
	k := drawKey{keySeed}
	k.r(in.canvas)
	k.f(in.cs)
	k.f(p.k)
	k.i(s.H())
	k.i(s.W())
	k.b(ring)
	k.s(string(in.lang)) // the ring's label
	if ring {
		for _, v := range s.Geom.Pad {
			k.i(v)
		}
		k.s(string(s.OutConv.PaddingMode))
	}
	in.overlay.draw(p, k.h, func(p painter) {
		if ring {
			in.drawPadding(p)
		}
		in.drawGrid(p)
	})
}

// drawGrid draws a faint pixel grid that shows the canvas's cells.
func (in *inputPanel) drawGrid(p painter) {
	c, cs := in.canvas, in.cs
	h, w := in.st.H(), in.st.W()
	grid := withAlpha(rgb(0xffffff), 0.07)
	for i := 1; i < max(h, w) && cs >= 6; i++ {
		o := float64(i) * cs
		if i < w {
			p.line(c.X+o, c.Y, c.X+o, c.bottom(), 1, grid)
		}
		if i < h {
			p.line(c.X, c.Y+o, c.right(), c.Y+o, 1, grid)
		}
	}
}

// noteText says where the input came from.
func (in *inputPanel) noteText(p painter) string {
	s := in.st
	switch {
	case s.Sample > 0: // a sample of the batch other than the drawing
		return p.fit(in.tf(i18n.InputSample, s.Sample, s.Input.BatchView().Samples[min(s.Sample, s.Input.N()-1)].Source), 160, regular, sizeSmall)
	case s.Input.Photo && s.Input.PhotoName != "":
		return p.fit(s.Input.PhotoName, 120, regular, sizeSmall)
	case s.Input.Photo:
		return in.t(i18n.InputGeneratedPhoto)
	case s.Input.CanvasName != "":
		return p.fit(s.Input.CanvasName, 160, regular, sizeSmall)
	case s.Input.Digit >= 0:
		return in.tf(i18n.InputMNISTDigit, s.Input.Digits[s.Input.Digit].Label)
	}
	return in.t(i18n.InputYourDrawing)
}

// drawPadding marks the ring of padding the shown maps read around the
// canvas: tinted and hatched, so it reads as made up, not drawn.
func (in *inputPanel) drawPadding(p painter) {
	s, c, cs := in.st, in.canvas, in.cs
	h, w, pd := s.H(), s.W(), s.Geom.Pad
	ring := rect{c.X - float64(pd[2])*cs, c.Y - float64(pd[0])*cs,
		float64(w+pd[2]+pd[3]) * cs, float64(h+pd[0]+pd[1]) * cs}
	tint := withAlpha(colPadTap, 0.22)
	p.fill(rect{ring.X, ring.Y, ring.W, c.Y - ring.Y}, tint)
	p.fill(rect{ring.X, c.bottom(), ring.W, ring.bottom() - c.bottom()}, tint)
	p.fill(rect{ring.X, c.Y, c.X - ring.X, c.H}, tint)
	p.fill(rect{c.right(), c.Y, ring.right() - c.right(), c.H}, tint)
	p.stroke(ring, 1, colPadTap)
	hatch := withAlpha(colPadTap, 0.55)
	for y := -pd[0]; y < h+pd[1] && cs >= 3; y++ { // each cell, when big enough to see
		for x := -pd[2]; x < w+pd[3]; x++ {
			if y >= 0 && x >= 0 && y < h && x < w {
				continue
			}
			cx, cy := c.X+float64(x)*cs, c.Y+float64(y)*cs
			p.line(cx+cs*0.2, cy+cs*0.8, cx+cs*0.8, cy+cs*0.2, 1, hatch)
		}
	}
	p.text(in.tf(i18n.InputPaddingRing, s.OutConv.PaddingMode), ring.X, ring.bottom()+1, regular, sizeSmall, colMuted, left)
}

// drawWindow outlines, on the canvas, the taps of the hovered output cell:
// blue inside the input, orange in the padding.
func (in *inputPanel) drawWindow(p painter) {
	h := in.hover
	if h.ch < 0 {
		return
	}
	in.drawTaps(p, in.st.Teach.Window(h.oy, h.ox), tapStyle{pad: colPadTap, inset: 0.15, alpha: 0.45})
}

// tapStyle is how drawTaps marks taps: padding taps in pad, each tap inset
// by that share of a pixel and at that alpha, and (sources) the pixel a
// padding tap copies framed.
type tapStyle struct {
	pad          color.RGBA
	inset, alpha float64
	sources      bool
}

// drawTaps marks a window's taps on the input (the padded input's pixels
// around the canvas): the box from the first tap to the last, then each.
func (in *inputPanel) drawTaps(p painter, taps []teach.WindowTap, st tapStyle) {
	if len(taps) == 0 {
		return
	}
	a, b := in.pixel(taps[0].Y, taps[0].X), in.pixel(taps[len(taps)-1].Y, taps[len(taps)-1].X)
	p.stroke(rect{a.X, a.Y, b.right() - a.X, b.bottom() - a.Y}, 2, colWinTap)
	for _, t := range taps {
		c := colWinTap
		if t.InPadding {
			c = st.pad
			if st.sources && t.Reads() {
				p.stroke(in.pixel(t.SrcY, t.SrcX).inset(in.cs*0.1), 1, st.pad)
			}
		}
		p.fill(in.pixel(t.Y, t.X).inset(in.cs*st.inset), withAlpha(c, st.alpha))
	}
}

// pixel is input pixel (y, x) on screen (outside the input: the padding).
func (in *inputPanel) pixel(y, x int) rect {
	return rect{in.canvas.X + float64(x)*in.cs, in.canvas.Y + float64(y)*in.cs, in.cs, in.cs}
}

// drawGuess shows what the trained network makes of the canvas: the digit
// framed as MNIST's are (what it sees), the ten probabilities, its guess;
// and whose guess it is (guessText).
func (in *inputPanel) drawGuess(p painter) {
	r := in.guess
	head, msg := in.guessText()
	if msg != "" {
		for i, l := range p.wrap(msg, r.W, regular, sizeSmall) {
			p.text(l, r.X, r.Y+float64(i)*14, regular, sizeSmall, colMuted, left)
		}
		return
	}
	side := r.H - 14
	p.text(p.fit(head, r.W, regular, sizeSmall-1), r.X, r.Y, regular, sizeSmall-1, colMuted, left)
	img := rect{r.X, r.Y + 14, side, side}
	p.image(in.atlas.pre, img, 1)
	p.stroke(img, 1, colBorder)
	in.drawProbs(p, img.right()+12, side)
}

// guessText says whose guess is shown (head), or instead of a guess why
// there is none (msg): with the learned set on screen the network's conv1
// is the layer on screen; when that layer breaks its chain the network
// cannot run; with presets a separately trained copy guesses.
func (in *inputPanel) guessText() (head, msg string) {
	s, m := in.st, &in.st.Trained.Model
	switch {
	case m.Net == nil:
		return "", in.tf(i18n.GuessUnavailable, m.Unavailable())
	case m.OnScreen && !m.Chain.OK():
		return "", in.tf(i18n.GuessRefused, m.Chain.Broken, m.Chain.Err) // PyTorch's words in it
	case m.OnScreen && m.PredErr != nil: // a sentence: capitalised, with a full stop
		e := i18n.Text(in.lang, m.PredErr)
		if !strings.HasSuffix(e, ".") {
			e += "."
		}
		return "", strings.ToUpper(e[:1]) + e[1:]
	case m.OnScreen && m.Moved != "":
		return in.tf(i18n.GuessMoved, m.Moved), ""
	case m.OnScreen:
		return in.t(i18n.GuessOnScreen), ""
	case s.Input.Photo:
		return "", in.t(i18n.GuessPhoto)

	}
	return in.tf(i18n.GuessSeparate, 100*nn.DefaultAccuracy), ""
}

// drawProbs draws ten bars, one per digit, from x0 to the right, and the
// guess beside them.
func (in *inputPanel) drawProbs(p painter, x0, side float64) {
	r, m := in.guess, &in.st.Trained.Model
	bw := min(20, (r.right()-x0-guessW)/10)
	base := r.bottom() - 14
	for d := 0; d < 10; d++ {
		x := x0 + float64(d)*bw
		h := float64(m.Probs[d]) * (side - 14)
		c := colButtonHi
		if d == m.Guess {
			c = colAccent
		}
		p.fill(rect{x + 2, base - h, bw - 4, h}, c)
		p.text(fmt.Sprint(d), x+bw/2, base+1, mono, sizeSmall+1, colText, center)
	}
	p.line(x0, base, x0+10*bw, base, 1, colBorder)
	gx := x0 + 10*bw + 10
	p.text(in.t(i18n.GuessLabel), gx, r.Y+14, regular, sizeSmall, colMuted, left)
	switch {
	case m.PredErr != nil:
		p.text(in.t(i18n.GuessError), gx, r.Y+30, regular, sizeBody, colError, left)
	case m.Guess < 0:
		p.text(in.t(i18n.GuessDrawDigit), gx, r.Y+32, regular, sizeSmall, colMuted, left)
	default:
		p.text(fmt.Sprint(m.Guess), gx, r.Y+24, bold, 30, colAccent, left)
		p.text(fmt.Sprintf("%.1f%%", 100*m.Probs[m.Guess]), gx, r.Y+60, mono, sizeSmall, colText, left)
	}
}
