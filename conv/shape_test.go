package conv

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestFormula(t *testing.T) {
	same4 := New(1, 1, 4, 1, 0)
	same4.PaddingString = "same"
	dil := New(1, 1, 5, 1, 2)
	dil.Dilation = [2]int{2, 1}
	crop := Conv2d{InChannels: 1, OutChannels: 1, Kernel: [2]int{1, 3}, Stride: [2]int{1, 1}, Padding: [2]int{-1, 0},
		Dilation: [2]int{1, 1}, Groups: 1, PaddingMode: ReflectMode}
	for _, tc := range []struct {
		c     Conv2d
		in    []int
		h, w  string
		ascii string
	}{
		{New(1, 20, 5, 1, 2), []int{16, 1, 28, 28}, "(28 − 5 + 2·2)/1 + 1 = 28", "(28 − 5 + 2·2)/1 + 1 = 28", "(28 - 5 + 2*2)/1 + 1 = 28"},
		{New(1, 20, 5, 2, 2), []int{1, 1, 28, 27}, "⌊(28 − 5 + 2·2)/2⌋ + 1 = 14", "(27 − 5 + 2·2)/2 + 1 = 14", "floor((28 - 5 + 2*2)/2) + 1 = 14"},
		{New(3, 6, 5, 1, 0), []int{1, 3, 64, 64}, "(64 − 5 + 2·0)/1 + 1 = 60", "(64 − 5 + 2·0)/1 + 1 = 60", "(64 - 5 + 2*0)/1 + 1 = 60"},
		{dil, []int{1, 1, 28, 28}, "(28 − (2·(5−1)+1) + 2·2)/1 + 1 = 24", "(28 − 5 + 2·2)/1 + 1 = 28", "(28 - (2*(5-1)+1) + 2*2)/1 + 1 = 24"},
		{same4, []int{1, 1, 28, 9}, "(28 − 4 + 1 + 2)/1 + 1 = 28", "(9 − 4 + 1 + 2)/1 + 1 = 9", "(28 - 4 + 1 + 2)/1 + 1 = 28"},
		{crop, []int{1, 1, 8, 5}, "(8 − 1 − 2·1)/1 + 1 = 6", "(5 − 3 + 2·0)/1 + 1 = 3", "(8 - 1 - 2*1)/1 + 1 = 6"},
	} {
		g, err := tc.c.Geometry(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if h, w, a := g.Formula(0), g.Formula(1), formulaASCII(g, 0); h != tc.h || w != tc.w || a != tc.ascii {
			t.Errorf("%v:\n got %q %q %q\nwant %q %q %q", tc.in, h, w, a, tc.h, tc.w, tc.ascii)
		}
	}
}

// Every golden case's formula evaluates to PyTorch's output size, and says so.
func TestGoldenFormula(t *testing.T) {
	for _, gc := range loadGolden(t) {
		if gc.Error != "" {
			continue
		}
		g, err := gc.conv().Geometry(gc.Input)
		if err != nil {
			t.Fatal(err)
		}
		n := len(gc.Output)
		for axis := 0; axis < 2; axis++ {
			want := gc.Output[n-2+axis]
			f := formulaASCII(g, axis)
			lhs, rhs, ok := strings.Cut(f, " = ")
			if v, err := evalFormula(lhs); !ok || err != nil || v != want || rhs != strconv.Itoa(want) {
				t.Errorf("%v axis %d: %q evaluates to %v (%v), torch says %d", gc, axis, f, v, err, want)
			}
			if strings.Contains(f, "floor") != ((g.Input[2+axis]+g.Pad[2*axis]+g.Pad[2*axis+1]-g.EffKernel[axis])%gc.Stride[axis] != 0) {
				t.Errorf("%v: floor shown wrongly in %q", gc, f)
			}
		}
	}
}

// evalFormula evaluates formulaASCII's left side: integers, + - * /, parentheses
// and floor(); "/" is exact here, floor() does the flooring.
func evalFormula(s string) (int, error) {
	e := &expr{s: strings.ReplaceAll(s, " ", "")}
	v := e.sum()
	if e.err == nil && e.i != len(e.s) {
		e.fail()
	}
	if e.err != nil {
		return 0, e.err
	}
	if v != math.Trunc(v) {
		return 0, strconv.ErrSyntax
	}
	return int(v), nil
}

type expr struct {
	s   string
	i   int
	err error
}

func (e *expr) fail() { e.err = strconv.ErrSyntax }

func (e *expr) sum() float64 {
	v := e.product()
	for e.i < len(e.s) && (e.s[e.i] == '+' || e.s[e.i] == '-') {
		op := e.s[e.i]
		e.i++
		if r := e.product(); op == '+' {
			v += r
		} else {
			v -= r
		}
	}
	return v
}

func (e *expr) product() float64 {
	v := e.atom()
	for e.i < len(e.s) && (e.s[e.i] == '*' || e.s[e.i] == '/') {
		op := e.s[e.i]
		e.i++
		if r := e.atom(); op == '*' {
			v *= r
		} else {
			v /= r
		}
	}
	return v
}

func (e *expr) atom() float64 {
	switch {
	case strings.HasPrefix(e.s[e.i:], "floor("):
		e.i += len("floor")
		return math.Floor(e.atom())
	case e.i < len(e.s) && e.s[e.i] == '(':
		e.i++
		v := e.sum()
		if e.i >= len(e.s) || e.s[e.i] != ')' {
			e.fail()
			return 0
		}
		e.i++
		return v
	}
	j := e.i
	for j < len(e.s) && e.s[j] >= '0' && e.s[j] <= '9' {
		j++
	}
	v, err := strconv.Atoi(e.s[e.i:j])
	if err != nil {
		e.fail()
	}
	e.i = j
	return float64(v)
}

// Unreached agrees with PyTorch's input gradient: a row (column) is unread
// exactly when the gradient of (out·gy).sum() is zero on all of it.
func TestGoldenUnreached(t *testing.T) {
	some := 0 // cases with unread rows or columns
	defer func() {
		if some < 5 {
			t.Errorf("only %d golden cases leave rows or columns unread", some)
		}
	}()
	for _, gc := range loadGolden(t) {
		if gc.Error != "" || gc.Seed {
			continue
		}
		g, err := gc.conv().Geometry(gc.Input)
		if err != nil {
			t.Fatal(err)
		}
		gx := batched(gc.tensors(t)["gx"])
		if gx.Len() == 0 {
			continue
		}
		n, c, h, w := gx.Shape[0], gx.Shape[1], gx.Shape[2], gx.Shape[3]
		zeroRows, zeroCols := make([]bool, h), make([]bool, w)
		for y := range zeroRows {
			zeroRows[y] = true
		}
		for x := range zeroCols {
			zeroCols[x] = true
		}
		for i := 0; i < n*c; i++ {
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					if gx.Data[(i*h+y)*w+x] != 0 {
						zeroRows[y], zeroCols[x] = false, false
					}
				}
			}
		}
		rows, cols := g.Unreached()
		if rows != nil || cols != nil {
			some++
		}
		if !slices.Equal(rows, indices(zeroRows)) || !slices.Equal(cols, indices(zeroCols)) {
			t.Errorf("%v: Unreached rows %v cols %v; torch's gradient is zero on rows %v cols %v",
				gc, rows, cols, indices(zeroRows), indices(zeroCols))
		}
	}
}

func indices(b []bool) []int {
	var out []int
	for i, v := range b {
		if v {
			out = append(out, i)
		}
	}
	return out
}

// Summing weight × input over a cell's Window gives PyTorch's output.
func TestGoldenWindow(t *testing.T) {
	for _, gc := range loadGolden(t) {
		if gc.Error != "" || gc.Seed {
			continue
		}
		c := gc.conv()
		g, err := c.Geometry(gc.Input)
		if err != nil {
			t.Fatal(err)
		}
		m := gc.tensors(t)
		x, wt, b, out := batched(m["x"]), m["weight"], m["bias"], batched(m["out"])
		if out.Len() == 0 {
			continue
		}
		cpg, opg := g.Weight[1], g.Output[1]/c.Groups
		for _, cell := range [][2]int{{0, 0}, {g.Output[2] - 1, g.Output[3] - 1}, {g.Output[2] / 2, g.Output[3] / 3}} {
			win, err := g.Window(cell[0], cell[1])
			if err != nil {
				t.Fatal(err)
			}
			if len(win.Taps) != c.Kernel[0]*c.Kernel[1] || win.Y0 != win.Taps[0].Y || win.X1 != win.Taps[len(win.Taps)-1].X {
				t.Fatalf("%v: window %+v", gc, win)
			}
			for co := 0; co < g.Output[1]; co++ {
				var s float64
				if b != nil {
					s = float64(b.Data[co])
				}
				for ci := 0; ci < cpg; ci++ {
					for _, tap := range win.Taps {
						if tap.InPadding != (tap.Y < 0 || tap.Y >= g.Input[2] || tap.X < 0 || tap.X >= g.Input[3]) ||
							!tap.InPadding && (tap.SrcY != tap.Y || tap.SrcX != tap.X) {
							t.Fatalf("%v: tap %+v", gc, tap)
						}
						if tap.SrcY >= 0 {
							s += float64(wt.At(co, ci, tap.KY, tap.KX)) * float64(x.At(0, co/opg*cpg+ci, tap.SrcY, tap.SrcX))
						}
					}
				}
				want := out.At(0, co, cell[0], cell[1])
				if math.Abs(s-float64(want)) > 1e-4*max(1, math.Abs(float64(want))) {
					t.Fatalf("%v: cell %v channel %d: window sum %v, torch %v", gc, cell, co, s, want)
				}
			}
		}
	}
}

func TestUnreachedExample(t *testing.T) {
	// k=5, stride 2, no padding, height 28: windows start at 0, 2, …, 22 and
	// end at row 26; row 27 is never read. Width 27 is read to the end.
	g, err := New(1, 1, 5, 2, 0).Geometry([]int{1, 1, 28, 27})
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := g.Unreached()
	if !slices.Equal(rows, []int{27}) || cols != nil {
		t.Errorf("rows %v cols %v", rows, cols)
	}
	if _, err := g.Window(12, 0); err == nil {
		t.Error("Window outside the output: no error")
	}
}

// formulaASCII is Geometry.Formula in plain ASCII ("-", "*" and floor(...)),
// which evalFormula reads.
func formulaASCII(g Geometry, axis int) string {
	f := g.Formula(axis)
	if strings.HasPrefix(f, "⌊") {
		f = "floor(" + strings.TrimPrefix(strings.Replace(f, "⌋", ")", 1), "⌊")
	}
	return strings.NewReplacer("−", "-", "·", "*").Replace(f)
}
