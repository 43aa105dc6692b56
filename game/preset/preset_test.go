package preset

import (
	"math"
	"testing"
)

// Every preset has its own name; a link numbers them by Cycle, which holds
// all but Learned in order; a hand-made kernel spreads over the channels.
func TestPresets(t *testing.T) {
	seen := map[string]bool{}
	for p := Identity; p <= Learned; p++ {
		if n := p.String(); n == "" || seen[n] {
			t.Errorf("preset %d: name %q", int(p), n)
		}
		seen[p.String()] = true
	}
	if len(Cycle) != int(Learned) || Cycle[0] != Identity || Cycle[len(Cycle)-1] != Kaiming {
		t.Errorf("cycle %v", Cycle)
	}
	if DiagDown.String() != `diagonal \` || Learned.String() != "learned" {
		t.Errorf("names %q %q", DiagDown, Learned)
	}
	w, b, handmade := Weights(Identity, 3, 3, 1)
	if !handmade || b != 0 || w[4] != float32(1)/3 || w[9+4] != w[4] {
		t.Errorf("identity on 3 channels: %v %v %v", w, b, handmade)
	}
	w, b, handmade = Weights(Learned, 5, 1, 7)
	bound := KaimingBound(25)
	for _, v := range append(w, b) {
		if handmade || math.Abs(float64(v)) > bound {
			t.Fatalf("learned without a network is kaiming: %v outside ±%v", v, bound)
		}
	}
}
