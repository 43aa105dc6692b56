package nn

import (
	"math"
	"testing"
)

// Bit patterns from the IEEE 754 binary16 definition (and what NumPy's
// astype('<f2') gives for the same float32 values).
func TestHalfKnownBits(t *testing.T) {
	inf := float32(math.Inf(1))
	for _, c := range []struct {
		f float32
		h uint16
	}{
		{0, 0x0000},
		{float32(math.Copysign(0, -1)), 0x8000},
		{1, 0x3C00},
		{-2, 0xC000},
		{65504, 0x7BFF},          // largest finite half
		{65519.99, 0x7BFF},       // just below the halfway point to 65536
		{65520, 0x7C00},          // halfway: ties to even, which is Inf
		{-1e6, 0xFC00},           // overflow
		{0x1p-14, 0x0400},        // smallest normal
		{0x1p-24, 0x0001},        // smallest subnormal
		{0x1p-25, 0x0000},        // halfway to it: ties to even 0
		{0x1.000002p-25, 0x0001}, // just above halfway
		{0x1.8p-24, 0x0002},      // 1.5 units: ties to even 2
		{6.097555e-05, 0x03FF},   // largest subnormal
		{0.1, 0x2E66},
		{1.0 / 3, 0x3555},
		{inf, 0x7C00},
		{-inf, 0xFC00},
	} {
		if got := halfBits(c.f); got != c.h {
			t.Errorf("halfBits(%g) = %#04x, want %#04x", c.f, got, c.h)
		}
	}
	if got := halfBits(float32(math.NaN())); got&0x7C00 != 0x7C00 || got&0x3FF == 0 {
		t.Errorf("halfBits(NaN) = %#04x, not a NaN", got)
	}
	for h, want := range map[uint16]float32{0x3C00: 1, 0xC000: -2, 0x7BFF: 65504, 0x0001: 0x1p-24, 0x8001: -0x1p-24, 0x03FF: 1023 * 0x1p-24, 0x7C00: inf, 0xFC00: -inf} {
		if got := halfValue(h); got != want {
			t.Errorf("halfValue(%#04x) = %g, want %g", h, got, want)
		}
	}
	if v := halfValue(0x7E00); !math.IsNaN(float64(v)) {
		t.Errorf("halfValue(0x7e00) = %g, want NaN", v)
	}
}

// Every finite half survives a round trip; between two neighbours, values
// go to the nearer one and the exact midpoint to the one with an even
// last bit.
func TestHalfRoundingAllValues(t *testing.T) {
	for h := uint16(0); h < 0x7C00; h++ {
		for _, s := range []uint16{0, 0x8000} {
			if got := halfBits(halfValue(h | s)); got != h|s {
				t.Fatalf("round trip of %#04x gives %#04x", h|s, got)
			}
		}
		if h == 0x7BFF {
			break // the next value up is Inf, checked above
		}
		lo, hi := halfValue(h), halfValue(h+1)
		mid := (lo + hi) / 2 // exact: 12 significant bits
		even := h
		if h&1 == 1 {
			even = h + 1
		}
		below, above := math.Nextafter32(mid, 0), math.Nextafter32(mid, hi)
		if halfBits(mid) != even || halfBits(below) != h || halfBits(above) != h+1 {
			t.Fatalf("between %#04x and %#04x: %g→%#04x (want %#04x), %g→%#04x, %g→%#04x",
				h, h+1, mid, halfBits(mid), even, below, halfBits(below), above, halfBits(above))
		}
	}
}
