package lesson

import "strconv"

// The lesson's part of the page's link (lesson=…): the card open on a
// step, counted from 1 as the card shows it ("3"), or closed for good
// ("off"). With no part, a first visit opens step 1.

// Closed is the link value of a closed card.
const Closed = "off"

// LinkValue is the link value of the card open on step i (from 0), or
// Closed when open is false.
func LinkValue(i int, open bool) string {
	if !open {
		return Closed
	}
	return strconv.Itoa(i + 1)
}

// FromLink reads a link value: the step (from 0) and whether the card is
// open; ok is false for a value that names neither a step of the lesson
// nor Closed.
func FromLink(v string) (i int, open, ok bool) {
	if v == Closed {
		return 0, false, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > len(Steps()) {
		return 0, false, false
	}
	return n - 1, true, true
}

// lenetLayers are the indexes, in arch.LeNet's nn.Sequential, of the
// layers the steps name (State.Layer); the ReLUs between them are left
// out, as in the shape chain.
var lenetLayers = map[string]int{"conv1": 0, "pool1": 2, "conv2": 3, "pool2": 5, "flatten": 6, "fc1": 7, "fc2": 9}

// LeNetLayer is the index in the trained LeNet's nn.Sequential of the
// layer a step names ("pool1" → 2), 0 (conv1) for another name.
func LeNetLayer(name string) int { return lenetLayers[name] }
