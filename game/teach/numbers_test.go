package teach

import (
	"math"
	"strings"
	"testing"
)

// One rule for a grid of numbers (issue 20, item 2): the same decimals in
// every cell, from the largest magnitude and the cell's width; a minus
// never pushes a digit out; a grid too narrow shows fewer digits, then
// none; nothing is wider than the cell.
func TestGridFormat(t *testing.T) {
	for _, c := range []struct {
		name  string
		vals  []float64
		chars int
		want  []string
	}{
		{"two decimals everywhere", []float64{0.07, -0.1, 0.11, 0}, 5, []string{"0.07", "-0.10", "0.11", "0"}},
		{"the identity at 4 chars", []float64{0, 1, 0}, 4, []string{"0", "1.00", "0"}},
		{"a minus keeps its digits", []float64{-2, 2, 0.5}, 4, []string{"-2.0", "2.0", "0.5"}},
		{"narrow: no leading zero", []float64{-0.26, 0.03}, 4, []string{"-.26", ".03"}},
		{"narrower: one decimal", []float64{-0.26, 0.03}, 3, []string{"-.3", ".0"}},
		{"too narrow: blank", []float64{-0.25, 0.03}, 2, []string{"", ""}},
		{"small values get their digits", []float64{0.003, -0.001}, 6, []string{"0.003", "-0.001"}},
		{"large values lose decimals", []float64{123.4, -5}, 5, []string{"123.4", "-5.0"}},
		{"rounding up widens", []float64{9.996, 1}, 4, []string{"10.0", "1.0"}},
		{"all zero", []float64{0, 0}, 1, []string{"0", "0"}},
	} {
		f := FormatGrid(c.vals, c.chars, 2)
		for i, v := range c.vals {
			got := f.Format(v)
			if got != c.want[i] {
				t.Errorf("%s: %v in %d chars = %q, want %q", c.name, v, c.chars, got, c.want[i])
			}
			if len(got) > c.chars {
				t.Errorf("%s: %q is wider than %d chars", c.name, got, c.chars)
			}
		}
	}
}

// Every cell of a grid has the same decimals, whatever the values.
func TestGridFormatSameDecimals(t *testing.T) {
	vals := []float64{-0.0001, 0.5, -0.49, 0.033, 0.9999, -0.9999, 0}
	for chars := 1; chars <= 8; chars++ {
		f := FormatGrid(vals, chars, 3)
		dec := -1
		for _, v := range vals {
			s := f.Format(v)
			if s == "" || v == 0 {
				continue
			}
			d := 0
			if i := strings.IndexByte(s, '.'); i >= 0 {
				d = len(s) - i - 1
			}
			if dec >= 0 && d != dec {
				t.Errorf("%d chars: %q has %d decimals, another cell %d", chars, s, d, dec)
			}
			dec = d
		}
	}
	if s := FormatGrid([]float64{math.NaN(), 1}, 4, 2).Format(1); s != "1.00" {
		t.Errorf("a NaN beside 1 changes its format: %q", s)
	}
}

// A grid too narrow for the values themselves writes them times a power
// of ten, as many digits as fit, the factor named once; too narrow even
// for that, colour only.
func TestFormatScaled(t *testing.T) {
	for _, c := range []struct {
		name   string
		vals   []float64
		chars  int
		want   []string
		factor string
	}{
		{"fits as it is", []float64{-0.26, 0.03}, 4, []string{"-.26", ".03"}, ""},
		{"AlexNet's weights in 2 chars", []float64{-0.052, 0.031, 0.004, 0}, 2, []string{"-5", "3", "0", "0"}, "×10⁻²"},
		{"in 3 chars: a digit more", []float64{-0.052, 0.031, 0.004, 0}, 3, []string{"-52", "31", "4", "0"}, "×10⁻³"},
		{"tiny values", []float64{0.00012, -0.00007}, 3, []string{"120", "-70"}, "×10⁻⁶"},
		{"large values in tens", []float64{-20, 12, 3}, 2, []string{"-2", "1", "0"}, "×10¹"},
		{"no room even so: colour", []float64{-0.052, 5}, 1, []string{"", ""}, ""},
	} {
		f := FormatScaled(c.vals, c.chars, 2)
		if f.Factor() != c.factor {
			t.Errorf("%s: factor %q, want %q", c.name, f.Factor(), c.factor)
		}
		for i, v := range c.vals {
			if got := f.Format(v); got != c.want[i] || len(got) > c.chars {
				t.Errorf("%s: %v in %d chars = %q, want %q", c.name, v, c.chars, got, c.want[i])
			}
		}
	}
}
