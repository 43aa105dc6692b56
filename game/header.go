package game

import "fmt"

// header is the top bar: the title, the layer as PyTorch code, the last
// notice, the two examples' buttons, and the share button when the
// platform can share a link.
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
	right := h.r.right() - margin
	if g.OnShare != nil {
		right -= shareW + 12
	}
	if h.r.H <= headerH { // portrait's narrow header has no room for them
		h.ctrls = g.exampleButtons(right)
	}
	if g.OnShare != nil { // the platform can share a link (browser: copy it)
		label := "Copy link"
		if g.ticks < g.sharedUntil {
			label = g.shareNote
		}
		h.ctrls = append(h.ctrls, control{name: "share", kind: kButton, r: rect{h.r.right() - margin - shareW, 11, shareW, rowH},
			label: label, press: func(float64, float64) { g.share() }})
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
	end := r.right() - margin
	for _, c := range h.ctrls { // left of the leftmost button (examples, camera, share)
		end = min(end, c.r.X-12)
	}
	x := float64(margin)
	if w := p.width("Conv Playground", bold, sizeTitle); margin+w <= end { // a phone's header may have no room
		p.text("Conv Playground", margin, 13, bold, sizeTitle, colText, left)
		x += w + 24
	}
	g.drawButtons(p, h.ctrls)
	if r.H > headerH { // portrait: a line under the title for the notice, else the code
		if n := g.st.Notice; n != "" {
			p.text(p.fit(n, r.W-2*margin, regular, sizeBody), margin, headerH-4, regular, sizeBody, colError, left)
		} else {
			p.text(p.fit(g.st.Code(), r.W-2*margin, mono, sizeSmall+1), margin, headerH-4, mono, sizeSmall+1, colAccent, left)
		}
		return
	}
	// A narrow header sets the code smaller before it cuts it.
	code, size := g.st.Code(), float64(sizeMono+1)
	for size > sizeSmall && p.width(code, mono, size) > end-x {
		size -= 0.5
	}
	code = p.fit(code, end-x, mono, size)
	p.text(code, x, 17+(sizeMono+1-size)/2, mono, size, colAccent, left)
	if n := g.st.Notice; n != "" { // the last action that could not be done, and why
		x += p.width(code, mono, size) + 20
		if p.width(n, regular, sizeBody) <= end-x {
			p.text(n, end, 18, regular, sizeBody, colError, right)
			return
		}
		lines := p.wrap(n, end-x, regular, sizeSmall) // two smaller lines, then cut
		for i := range min(2, len(lines)) {
			l := lines[i]
			if i == 1 && len(lines) > 2 {
				l = p.fit(l+" "+lines[2], end-x, regular, sizeSmall)
			}
			p.text(l, end, 10+float64(i)*15, regular, sizeSmall, colError, right)
		}
	}
}
