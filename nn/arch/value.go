package arch

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

func iv(i int) value          { return value{kind: vInt, i: i} }
func fv(f float64) value      { return value{kind: vFloat, f: f} }
func bv(b bool) value         { return value{kind: vBool, b: b} }
func sv(s string) value       { return value{kind: vString, s: s} }
func tv(elems ...value) value { return value{kind: vTuple, elems: elems} }

var none = value{kind: vNone}

// pv is a pair as PyTorch's own repr would show an argument: 5 for (5, 5),
// else the tuple.
func pv(p [2]int) value {
	if p[0] == p[1] {
		return iv(p[0])
	}
	return tv(iv(p[0]), iv(p[1]))
}

// repr is the value as Python's repr prints it.
func (v value) repr() string {
	switch v.kind {
	case vInt:
		return strconv.Itoa(v.i)
	case vFloat:
		return pyFloat(v.f)
	case vString:
		return pyString(v.s)
	case vBool:
		if v.b {
			return "True"
		}
		return "False"
	case vTuple:
		var es []string
		for _, e := range v.elems {
			es = append(es, e.repr())
		}
		if len(es) == 1 {
			return "(" + es[0] + ",)"
		}
		return "(" + strings.Join(es, ", ") + ")"
	}
	return "None"
}

// pyFloat is Python's repr of a float: the shortest digits that read back
// to it, positional for exponents -4..15 (with ".0" when whole), else
// 1e-05 style.
func pyFloat(f float64) string {
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 || math.IsInf(f, 0) || math.IsNaN(f) {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// pyString quotes as Python's repr does: single quotes unless the text
// holds one and no double quote. (Parse admits no escapes, so a string
// never holds both.)
func pyString(s string) string {
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return "'" + s + "'"
}

// binder types the bound arguments of one layer; the first mistake stops
// it (later calls return zero values).
type binder struct {
	vals map[string]value
	err  error
}

// get returns the argument name, or ok false after an error.
func (b *binder) get(name string) (value, bool) {
	return b.vals[name], b.err == nil
}

func (b *binder) fail(v value, format string, args ...any) {
	if b.err == nil {
		b.err = &Error{v.line, v.col, fmt.Sprintf(format, args...)}
	}
}

func (b *binder) int(name string) int {
	v, ok := b.get(name)
	if ok && v.kind != vInt {
		b.fail(v, "%s must be an int, got %s", name, v.repr())
	}
	return v.i
}

// pair reads an int or a tuple of two ints.
func (b *binder) pair(name string) [2]int {
	v, ok := b.get(name)
	switch {
	case !ok:
	case v.kind == vInt:
		return [2]int{v.i, v.i}
	case v.kind == vTuple && len(v.elems) == 2 && v.elems[0].kind == vInt && v.elems[1].kind == vInt:
		return [2]int{v.elems[0].i, v.elems[1].i}
	default:
		b.fail(v, "%s must be an int or a tuple of 2 ints, got %s", name, v.repr())
	}
	return [2]int{}
}

// float reads a float (an int is taken as one, as Python would).
func (b *binder) float(name string) float64 {
	v, ok := b.get(name)
	switch {
	case !ok:
	case v.kind == vFloat:
		return v.f
	case v.kind == vInt:
		return float64(v.i)
	default:
		b.fail(v, "%s must be a number, got %s", name, v.repr())
	}
	return 0
}

func (b *binder) bool(name string) bool {
	v, ok := b.get(name)
	if ok && v.kind != vBool {
		b.fail(v, "%s must be True or False, got %s", name, v.repr())
	}
	return v.b
}

func (b *binder) str(name string) string {
	v, ok := b.get(name)
	if ok && v.kind != vString {
		b.fail(v, "%s must be a string, got %s", name, v.repr())
	}
	return v.s
}

// refuse reports an argument the playground does not implement, when bad.
func (b *binder) refuse(name string, bad bool, why string) {
	if v, ok := b.get(name); ok && bad {
		b.fail(v, "%s=%s is not supported: %s", name, v.repr(), why)
	}
}

// cpuFloat refuses a device or dtype other than None.
func (b *binder) cpuFloat() {
	for _, name := range []string{"device", "dtype"} {
		v, _ := b.get(name)
		b.refuse(name, v.kind != vNone, "the playground runs on the CPU in float32")
	}
}
