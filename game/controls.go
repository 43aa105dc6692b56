package game

import "strings"

// kind is what a control is: how it is drawn and how the pointer shows it.
type kind int

const (
	kButton kind = iota // a labelled button
	kToggle             // a button that shows an on/off state
	kStep               // a one-glyph button: − + < >
	kItem               // an entry of the preset list (small text, on/off)
	kArea               // a region its panel draws (maps, the bias value)
	kCanvas             // the drawing canvas: a crosshair
	kCell               // a weight, dragged up and down
)

// button reports whether the control is drawn as a button (by drawButtons);
// the others are regions their panel draws.
func (k kind) button() bool { return k <= kItem }

// control is one clickable thing on screen.
type control struct {
	name  string // stable: the key of window.convPlayground.controls()
	kind  kind
	r     rect
	label string
	on    bool               // a toggle's state
	press func(x, y float64) // nil: the control only shows (e.g. the maps' area)
	drag  func(x, y float64) // the pointer moved while this control is pressed
	// picker marks the preset picker's parts (its arrows, its box, its
	// list): a press on them leaves the open list to the picker.
	picker bool
}

// hoverInfo is what the pointer is over: an output cell of a map (its
// value and window in text), or a canvas pixel (its value in text).
type hoverInfo struct {
	ch, oy, ox int    // output cell, ch = −1 when none
	ctrl       string // the control under the pointer
	text       string
}

// drawButtons draws the button controls of cs, in order.
func (v *view) drawButtons(p painter, cs []control) {
	for _, c := range cs {
		if c.kind.button() {
			v.button(p, c)
		}
	}
}

// button draws a control as a rounded button.
func (v *view) button(p painter, c control) {
	bg, fg := colButton, colText
	if c.on {
		bg, fg = colAccent, rgb(0xffffff)
	} else if v.hover.ctrl == c.name {
		bg = colButtonHi
	}
	p.roundRect(c.r, 5, bg)
	size := float64(sizeBody)
	switch c.kind {
	case kItem:
		size = sizeSmall + 1
	case kStep:
		size = 17
	}
	p.textIn(c.label, c.r, regular, size, fg, center)
}

func heading(p painter, r rect, s string) {
	p.text(s, r.X, r.Y+2, bold, sizeHead, colText, left)
}

// rejectedLines wraps PyTorch's message to the banner's width.
func rejectedLines(p painter, msg string, w float64) []string {
	return p.wrap(msg, w-24, regular, sizeBody)
}

// floorText spells conv's ⌊…⌋ (not in the Go fonts) as floor(…).
var floorText = strings.NewReplacer("⌊", "floor(", "⌋", ")")
