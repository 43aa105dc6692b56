package game

import (
	"fmt"

	"convplayground/game/state"
	"convplayground/nn"
)

// drawPrediction shows what the trained network makes of the canvas: the
// digit framed as MNIST's are (what it sees), the ten probabilities, its guess.
func (g *Game) drawPrediction(p painter) {
	r, m := g.lay.predict, &g.st.Model
	msg := ""
	switch {
	case m.Net == nil:
		msg = "Trained network unavailable (" + m.Unavailable() + "); presets still work."
	case g.st.Photo:
		msg = "Drop a PNG, JPEG or GIF file, or a .npy tensor, on the window to use your own input. " +
			"The trained network reads 28x28 digits: pick Drawing for its guess."
	}
	if msg != "" {
		for i, l := range p.wrap(msg, r.W, regular, sizeSmall) {
			p.text(l, r.X, r.Y+float64(i)*14, regular, sizeSmall, colMuted, left)
		}
		return
	}
	side := r.H - 14
	// Say whose guess this is: a network trained on MNIST beforehand, not
	// the filters on screen (those only share its first layer when learned).
	p.text(fmt.Sprintf("A separately trained LeNet (%.2f %% on MNIST test) sees:", 100*nn.DefaultAccuracy), r.X, r.Y, regular, sizeSmall-1, colMuted, left)
	img := rect{r.X, r.Y + 14, side, side}
	p.image(g.atlas.pre, img, 1)
	p.stroke(img, 1, colBorder)
	// Ten bars, one per digit, below the line above.
	x0 := img.right() + 12
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
	p.text("guess", gx, r.Y+14, regular, sizeSmall, colMuted, left)
	switch {
	case m.PredErr != nil:
		p.text("error", gx, r.Y+30, regular, sizeBody, colError, left)
	case m.Guess < 0:
		p.text("draw a digit", gx, r.Y+32, regular, sizeSmall, colMuted, left)
	default:
		p.text(fmt.Sprint(m.Guess), gx, r.Y+24, bold, 30, colAccent, left)
		p.text(fmt.Sprintf("%.1f%%", 100*m.Probs[m.Guess]), gx, r.Y+60, mono, sizeSmall, colText, left)
	}
}

// guessW is the room right of the bars for the guess: "draw a digit" and
// "100.0%" are the widest lines.
const guessW = 70

// refreshPre rewrites the preprocessed-digit image when it changed.
func (g *Game) refreshPre() {
	m := &g.st.Model
	if len(m.Pre) != state.Size*state.Size || g.atlas.preKey == &m.Pre[0] {
		return
	}
	g.atlas.preKey = &m.Pre[0]
	pix := g.atlas.prePix
	for i, v := range m.Pre {
		b := uint8(min(1, max(0, v)) * 255)
		pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = b, b, b, 255
	}
	g.atlas.pre.WritePixels(pix)
}
