package teach

import (
	"math"
	"strconv"
	"strings"
)

// GridFormat is how every number of one grid of cells is written (a
// kernel, the x, w and x·w of an explained cell): the same decimals in
// every cell, so that a column reads as one kind of number.
type GridFormat struct {
	Decimals      int  // digits after the point, in every cell
	NoLeadingZero bool // "-.25" for "-0.25": the cells are that narrow
	Blank         bool // no number fits: the cells show their colour only
	// Scale, when not 0, is the power of ten the cells' whole numbers are
	// the values times (FormatScaled): "-5" for −0.052 at Scale 2, the
	// grid writing the factor ×10⁻² once beside it; "-2" for −20 at −1.
	Scale int
	chars int
}

// FormatGrid picks the format of a grid of vals whose cells hold chars
// characters: up to maxDecimals decimals (more when the largest magnitude
// needs them to show at all), fewer while the widest value does not fit,
// its minus sign counted, then without the leading zero; Blank when even
// that does not fit. Exact zeros are written "0". The full values are
// elsewhere (a hover or a click): this is what fits.
func FormatGrid(vals []float64, chars, maxDecimals int) GridFormat {
	m := 0.0
	for _, v := range vals {
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			m = max(m, math.Abs(v))
		}
	}
	if m == 0 {
		return GridFormat{chars: chars}
	}
	need := 0 // the decimals that show m as more than 0
	if m < 1 {
		need = int(-math.Floor(math.Log10(m)))
	}
	for d := max(maxDecimals, need); d >= need; d-- {
		for _, nlz := range []bool{false, true} {
			f := GridFormat{Decimals: d, NoLeadingZero: nlz, chars: chars}
			if f.widest(vals) <= chars {
				return f
			}
		}
	}
	return GridFormat{Blank: true, chars: chars}
}

// FormatScaled is FormatGrid, except that a grid it would leave blank
// writes the values times the largest power of ten whose whole numbers
// fit (Scale), before it shows colour only: a kernel of AlexNet's 11×11
// weights (±0.05) in cells of two characters reads "-5", "3", "0"; the
// full values are on pointing, as ever.
func FormatScaled(vals []float64, chars, maxDecimals int) GridFormat {
	f := FormatGrid(vals, chars, maxDecimals)
	if !f.Blank {
		return f
	}
	for e := 9; e >= -9; e-- { // most digits first; below 0, values too large: "-2" ×10¹
		if g := (GridFormat{Scale: e, chars: chars}); e != 0 && g.widest(vals) <= chars {
			return g
		}
	}
	return f
}

// Factor is the scaled grid's factor as written beside it, "×10⁻²" (or
// "×10¹" for values written in tens); "" for a grid of the values
// themselves.
func (f GridFormat) Factor() string {
	if f.Scale == 0 {
		return ""
	}
	sup := strings.NewReplacer("-", "⁻", "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹")
	return "×10" + sup.Replace(strconv.Itoa(-f.Scale))
}

// widest is the length of the longest of vals written in f.
func (f GridFormat) widest(vals []float64) int {
	w := 0
	for _, v := range vals {
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			w = max(w, len(f.write(v)))
		}
	}
	return w
}

// Format writes v in the grid's format ("" in a blank grid, or when a
// non-finite value does not fit).
func (f GridFormat) Format(v float64) string {
	if v == 0 {
		if f.chars < 1 {
			return ""
		}
		return "0"
	}
	if f.Blank {
		return ""
	}
	s := f.write(v)
	if len(s) > f.chars {
		return ""
	}
	return s
}

func (f GridFormat) write(v float64) string {
	if f.Scale != 0 {
		return strconv.FormatFloat(v*math.Pow10(f.Scale), 'f', 0, 64)
	}
	s := strconv.FormatFloat(v, 'f', f.Decimals, 64)
	if f.NoLeadingZero {
		if t, ok := strings.CutPrefix(s, "0."); ok {
			return "." + t
		}
		if t, ok := strings.CutPrefix(s, "-0."); ok {
			return "-." + t
		}
	}
	return s
}
