package game

import (
	"convplayground/i18n"
	"fmt"
	"strings"
)

// header is the top bar: the title, the layer as PyTorch code, the last
// notice, the two examples' buttons, and the share button when the
// platform can share a link.
type header struct {
	g     *Game
	r     rect
	ctrls []control
	open  string // the notice opened in full by a click on it, "" for none
	// Portrait (phonemenu.go): the Examples menu is open; the buttons
	// with no room beside the title are in it.
	menuOpen bool
	inMenu   []control
	lineEnd  float64 // portrait: where the notice's line ends (the language switch is right of it)
	barX     float64 // sideways: where the row's title or notice ends (the page bar)
}

const (
	shareW = 110 // the share button's width (and the camera button's)
	sizeW  = 76  // the camera's size button
)

func (h *header) layout(a *areas) []control {
	g := h.g
	h.r, h.ctrls, h.inMenu, h.barX = a.header, nil, nil, 0
	if h.r.H > headerH { // portrait: the title, the Examples menu (phonemenu.go)
		h.layoutPortrait()
		return h.noticeControl()
	}
	if g.sideways { // one row: the title, the page bar, the Examples menu
		h.layoutSideways(a)
		return h.noticeControl()
	}
	sw, end := h.langControls(h.r.right()-margin, 11, true)
	end -= 12
	right, bw := end, h.buttonW()
	if g.OnShare != nil {
		right -= bw + 12
	}
	h.ctrls = append(g.exampleButtons(right), sw...)
	if g.OnShare != nil { // the platform can share a link (browser: copy it)
		h.ctrls = append(h.ctrls, h.shareControl(rect{end - bw, 11, bw, rowH}))
	}
	if g.StartCamera != nil { // the platform has a camera (browser)
		x := end - bw
		if len(h.ctrls) > 0 {
			x = h.ctrls[0].r.X - 8 - bw
		}
		h.ctrls = append(h.ctrls, h.cameraControls(rect{x, 11, bw, rowH})...)
	}
	return h.noticeControl()
}

// buttonW is the share and camera buttons' width beside the examples:
// their longest label's in the UI's language, at most shareW (so that
// the language switch leaves the layer's code its room at 800x600).
func (h *header) buttonW() float64 {
	g := h.g
	p := painter{k: g.k(), fonts: &g.fonts}
	w := 0.0
	for _, k := range []i18n.Key{i18n.HeaderCopyLink, i18n.LinkCopied, i18n.LinkInURL, i18n.HeaderCamera, i18n.HeaderStopCamera} {
		w = max(w, p.width(g.t(k), regular, sizeBody))
	}
	return min(shareW, w+20)
}

// noticeControl adds, when the notice had to be shortened, the area a
// click on opens it in full (noticeBox), and returns the header's controls.
func (h *header) noticeControl() []control {
	if n := h.g.st.Notice; n != "" && h.open != n && h.noticeCut(n) {
		h.ctrls = append(h.ctrls, control{name: "notice", kind: kArea, r: rect{h.r.X, h.r.Y, h.r.W * 0.6, h.r.H},
			press: func(float64, float64) { h.open = n }})
	}
	return h.ctrls
}

// shareControl is the Copy link button at r.
func (h *header) shareControl(r rect) control {
	g := h.g
	label := g.t(i18n.HeaderCopyLink)
	if g.ticks < g.sharedUntil {
		label = g.known(g.shareNote, i18n.LinkCopied, i18n.LinkInURL)
	}
	return control{name: "share", kind: kButton, r: r, label: label, press: func(float64, float64) { g.share() }}
}

// cameraControls are the Camera toggle at r and, while it runs, the
// button left of it for the size it feeds.
func (h *header) cameraControls(r rect) []control {
	g := h.g
	label := g.t(i18n.HeaderCamera)
	if g.cam.on {
		label = g.t(i18n.HeaderStopCamera)
	}
	cs := []control{{name: "camera", kind: kToggle, on: g.cam.on, r: r, label: label, press: func(float64, float64) { g.Camera.toggleCamera() }}}
	if g.cam.on { // the size the camera feeds: press for the other
		sz := g.Camera.cameraSize()
		cs = append(cs, control{name: "camera_size", kind: kButton, r: rect{r.X - 8 - sizeW, r.Y, sizeW, r.H},
			label: fmt.Sprintf("%dx%d", sz[0], sz[1]), press: func(float64, float64) { g.Camera.nextCameraSize() }})
	}
	return cs
}

// codeForms are the layer's code, then shorter ways to write it: without
// the shapes' comment, then kernel_size, stride and padding positional
// (nn.Conv2d(1, 8, 5, 1, 2): still PyTorch), then the sixth argument too
// when it comes next (Conv2d's dilation, ConvTranspose2d's output_padding).
func codeForms(code string) []string {
	full, _, _ := strings.Cut(code, "  #")
	short := strings.NewReplacer(", kernel_size=", ", ", ", stride=", ", ", ", padding=", ", ").Replace(full)
	forms := []string{code, full, short}
	sixth := ", dilation="
	if strings.HasPrefix(full, "nn.ConvTranspose2d(") {
		sixth = ", output_padding="
	}
	if i := strings.Index(short, sixth); i >= 0 && i+len(sixth)-1 == strings.Index(short, "=") {
		forms = append(forms, short[:i]+", "+short[i+len(sixth):])
	}
	return forms
}

// noticeCut says whether notice n needs more than the header's two lines.
func (h *header) noticeCut(n string) bool {
	p := painter{k: h.g.k(), fonts: &h.g.fonts}
	lines := 2
	if h.r.H > headerH {
		lines = 1
	}
	return len(p.wrap(n, h.noticeW(), regular, sizeSmall)) > lines
}

// noticeW is the width a notice gets when it has the header to itself
// (right of the title, left of the buttons).
func (h *header) noticeW() float64 {
	if h.r.H > headerH { // portrait: under the title, left of the language switch
		return h.lineEnd - margin
	}
	if h.barX > 0 { // sideways: in the title's place
		return h.barX - margin
	}
	end := h.r.right() - margin
	for _, c := range h.ctrls {
		if !strings.HasPrefix(c.name, "notice") {
			end = min(end, c.r.X-12)
		}
	}
	p := painter{k: h.g.k(), fonts: &h.g.fonts}
	return end - margin - p.width("Conv Playground", bold, sizeTitle) - 24
}

// drawKey: the layer's code and the notice (the button is a control).
func (h *header) drawKey(k *drawKey) {
	k.r(h.r)
	k.s(h.g.st.Export.Code())
	k.s(h.g.st.Notice)
	k.s(h.open)
}

func (h *header) draw(p painter) {
	g, r := h.g, h.r
	p.fill(r, colPanel)
	p.line(r.X, r.bottom(), r.right(), r.bottom(), 1, colBorder)
	end := r.right() - margin
	for _, c := range h.ctrls { // left of the leftmost button (examples, camera, share)
		if !strings.HasPrefix(c.name, "notice") {
			end = min(end, c.r.X-8)
		}
	}
	if h.barX > 0 { // sideways: the row ends at the page bar; a notice takes the title's place
		end = min(end, h.barX)
		if n := g.st.Notice; n != "" {
			g.drawButtons(p, h.ctrls)
			h.drawNotice(p, n, margin, end, 4, 2)
			return
		}
	}
	x := float64(margin)
	if w := p.width("Conv Playground", bold, sizeTitle); margin+w <= end { // a phone's header may have no room
		p.text("Conv Playground", margin, 13, bold, sizeTitle, colText, left)
		x += w + 24
	}
	g.drawButtons(p, h.ctrls)
	if r.H > headerH { // portrait: a line under the title for the notice, else the code
		if n := g.st.Notice; n != "" {
			h.drawNotice(p, n, margin, h.lineEnd, headerH-4, 1)
		} else {
			// Beside the switch: smaller (not under 11 CSS px) before it is cut.
			forms, w, size := codeForms(g.st.Export.Code()), h.lineEnd-margin, float64(sizeSmall+1)
			for size-0.5 >= 11/g.scale && p.width(forms[len(forms)-1], mono, size) > w {
				size -= 0.5
			}
			p.text(p.fitFirst(forms, w, mono, size), margin, headerH-4+(sizeSmall+1-size)/2, mono, size, colAccent, left)
		}
		return
	}
	if h.barX > 0 { // sideways: the code is on the shapes page
		return
	}
	n := g.st.Notice // the last action that could not be done, and why
	if n != "" && len(p.wrap(n, end-x-20-p.width(g.st.Export.Code(), mono, sizeSmall), regular, sizeSmall)) > 2 {
		h.drawNotice(p, n, end-h.noticeW(), end, 10, 2) // too long beside the code: in its place
		return
	}
	// A narrow header sets the code smaller before it cuts it.
	code, size := g.st.Export.Code(), float64(sizeMono+1)
	for size > sizeSmall && p.width(code, mono, size) > end-x {
		size -= 0.5
	}
	forms := codeForms(code)
	for size > sizeSmall-1.5 && p.width(forms[len(forms)-1], mono, size) > end-x {
		size -= 0.5 // even the shortest form is too wide: smaller still, not cut
	}
	code = p.fitFirst(append(forms, ""), end-x, mono, size) // none fits: the shapes panel has the code
	p.text(code, x, 17+(sizeMono+1-size)/2, mono, size, colAccent, left)
	if n != "" {
		x += p.width(code, mono, size) + 20
		if p.width(n, regular, sizeBody) <= end-x {
			p.text(n, end, 18, regular, sizeBody, colError, right)
			return
		}
		h.drawNotice(p, n, x, end, 10, 2)
	}
}

// drawNotice writes notice n right-aligned at end in up to max small
// lines from y, from x; a longer one ends with "… (click for all)" and
// opens in full on a click (drawn under the header then).
func (h *header) drawNotice(p painter, n string, x, end, y float64, max int) {
	lines := p.wrap(n, end-x, regular, sizeSmall)
	if len(lines) > max {
		more := " … " + h.g.t(i18n.NoticeClickForAll)
		l := []rune(lines[max-1])
		for len(l) > 0 && p.width(string(l)+more, regular, sizeSmall) > end-x {
			l = l[:len(l)-1]
		}
		lines = append(lines[:max-1], string(l)+more)
	}
	for i, l := range lines {
		p.text(l, end, y+float64(i)*15, regular, sizeSmall, colError, right)
	}
}
