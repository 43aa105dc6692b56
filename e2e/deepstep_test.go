package e2e

import (
	"math"
	"slices"
	"testing"
)

// Step-through on a deeper Conv2d (issue 16): with layer 2, a Conv2d(4, 3,
// 3, stride=2, padding=2, dilation=2) on layer 1's four 28x28 maps,
// selected in the strip, three clicks on step forward put the window on
// cell (0, 2) of map 0 of its 14x14 maps; the hook explains that cell:
// its taps land at 2·o − 2 + 2·k on layer 1's maps (the first rows in the
// padding), and Σ w·x over layer 1's values read from the hook, + bias, is
// the layer's value there.
func TestBrowserDeepStep(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	shots := shotDir(t)
	p.typeNet("nn.Sequential(\n nn.Conv2d(1, 4, 3, padding=1),\n nn.ReLU(),\n nn.Conv2d(4, 3, 3, stride=2, padding=2, dilation=2)\n)")
	p.waitNet(func(h hook) bool { return len(h.Layers) == 3 })
	p.click("layer:1")
	in := p.waitState("layer 1 selected", func(h hook) bool { return h.SelectedLayer == 1 && len(h.LayerValues) == 4*28*28 }).LayerValues
	p.click("layer:2")
	h := p.waitState("layer 2 selected", func(h hook) bool { return h.SelectedLayer == 2 && slices.Equal(h.LayerValuesOf, []int{3, 14, 14}) })
	out := h.LayerValues
	for range 3 {
		p.click("step_fwd")
	}
	h = p.waitState("three steps on layer 2", func(h hook) bool { return h.Step["index"] == 2.0 && h.Explain != nil })
	if h.Step["total"] != 196.0 || h.Step["map"] != 0.0 || h.Step["oy"] != 0.0 || h.Step["ox"] != 2.0 || h.Step["stepping"] != true {
		t.Fatalf("step %v, want cell (0, 2) of map 0, 196 cells", h.Step)
	}
	e := h.Explain
	chans := e["channels"].([]any)
	if e["map"] != 0.0 || e["oy"] != 0.0 || e["ox"] != 2.0 || len(chans) != 4 {
		t.Fatalf("explained cell (%v, %v, %v) with %d channels", e["map"], e["oy"], e["ox"], len(chans))
	}
	sum := e["bias"].(float64)
	for c, ch := range chans {
		for _, tp := range ch.(map[string]any)["taps"].([]any) {
			tap := tp.(map[string]any)
			ky, kx := int(tap["ky"].(float64)), int(tap["kx"].(float64))
			y, x := 0*2-2+2*ky, 2*2-2+2*kx
			inside := y >= 0 && x >= 0 && y < 28 && x < 28
			if !at(tap, y, x) || tap["padding"] == inside {
				t.Fatalf("channel %d tap (%d, %d) at %v (padding %v), want (%d, %d)", c, ky, kx, tap["at"], tap["padding"], y, x)
			}
			if inside {
				sum += float64(in[(c*28+y)*28+x]) * tap["w"].(float64)
			}
		}
	}
	value := float64(out[0*196+0*14+2])
	if math.Abs(sum-value) > 1e-5*max(1, math.Abs(value)) || math.Abs(e["value"].(float64)-value) > 1e-6*max(1, math.Abs(value)) {
		t.Errorf("Σ w·x + b from layer 1's values = %v, the explained value %v, layer 2's %v", sum, e["value"], value)
	}
	p.screenshot(shots, "deep-step.png")
	p.click("tab:explain")
	p.screenshot(shots, "deep-step-explain.png")
}
