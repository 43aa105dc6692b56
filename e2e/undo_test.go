package e2e

import (
	"strings"
	"testing"
)

// One history of actions, by real input: a weight dragged (one step), the
// stride, Depthwise; Undo three times, each taking back one action, then
// Redo once (Ctrl+Y), the hook checked after each.
func TestUndoRedo(t *testing.T) {
	p, first := openPlayground(t, viewW, viewH, 1)
	p.click("photo") // Depthwise needs the RGB input
	start := p.waitState("the RGB photo", func(h hook) bool { return h.Settings.Photo && h.Settings.Groups == 1 })
	steps := start.Undo
	// The link code follows the weights: it tells the edited weight back.
	photo := p.waitState("the photo's link", func(h hook) bool { return h.Share != first.Share }).Share

	p.stroke("cell_2_2", [][2]float64{{0.5, 0.5}, {0.5, 0}, {0.5, -1}, {0.5, -2}})
	h := p.waitState("the dragged weight", func(h hook) bool { return strings.HasPrefix(h.UndoLabel, "Undo: w[0, 0, 2, 2] ") })
	if h.Undo != steps+1 || h.Redo != 0 {
		t.Errorf("a weight drag: %d undo steps (%q), %d redo, want %d and 0", h.Undo, h.UndoLabel, h.Redo, steps+1)
	}
	edited := p.waitState("the edited link", func(h hook) bool { return h.Share != photo && h.Share != "" }).Share

	p.click("stride+")
	h = p.waitState("stride 2", func(h hook) bool { return h.Settings.Stride == 2 })
	if h.Undo != steps+2 || h.UndoLabel != "Undo: stride 2 → 1" {
		t.Errorf("stride +: %d undo steps, label %q", h.Undo, h.UndoLabel)
	}
	p.click("tab:channels")
	p.click("depthwise")
	h = p.waitState("depthwise", func(h hook) bool { return h.Settings.Groups == 3 })
	if h.Undo != steps+3 || h.UndoLabel != "Undo: Depthwise" {
		t.Errorf("depthwise: %d undo steps, label %q", h.Undo, h.UndoLabel)
	}

	p.click("undo")
	h = p.waitState("undo of depthwise", func(h hook) bool { return h.Settings.Groups == 1 })
	if h.Settings.Stride != 2 || h.UndoLabel != "Undo: stride 2 → 1" || h.RedoLabel != "Redo: Depthwise" {
		t.Errorf("undo 1: stride %d, %q, %q", h.Settings.Stride, h.UndoLabel, h.RedoLabel)
	}
	p.click("undo")
	h = p.waitState("undo of the stride", func(h hook) bool { return h.Settings.Stride == 1 })
	if h.Settings.Groups != 1 || !strings.HasPrefix(h.UndoLabel, "Undo: w[0, 0, 2, 2] ") || h.RedoLabel != "Redo: stride 1 → 2" {
		t.Errorf("undo 2: groups %d, %q, %q", h.Settings.Groups, h.UndoLabel, h.RedoLabel)
	}
	p.click("undo")
	h = p.waitState("undo of the weight", func(h hook) bool { return h.Undo == steps })
	if h.Redo != 3 || !strings.HasPrefix(h.RedoLabel, "Redo: w[0, 0, 2, 2] ") || h.Settings.Stride != 1 {
		t.Errorf("undo 3: %d redo steps, %q, stride %d", h.Redo, h.RedoLabel, h.Settings.Stride)
	}
	p.waitState("the photo's link again", func(h hook) bool { return h.Share == photo })

	p.holding("Control", "ControlLeft", 17, 2, func() { p.key("y", "KeyY", 89, 2) }) // Ctrl+Y: redo
	h = p.waitState("redo of the weight", func(h hook) bool { return h.Undo == steps+1 })
	if h.Redo != 2 || h.RedoLabel != "Redo: stride 1 → 2" || h.Settings.Stride != 1 || h.Settings.Groups != 1 {
		t.Errorf("redo: %d redo steps, %q, stride %d, groups %d", h.Redo, h.RedoLabel, h.Settings.Stride, h.Settings.Groups)
	}
	p.waitState("the edited link again", func(h hook) bool { return h.Share == edited })
}
