package nn

import "math"

// The weights file stores IEEE 754 half-precision floats (binary16): LeNet
// keeps its accuracy at this precision and the file, embedded in the
// browser build, is half as large as with float32.

// halfBits returns the binary16 value nearest to f (ties to even), as
// NumPy's astype(float16) and torch's .half() round. Values whose magnitude
// rounds above 65504 become ±Inf; NaN stays NaN.
func halfBits(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	abs := b & 0x7fffffff
	switch {
	case abs > 0x7f800000: // NaN
		return sign | 0x7e00
	case abs >= 0x477ff000: // ≥ 65520, halfway above 65504: Inf
		return sign | 0x7c00
	case abs >= 0x38800000: // ≥ 2^-14: a normal half. Rebias the exponent
		// (127 → 15); a mantissa carry correctly bumps the exponent.
		return sign | uint16(roundShift(abs-112<<23, 13))
	case abs < 0x33000000: // below 2^-25, half the smallest subnormal
		return sign
	}
	// Subnormal half: count units of 2^-24. The float32 is
	// (1.mant)·2^(e-127) = (mant|2^23)·2^(e-150), so shift by 126-e.
	e := abs >> 23
	return sign | uint16(roundShift(abs&0x7fffff|0x800000, 126-e))
}

// roundShift returns m / 2^s rounded to the nearest integer, ties to even.
func roundShift(m, s uint32) uint32 {
	r, rem, half := m>>s, m&(1<<s-1), uint32(1)<<(s-1)
	if rem > half || rem == half && r&1 == 1 {
		r++
	}
	return r
}

// halfValue returns the float32 equal to the binary16 bits h (exact: every
// half is a float32).
func halfValue(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp, mant := uint32(h>>10&0x1f), uint32(h&0x3ff)
	switch exp {
	case 0x1f: // Inf, NaN
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case 0: // zero or subnormal: mant · 2^-24
		v := float32(mant) / (1 << 24)
		if sign != 0 {
			v = -v
		}
		return v
	}
	return math.Float32frombits(sign | (exp+112)<<23 | mant<<13)
}
