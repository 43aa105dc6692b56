package arch

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// valKind is the Python type of a literal.
type valKind int

const (
	vNone valKind = iota
	vInt
	vFloat
	vString
	vBool
	vTuple
)

// value is a literal argument: an int, float, string, True/False, None or a
// tuple of these, with where it starts.
type value struct {
	kind      valKind
	i         int
	f         float64
	s         string
	b         bool
	elems     []value // a tuple's
	line, col int
}

// arg is one argument of a call: keyword ("" when positional) and value.
type arg struct {
	name      string
	line, col int // of the keyword, or of the value when positional
	val       value
}

// call is one layer as written: its dotted name and arguments.
type call struct {
	name        string // as written: "nn.Conv2d", "Conv2d", "torch.nn.Conv2d"
	line, col   int
	args        []arg
	close       token // the closing parenthesis
	nPositional int
}

// Parse reads a network written as PyTorch's nn.Sequential(...) (see the
// package comment). It also takes a Python list of layers, [nn.Conv2d(...),
// ...], or the layers alone separated by commas, and an assignment before
// any of them (model = nn.Sequential(...)). Errors are *Error.
func Parse(text string) (Spec, error) {
	toks, err := lex(text)
	if err != nil {
		return Spec{}, err
	}
	p := parser{toks: toks}
	calls, err := p.network()
	if err != nil {
		return Spec{}, err
	}
	spec := Spec{Layers: make([]Layer, 0, len(calls))}
	for _, c := range calls {
		l, err := bind(c)
		if err != nil {
			return Spec{}, err
		}
		spec.Layers = append(spec.Layers, l)
	}
	return spec, nil
}

// parser checks the whole text's syntax first, as Python compiles a text
// before it runs any of it.
type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) peekAt(n int) token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) is(kind tokKind, text string) bool {
	t := p.peek()
	return t.kind == kind && t.text == text
}

func expected(t token, what string) error {
	return &Error{t.line, t.col, fmt.Sprintf("expected %s, found %s", what, t.describe())}
}

func (p *parser) expect(text, what string) (token, error) {
	if !p.is(tPunct, text) {
		return p.peek(), expected(p.peek(), what)
	}
	return p.next(), nil
}

// network is [NAME '='] (Sequential '(' calls ')' | '[' calls ']' | calls) EOF.
func (p *parser) network() ([]call, error) {
	if p.peek().kind == tName && p.peekAt(1).kind == tPunct && p.peekAt(1).text == "=" {
		p.pos += 2
	}
	var calls []call
	var err error
	switch {
	case p.peek().kind == tEOF:
		return nil, expected(p.peek(), "nn.Sequential(...)")
	case p.is(tPunct, "["):
		p.next()
		calls, err = p.calls("]")
	default:
		start := p.pos
		name, _, _, nameErr := p.dotted()
		if nameErr == nil && isSequential(name) {
			if _, err := p.expect("(", "'(' after "+name); err != nil {
				return nil, err
			}
			calls, err = p.calls(")")
			break
		}
		p.pos = start
		calls, err = p.calls("")
	}
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, expected(t, "the end of the network")
	}
	return calls, nil
}

func isSequential(name string) bool {
	return name == "Sequential" || name == "nn.Sequential" || name == "torch.nn.Sequential"
}

// dotted reads NAME {'.' NAME}.
func (p *parser) dotted() (name string, line, col int, err error) {
	t := p.peek()
	if t.kind != tName {
		return "", 0, 0, expected(t, "a layer such as nn.Conv2d(...)")
	}
	p.next()
	parts := []string{t.text}
	for p.is(tPunct, ".") {
		p.next()
		n := p.peek()
		if n.kind != tName {
			return "", 0, 0, expected(n, "a name after '.'")
		}
		parts = append(parts, p.next().text)
	}
	return strings.Join(parts, "."), t.line, t.col, nil
}

// calls reads layers separated by commas (a trailing one allowed) up to the
// closing bracket, which it consumes; close "" reads up to the end.
func (p *parser) calls(close string) ([]call, error) {
	var calls []call
	for {
		if close != "" && p.is(tPunct, close) {
			p.next()
			return calls, nil
		}
		if close == "" && p.peek().kind == tEOF && len(calls) > 0 {
			return calls, nil
		}
		c, err := p.call()
		if err != nil {
			return nil, err
		}
		calls = append(calls, c)
		if p.is(tPunct, ",") {
			p.next()
			continue
		}
		if close == "" {
			return calls, nil
		}
		if !p.is(tPunct, close) {
			return nil, expected(p.peek(), "',' or '"+close+"' after a layer")
		}
	}
}

// call reads NAME {'.' NAME} '(' [arg {',' arg} [',']] ')'.
func (p *parser) call() (call, error) {
	var c call
	var err error
	if c.name, c.line, c.col, err = p.dotted(); err != nil {
		return c, err
	}
	if isSequential(c.name) {
		return c, &Error{c.line, c.col, "a nested nn.Sequential is not supported: list its layers in the outer one"}
	}
	if _, err := p.expect("(", "'(' after "+c.name); err != nil {
		return c, err
	}
	seen := map[string]bool{}
	for !p.is(tPunct, ")") {
		a, err := p.arg()
		if err != nil {
			return c, err
		}
		if a.name == "" && len(c.args) > c.nPositional {
			return c, &Error{a.line, a.col, "positional argument follows keyword argument"}
		}
		if a.name != "" {
			if seen[a.name] {
				return c, &Error{a.line, a.col, "keyword argument repeated: " + a.name}
			}
			seen[a.name] = true
		} else {
			c.nPositional++
		}
		c.args = append(c.args, a)
		if !p.is(tPunct, ",") {
			break
		}
		p.next()
	}
	if c.close, err = p.expect(")", "',' or ')' after an argument"); err != nil {
		return c, err
	}
	return c, nil
}

// arg reads [NAME '='] value.
func (p *parser) arg() (arg, error) {
	t := p.peek()
	if t.kind == tName && p.peekAt(1).kind == tPunct && p.peekAt(1).text == "=" {
		p.pos += 2
		v, err := p.value()
		return arg{name: t.text, line: t.line, col: t.col, val: v}, err
	}
	v, err := p.value()
	return arg{line: v.line, col: v.col, val: v}, err
}

// value reads a literal: ['-'] number, string, True, False, None, or a
// parenthesised value or tuple.
func (p *parser) value() (value, error) {
	t := p.next()
	v := value{line: t.line, col: t.col}
	switch {
	case t.kind == tPunct && t.text == "-":
		n := p.peek()
		if n.kind != tInt && n.kind != tFloat {
			return v, expected(n, "a number after '-'")
		}
		return p.number(p.next(), true, t)
	case t.kind == tInt || t.kind == tFloat:
		return p.number(t, false, t)
	case t.kind == tString:
		v.kind, v.s = vString, t.text
	case t.kind == tName && (t.text == "True" || t.text == "False"):
		v.kind, v.b = vBool, t.text == "True"
	case t.kind == tName && t.text == "None":
		v.kind = vNone
	case t.kind == tPunct && t.text == "(":
		return p.tuple(v)
	default:
		return v, expected(t, "a value (a number, a string, True, False, None or a tuple)")
	}
	return v, nil
}

// tuple reads the rest of '(' after its opening: () is the empty tuple,
// (x) is x, (x,) and (x, y) are tuples.
func (p *parser) tuple(v value) (value, error) {
	v.kind = vTuple
	for !p.is(tPunct, ")") {
		e, err := p.value()
		if err != nil {
			return v, err
		}
		v.elems = append(v.elems, e)
		if !p.is(tPunct, ",") {
			if len(v.elems) == 1 {
				if _, err := p.expect(")", "')'"); err != nil {
					return v, err
				}
				return e, nil // (x) is x
			}
			break
		}
		p.next()
	}
	_, err := p.expect(")", "',' or ')' in a tuple")
	return v, err
}

// number converts a numeric token, negated after a '-' (at start).
func (p *parser) number(t token, neg bool, start token) (value, error) {
	v := value{line: start.line, col: start.col}
	text := t.text
	if neg {
		text = "-" + text
	}
	if t.kind == tInt {
		i, err := strconv.ParseInt(text, 10, 64)
		if err != nil || i > math.MaxInt || i < math.MinInt {
			return v, &Error{start.line, start.col, fmt.Sprintf("the integer %s is too large", clip(text))}
		}
		v.kind, v.i = vInt, int(i)
		return v, nil
	}
	// The lexer checked the syntax, so the only error left is a range one:
	// an underflow is 0 (as in Python), an overflow refused.
	f, _ := strconv.ParseFloat(text, 64)
	if math.IsInf(f, 0) {
		return v, &Error{start.line, start.col, fmt.Sprintf("the number %s is out of a float's range", clip(text))}
	}
	v.kind, v.f = vFloat, f
	return v, nil
}

// clip shortens a long literal for a message, which should not grow with
// the text.
func clip(s string) string {
	if len(s) > 24 {
		return s[:20] + "…"
	}
	return s
}
