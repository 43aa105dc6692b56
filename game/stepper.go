package game

import (
	"fmt"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/state"
	"convplayground/i18n"
)

// stepper is the step-through's playback strip, cut from the bottom of the
// maps column (in the maps and explain views, of layer 0 or a deeper
// Conv2d or ConvTranspose2d): step back, ▶/⏸, step forward, jump to end,
// a scrub slider over the selected map's output cells (row-major), the
// speed, and where the window is.
type stepper struct {
	*view
	strip  rect // the whole strip
	slider rect // the scrub slider's track
	label  rect // "cell (oy, ox)  37 / 576"
	ctrls  []control
	frame  state.StepFrame
	// lastSel is the selected filter playback last followed: a new choice
	// moves playback to that map; a map set by the state (a shared link)
	// selects that filter.
	lastSel int
}

// The strip's parts; it is one row when the column is this wide (room for
// a 180-px slider), two otherwise.
const (
	stepBtnW   = 32
	speedBtnW  = 38
	labelW     = 132
	wideStrip  = 4*(stepBtnW+4) + 3*(speedBtnW+4) + labelW + 180 // room for a 180-px slider
	stripGap   = 6
	sliderKnob = 6
)

func (s *stepper) layout(a *areas) []control {
	s.ctrls = s.ctrls[:0]
	if !s.stepTab(tabMaps) && !s.stepTab(tabExplain) {
		return nil
	}
	s.followMap()
	rows := 2.0
	if a.maps.W >= wideStrip {
		rows = 1
	}
	h := rows * rowH
	s.strip = rect{a.maps.X, a.maps.bottom() - h, a.maps.W, h}
	a.maps.H -= h + stripGap
	x, y := s.strip.X, s.strip.Y
	st := s.st
	btn := func(name string, do func()) {
		s.ctrls = append(s.ctrls, control{name: name, kind: kButton, r: rect{x, y, stepBtnW, rowH - 4},
			press: func(float64, float64) { do() }})
		x += stepBtnW + 4
	}
	btn("step_back", func() { st.Player.StepBy(-1) })
	btn("play", func() { st.Player.TogglePlay() })
	btn("step_fwd", func() { st.Player.StepBy(+1) })
	btn("step_end", func() { st.Player.JumpToEnd() })
	for _, sp := range state.Speeds {
		s.ctrls = append(s.ctrls, control{name: "speed" + strconv.Itoa(sp), kind: kToggle, r: rect{x, y, speedBtnW, rowH - 4},
			label: strconv.Itoa(sp) + "/s", on: s.frame.Speed == sp, press: func(float64, float64) { st.Player.SetSpeed(sp) }})
		x += speedBtnW + 4
	}
	if rows == 1 {
		s.label = rect{s.strip.right() - labelW, y, labelW, rowH - 4}
		s.slider = rect{x + 6, y, s.label.X - x - 12, rowH - 4}
	} else {
		s.label = rect{s.strip.right() - labelW - 18, y + rowH, labelW + 18, rowH - 4} // text at least 10 CSS px
		s.slider = rect{s.strip.X + sliderKnob, y + rowH, s.label.X - s.strip.X - 2*sliderKnob - 6, rowH - 4}
	}
	scrub := func(px, _ float64) { st.Player.Scrub(s.indexAt(px)) }
	s.ctrls = append(s.ctrls, control{name: "scrub", kind: kArea, r: s.slider.inset(-sliderKnob + 1), press: scrub, drag: scrub})
	return s.ctrls
}

// followMap keeps the stepped map and the selected filter the same.
func (s *stepper) followMap() {
	if s.st.Filter != s.lastSel {
		s.st.Player.SetPlayMap(s.st.Filter)
	}
	s.st.Player.StepFrame(&s.frame)
	if s.frame.Total > 0 && s.frame.Cell.Map != s.st.Filter {
		s.selectFilter(s.frame.Cell.Map)
	}
	s.lastSel = s.st.Filter
}

// indexAt is the output cell (row-major index) under x on the slider.
func (s *stepper) indexAt(x float64) int {
	n := s.frame.Total
	if n <= 1 || s.slider.W <= 0 {
		return 0
	}
	f := (x - s.slider.X) / s.slider.W
	return max(0, min(n-1, int(f*float64(n-1)+0.5)))
}

// drawKey: besides its buttons, the strip draws the playback's position
// and state (a stroke that leaves them alone does not redraw it).
func (s *stepper) drawKey(k *drawKey) {
	k.b(s.stepTab(tabMaps) || s.stepTab(tabExplain))
	s.st.Player.StepFrame(&s.frame)
	f := &s.frame
	k.b(s.st.Err != nil)
	k.b(f.Stepping)
	k.b(f.Playing)
	k.i(f.Total)
	k.i(f.Index)
	k.i(f.Cell.OY)
	k.i(f.Cell.OX)
	k.r(s.slider)
	k.r(s.label)
	k.f(s.textSize(sizeSmall))
}

// draw draws s.frame as drawKey, which redraw asks every panel for before
// drawing any, has just filled it.
func (s *stepper) draw(p painter) {
	if !s.stepTab(tabMaps) && !s.stepTab(tabExplain) {
		return
	}
	s.drawButtons(p, s.ctrls)
	for _, c := range s.ctrls[:4] {
		s.drawIcon(p, c)
	}
	s.drawSlider(p)
	f := &s.frame
	txt := s.tf(i18n.StepCells, f.Total)
	switch {
	case s.st.Err != nil:
		txt = s.t(i18n.StepStopped)
	case f.Stepping:
		txt = fmt.Sprintf("(%d, %d) %d/%d", f.Cell.OY, f.Cell.OX, f.Index+1, f.Total)
	}
	size := s.textSize(sizeSmall)
	p.textIn(p.fit(txt, s.label.W, mono, size), s.label, mono, size, colText, right)
}

// drawIcon draws a playback button's glyph (the Go fonts have none).
func (s *stepper) drawIcon(p painter, c control) {
	cx, cy := c.r.X+c.r.W/2, c.r.Y+c.r.H/2
	const u = 5.0 // half the glyph's height
	switch c.name {
	case "play":
		if s.frame.Playing {
			p.fill(rect{cx - u + 1, cy - u, 3.5, 2 * u}, colText)
			p.fill(rect{cx + 1.5, cy - u, 3.5, 2 * u}, colText)
			return
		}
		triangle(p, cx-u+1.5, cy, u*1.7, u)
	case "step_back":
		p.fill(rect{cx - u - 1, cy - u, 2, 2 * u}, colText)
		triangle(p, cx+u, cy, -u*1.6, u)
	case "step_fwd":
		triangle(p, cx-u, cy, u*1.6, u)
		p.fill(rect{cx + u - 1, cy - u, 2, 2 * u}, colText)
	case "step_end":
		triangle(p, cx-u-2, cy, u*1.2, u)
		triangle(p, cx-1, cy, u*1.2, u)
		p.fill(rect{cx + u, cy - u, 2, 2 * u}, colText)
	}
}

// triangle fills a triangle pointing along x: its back edge at x0 (height
// 2h, centred on y), its tip at x0+w (w < 0 points left).
func triangle(p painter, x0, y, w, h float64) {
	k := p.k
	v := whiteVertex(colText)
	vs := [3]ebiten.Vertex{v, v, v}
	vs[0].DstX, vs[0].DstY = float32(x0*k), float32((y-h)*k)
	vs[1].DstX, vs[1].DstY = float32((x0+w)*k), float32(y*k)
	vs[2].DstX, vs[2].DstY = float32(x0*k), float32((y+h)*k)
	is := [3]uint16{0, 1, 2}
	p.dst.DrawTriangles(vs[:], is[:], p.white(), &ebiten.DrawTrianglesOptions{AntiAlias: true, ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha})
}

// drawSlider draws the scrub track: the cells done so far filled, a knob
// at the current cell.
func (s *stepper) drawSlider(p painter) {
	r, f := s.slider, &s.frame
	track := rect{r.X, r.Y + r.H/2 - 3, r.W, 6}
	p.roundRect(track, 3, colButton)
	if f.Total == 0 {
		return
	}
	pos := 0.0
	if f.Total > 1 {
		pos = float64(f.Index) / float64(f.Total-1)
	}
	if f.Stepping {
		p.roundRect(rect{track.X, track.Y, max(6, pos*track.W), track.H}, 3, colAccent)
	}
	kx := r.X + pos*r.W
	knob := colMuted
	if f.Stepping {
		knob = colAccent
	}
	p.roundRect(rect{kx - sliderKnob, r.Y + r.H/2 - sliderKnob - 1, 2 * sliderKnob, 2*sliderKnob + 2}, 3, knob)
}
