package game

import "fmt"

// header is the top bar: the title, the layer as PyTorch code, the last
// notice, and the share button when the platform can share a link.
type header struct {
	g     *Game
	r     rect
	ctrls []control
}

const (
	shareW = 110 // the share button's width (and the camera button's)
	sizeW  = 76  // the camera's size button
)

func (h *header) layout(a *areas) []control {
	g := h.g
	h.r, h.ctrls = a.header, nil
	if g.OnShare != nil { // the platform can share a link (browser: copy it)
		label := "Copy link"
		if g.ticks < g.sharedUntil {
			label = g.shareNote
		}
		h.ctrls = []control{{name: "share", kind: kButton, r: rect{h.r.right() - margin - shareW, 11, shareW, rowH},
			label: label, press: func(float64, float64) { g.share() }}}
	}
	if g.StartCamera != nil { // the platform has a camera (browser)
		label := "Camera"
		if g.cam.on {
			label = "Stop camera"
		}
		x := h.r.right() - margin - shareW
		if len(h.ctrls) > 0 {
			x = h.ctrls[0].r.X - 8 - shareW
		}
		h.ctrls = append(h.ctrls, control{name: "camera", kind: kToggle, on: g.cam.on, r: rect{x, 11, shareW, rowH},
			label: label, press: func(float64, float64) { g.toggleCamera() }})
		if g.cam.on { // the size the camera feeds: press for the other
			sz := g.cameraSize()
			h.ctrls = append(h.ctrls, control{name: "camera_size", kind: kButton, r: rect{x - 8 - sizeW, 11, sizeW, rowH},
				label: fmt.Sprintf("%dx%d", sz[0], sz[1]), press: func(float64, float64) { g.nextCameraSize() }})
		}
	}
	return h.ctrls
}

// drawKey: the layer's code and the notice (the button is a control).
func (h *header) drawKey(k *drawKey) { k.r(h.r); k.s(h.g.st.Code()); k.s(h.g.st.Notice) }

func (h *header) draw(p painter) {
	g, r := h.g, h.r
	p.fill(r, colPanel)
	p.line(r.X, r.bottom(), r.right(), r.bottom(), 1, colBorder)
	p.text("Conv Playground", margin, 13, bold, sizeTitle, colText, left)
	x := margin + p.width("Conv Playground", bold, sizeTitle) + 24
	code := g.st.Code()
	p.text(code, x, 17, mono, sizeMono+1, colAccent, left)
	end := r.right() - margin
	if len(h.ctrls) > 0 {
		end = h.ctrls[len(h.ctrls)-1].r.X - 12
		g.drawButtons(p, h.ctrls)
	}
	if n := g.st.Notice; n != "" { // the last action that could not be done, and why
		x += p.width(code, mono, sizeMono+1) + 20
		p.text(p.fit(n, end-x, regular, sizeBody), end, 18, regular, sizeBody, colError, right)
	}
}
