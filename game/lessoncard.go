package game

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/i18n"
	"convplayground/lesson"
	pagehook "convplayground/wasm/hook"
)

// colRight writes a right answer's reply.
var colRight = rgb(0x1e7d45)

// lessonCard is the guided lesson (package lesson): a card over the
// playground that walks the source's lesson a step at a time. Each step
// sets the playground (applyLesson), rings the panel that matters, says
// one thing and asks a question before it tells: the learner types a
// number (or picks an answer) and Check says right or gives a hint; a
// right answer, or Show the answer, shows the formula worked out. Back
// and Next move between steps, Close closes the card (the header's
// Lesson button opens it again on the same step); the platform keeps
// the step in the link (OnLesson). A panel of its own, drawn and
// pressed over the others.
type lessonCard struct {
	g        *Game
	steps    []lesson.Step
	open     bool
	i        int    // the step shown
	answered []bool // per step: answered right
	typed    string // the answer being typed
	typing   bool   // the answer field has the keyboard
	checked  string // the answer last checked, "" for none
	revealed bool   // the worked formula is shown

	box, ring rect       // the card; the ringed panel (empty for none)
	lines     []cardLine // the card's text, laid out
	field     rect       // the answer field (typed answers)
	ctrls     []control
}

// cardLine is one line of the card's text at its offset from the top.
type cardLine struct {
	s     string
	y     float64
	style int
	size  float64
	col   colorName
}

type colorName int

const (
	cText colorName = iota
	cMuted
	cAccent
	cError
	cRight
)

func newLessonCard(g *Game) *lessonCard {
	steps := lesson.Steps()
	return &lessonCard{g: g, steps: steps, answered: make([]bool, len(steps))}
}

// Card sizes, virtual pixels.
const (
	cardW   = 348
	cardPad = 12
	cardGap = 6
)

func (c *lessonCard) step() lesson.Step { return c.steps[c.i] }

// goTo shows step i and sets the playground as it asks.
func (c *lessonCard) goTo(i int) {
	c.i = max(0, min(i, len(c.steps)-1))
	c.typed, c.typing, c.checked, c.revealed = "", false, "", c.answered[c.i]
	if c.answered[c.i] {
		c.checked = c.step().Answer()
	}
	c.g.applyLesson(c.step().Set)
	if c.g.portrait {
		c.g.page = pageOf(c.step().Highlight)
	}
	c.changed()
}

// show opens the card on step i; apply sets the playground too (not when
// a link or a kept session already set it).
func (c *lessonCard) show(i int, apply bool) {
	c.open = true
	if apply {
		c.goTo(i)
		return
	}
	c.i = max(0, min(i, len(c.steps)-1))
	c.changed()
}

func (c *lessonCard) close() {
	c.open, c.typing = false, false
	c.changed()
}

// changed tells the platform the card's step and whether it is open.
func (c *lessonCard) changed() {
	c.g.dirty = true
	if c.g.OnLesson != nil {
		c.g.OnLesson(c.i, c.open)
	}
}

// check checks answer a.
func (c *lessonCard) check(a string) {
	c.checked, c.typing = a, false
	if right, _ := c.step().Check(c.g.lang, a); right {
		c.answered[c.i], c.revealed = true, true
	}
	c.g.dirty = true
}

// pageOf is the portrait page that shows a step's ringed panel.
func pageOf(highlight string) page {
	switch highlight {
	case "input", "guess":
		return pageInput
	case "shapes", "chain":
		return pageShapes
	}
	return pageMaps
}

func (c *lessonCard) layout(a *areas) []control {
	c.box, c.ring, c.lines, c.field, c.ctrls = rect{}, rect{}, c.lines[:0], rect{}, c.ctrls[:0]
	if !c.open {
		return nil
	}
	g := c.g
	c.ring = c.ringFor(a)
	p := painter{k: g.k(), fonts: &g.fonts}
	w := float64(cardW)
	if g.portrait {
		w = g.vw - 2*portraitM
	}
	inner := w - 2*cardPad
	body := g.textSize(sizeBody)
	y := float64(cardPad)
	add := func(s string, style int, size float64, col colorName) {
		for _, l := range p.wrap(s, inner, style, size) {
			c.lines = append(c.lines, cardLine{l, y, style, size, col})
			y += size * 1.35
		}
	}
	st := c.step()
	add(g.tf(i18n.LessonStepOf, c.i+1, len(c.steps))+" · "+g.t(i18n.LessonTitle), regular, g.textSize(sizeSmall), cMuted)
	add(st.Title(g.lang), bold, sizeHead, cText)
	y += 2
	add(st.Text(g.lang), regular, body, cText)
	y += cardGap
	add(st.Question(g.lang), bold, body, cAccent)
	y += cardGap
	answerY := y
	y += rowH + cardGap
	if c.checked != "" {
		right, reply := st.Check(g.lang, c.checked)
		col := cError
		if right {
			col = cRight
		}
		add(reply, regular, body, col)
	}
	if c.revealed {
		if !c.answered[c.i] {
			add(g.t(i18n.LessonShowAnswer)+": "+st.Answer(), bold, body, cText)
		}
		add(floorText.Replace(st.Worked(g.lang)), regular, body, cText)
		if c.i == len(c.steps)-1 {
			add(g.t(i18n.LessonDone), regular, body, cMuted)
		} else {
			add(g.t(i18n.LessonTryIt), regular, body, cMuted)
		}
	}
	y += cardGap
	navY := y
	h := y + rowH + cardPad
	c.box = c.place(a, w, h)
	c.ctrls = append(c.ctrls, control{name: "lesson_card", kind: kArea, r: c.box,
		press: func(float64, float64) { c.typing = false }})
	c.answerControls(p, c.box.X+cardPad, c.box.Y+answerY, inner)
	c.navControls(p, c.box.X+cardPad, c.box.Y+navY, inner)
	return c.ctrls
}

// place puts a card of w×h where it hides least of the ringed panel: in
// landscape at the top of the side away from it, in portrait at the
// bottom (at the top when the ring is all in the lower half).
func (c *lessonCard) place(a *areas, w, h float64) rect {
	g := c.g
	top := a.header.bottom() + 6
	if g.portrait {
		top = a.pages.bottom() + 6
		h = min(h, g.vh-top-portraitM)
		if c.ring.H > 0 && c.ring.Y > (top+g.vh)/2 {
			return rect{portraitM, top, w, h}
		}
		return rect{portraitM, g.vh - portraitM - h, w, h}
	}
	h = min(h, g.vh-top-margin)
	x := g.vw - margin - w
	if c.ring.H > 0 && c.ring.X+c.ring.W/2 > g.vw/2 {
		x = margin
	}
	return rect{x, top, w, h}
}

// answerControls: the choices as buttons, or the field and Check.
func (c *lessonCard) answerControls(p painter, x, y, w float64) {
	st := c.step()
	if len(st.Choices) > 0 {
		bw := (w - cardGap*float64(len(st.Choices)-1)) / float64(len(st.Choices))
		for i, ch := range st.Choices {
			c.ctrls = append(c.ctrls, control{name: "lesson_choice:" + ch, kind: kToggle, on: c.checked == ch,
				r: rect{x + float64(i)*(bw+cardGap), y, bw, rowH}, label: ch,
				press: func(float64, float64) { c.check(ch) }})
		}
		return
	}
	check := c.g.t(i18n.LessonCheck)
	cw := p.width(check, regular, sizeBody) + 24
	c.field = rect{x, y, w - cw - cardGap, rowH}
	c.ctrls = append(c.ctrls,
		control{name: "lesson_answer", kind: kArea, r: c.field, press: func(float64, float64) { c.focusField() }},
		control{name: "lesson_check", kind: kButton, r: rect{x + w - cw, y, cw, rowH}, label: check,
			press: func(float64, float64) { c.check(c.typed) }})
}

// navControls: Back, Show the answer, Next (Close on the last step), and
// the × that closes the card, top right.
func (c *lessonCard) navControls(p painter, x, y, w float64) {
	g := c.g
	type btn struct {
		name, label string
		press       func()
	}
	btns := []btn{{"lesson_back", "← " + g.t(i18n.LessonBack), func() { c.goTo(c.i - 1) }}}
	if c.i == 0 {
		btns = btns[:0]
	}
	if !c.revealed {
		btns = append(btns, btn{"lesson_show", g.t(i18n.LessonShowAnswer), func() { c.revealed, c.typing = true, false }})
	}
	if c.i < len(c.steps)-1 {
		btns = append(btns, btn{"lesson_next", g.t(i18n.LessonNext) + " →", func() { c.goTo(c.i + 1) }})
	} else {
		btns = append(btns, btn{"lesson_finish", g.t(i18n.LessonClose), c.close})
	}
	right := x + w
	for i := len(btns) - 1; i >= 0; i-- { // right-aligned, Next last
		b := btns[i]
		bw := p.width(b.label, regular, sizeBody) + 20
		right -= bw
		c.ctrls = append(c.ctrls, control{name: b.name, kind: kButton, r: rect{right, y, bw, rowH}, label: b.label,
			press: func(float64, float64) { b.press() }})
		right -= cardGap
	}
	c.ctrls = append(c.ctrls, control{name: "lesson_close", kind: kStep, r: rect{c.box.right() - 30, c.box.Y + 4, 26, 24}, label: "×",
		press: func(float64, float64) { c.close() }})
}

// ringFor is the rectangle of the panel a step points at, if it is on
// the screen.
func (c *lessonCard) ringFor(a *areas) rect {
	g := c.g
	var r rect
	switch c.step().Highlight {
	case "shapes":
		r = a.shapes
	case "input":
		if in := panelIn[*inputPanel](g); in != nil {
			r = in.box
		}
	case "guess":
		if in := panelIn[*inputPanel](g); in != nil {
			r = in.guess
		}
	case "chain":
		if ls := panelIn[*layerStrip](g); ls != nil && ls.r.H > 0 {
			r = ls.r
		} else {
			r = a.shapes
		}
	default: // the maps column's views: channels, batch, explain
		r = a.maps
	}
	if r.W <= 0 || !g.onScreen(r) {
		return rect{}
	}
	return r
}

// focusField gives the answer field the keyboard; an answer already
// checked is cleared for the next try.
func (c *lessonCard) focusField() {
	c.typing = true
	if c.typed == c.checked {
		c.typed = ""
	}
}

// char takes the characters of a number while the field has the keyboard.
func (c *lessonCard) char(r rune) bool {
	if !c.open || !c.typing {
		return false
	}
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '.' || r == '-' || r == '/' {
		c.typed += string(r)
	}
	return true // the shortcuts wait while typing
}

// key edits the typed answer: Backspace, Enter checks, Escape leaves.
func (c *lessonCard) key(k keyCode) bool {
	if !c.open || !c.typing {
		return false
	}
	switch k {
	case ebiten.KeyBackspace:
		if r := []rune(c.typed); len(r) > 0 {
			c.typed = string(r[:len(r)-1])
		}
	case ebiten.KeyEnter, ebiten.KeyNumpadEnter:
		c.check(c.typed)
	case ebiten.KeyEscape:
		c.typing = false
	default:
		return false
	}
	return true
}

func (c *lessonCard) drawKey(k *drawKey) {
	k.b(c.open)
	k.r(c.box)
	k.r(c.ring)
	k.s(c.typed)
	k.b(c.typing)
	for _, l := range c.lines {
		k.s(l.s)
		k.f(l.y)
	}
}

func (c *lessonCard) draw(p painter) {
	if !c.open {
		return
	}
	if c.ring.W > 0 {
		p.stroke(rect{c.ring.X - 3, c.ring.Y - 3, c.ring.W + 6, c.ring.H + 6}, 3, colPadTap)
	}
	r := c.box
	p.roundRect(rect{r.X - 1, r.Y - 1, r.W + 2, r.H + 2}, 8, colPadTap)
	p.roundRect(r, 7, colPanel)
	for _, l := range c.lines {
		if l.y+l.size > r.H { // a card taller than the window: the rest is cut
			if p.cut != nil {
				*p.cut = append(*p.cut, l.s)
			}
			continue
		}
		p.text(l.s, r.X+cardPad, r.Y+l.y, l.style, l.size, cardCol(l.col), left)
	}
	if c.field.W > 0 {
		p.roundRect(c.field, 4, colBg)
		border := colBorder
		if c.typing {
			border = colAccent
		}
		p.stroke(c.field, 1.5, border)
		txt := c.typed
		if c.typing {
			txt += "_"
		}
		p.textIn(txt, c.field, mono, sizeBody, colText, left)
	}
	c.g.drawButtons(p, c.ctrls)
}

func cardCol(n colorName) color.RGBA {
	switch n {
	case cMuted:
		return colMuted
	case cAccent:
		return colAccent
	case cError:
		return colError
	case cRight:
		return colRight
	}
	return colText
}

// reopen opens the card again on the step it was closed on.
func (c *lessonCard) reopen() { c.show(c.i, true) }

// lessonHook is the hook's lesson object, nil when the card is closed.
func (c *lessonCard) hook() map[string]any {
	if !c.open {
		return nil
	}
	return pagehook.Lesson(c.i, len(c.steps), c.step().ID, c.answered[c.i])
}

// StartLesson opens the lesson's card on step i (from 0) when open,
// setting the playground as the step asks when apply (a visit that
// opens no link nor kept session); closed, the header's Lesson button
// opens it on step i.
func (g *Game) StartLesson(i int, open, apply bool) {
	c := panelIn[*lessonCard](g)
	if c == nil {
		return
	}
	if !open {
		c.i, c.open = max(0, min(i, len(c.steps)-1)), false
		g.dirty = true
		return
	}
	c.show(i, apply)
}
