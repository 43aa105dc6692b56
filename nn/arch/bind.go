package arch

import (
	"fmt"
	"strings"
)

// param is one parameter of a layer's constructor, after self.
type param struct {
	name     string
	def      value // the default; ignored when required
	required bool
}

func req(name string) param            { return param{name: name, required: true} }
func opt(name string, def value) param { return param{name: name, def: def} }

// signature is a layer's constructor as PyTorch 1.13 declares it, and the
// two directions between its arguments and a Layer.
type signature struct {
	// qualname is the class whose __init__ binds the arguments, as Python
	// names it in its TypeErrors ("_MaxPoolNd" for MaxPool2d).
	qualname string
	params   []param
	// build type-checks the bound arguments (b.vals, defaults filled in)
	// and stores them in l, in the order of params.
	build func(b *binder, l *Layer)
	// args gives l's arguments as values, in the order of params.
	args func(l Layer) []value
}

func (s *signature) index(name string) int {
	for i, p := range s.params {
		if p.name == name {
			return i
		}
	}
	return -1
}

// names lists the parameter names ("in_channels, out_channels, ...").
func (s *signature) names() string {
	var ns []string
	for _, p := range s.params {
		ns = append(ns, p.name)
	}
	return strings.Join(ns, ", ")
}

// lookup resolves a layer's name: Conv2d, nn.Conv2d or torch.nn.Conv2d.
func lookup(c call) (Kind, error) {
	short, ok := strings.CutPrefix(c.name, "torch.nn.")
	if !ok {
		short, _ = strings.CutPrefix(c.name, "nn.")
	}
	for _, k := range Kinds() {
		if k.String() == short {
			return k, nil
		}
	}
	var supported []string
	hint := ""
	last := c.name[strings.LastIndexByte(c.name, '.')+1:]
	for _, k := range Kinds() {
		supported = append(supported, "nn."+k.String())
		if strings.EqualFold(k.String(), last) {
			hint = fmt.Sprintf(" (did you mean nn.%s?)", k)
		}
	}
	return 0, &Error{c.line, c.col, fmt.Sprintf("unknown layer %s%s; the supported layers are %s", c.name, hint, strings.Join(supported, ", "))}
}

// bind binds a call's arguments to its layer's parameters as Python does
// (unexpected or repeated keywords, then too many positional arguments,
// then missing ones, with Python's messages), then types them.
func bind(c call) (Layer, error) {
	kind, err := lookup(c)
	if err != nil {
		return Layer{}, err
	}
	sig := signatures[kind]
	prefix := sig.qualname + ".__init__() "
	vals := map[string]value{}
	for i, a := range c.args[:c.nPositional] {
		if i < len(sig.params) {
			vals[sig.params[i].name] = a.val
		}
	}
	for _, a := range c.args[c.nPositional:] {
		if sig.index(a.name) < 0 {
			return Layer{}, &Error{a.line, a.col, fmt.Sprintf("%sgot an unexpected keyword argument '%s'; nn.%s takes %s", prefix, a.name, kind, sig.names())}
		}
		if _, dup := vals[a.name]; dup {
			return Layer{}, &Error{a.line, a.col, fmt.Sprintf("%sgot multiple values for argument '%s'", prefix, a.name)}
		}
		vals[a.name] = a.val
	}
	var missing []string
	for _, p := range sig.params {
		if _, ok := vals[p.name]; !ok {
			if p.required {
				missing = append(missing, "'"+p.name+"'")
			}
			vals[p.name] = p.def
		}
	}
	if n := len(sig.params); c.nPositional > n {
		a := c.args[n]
		return Layer{}, &Error{a.line, a.col, prefix + sig.tooMany(c.nPositional)}
	}
	if len(missing) > 0 {
		return Layer{}, &Error{c.close.line, c.close.col, fmt.Sprintf("%smissing %d required positional %s: %s", prefix, len(missing), plural(len(missing), "argument"), pyList(missing))}
	}
	l := Layer{Kind: kind, Line: c.line, Col: c.col}
	b := binder{vals: vals}
	sig.build(&b, &l)
	if b.err != nil {
		return Layer{}, b.err
	}
	return l, nil
}

// tooMany is Python's "takes from 4 to 12 positional arguments but 13 were
// given", counting self as Python does.
func (s *signature) tooMany(given int) string {
	lo, hi := 1, len(s.params)+1
	for _, p := range s.params {
		if p.required {
			lo++
		}
	}
	takes := fmt.Sprintf("from %d to %d", lo, hi)
	if lo == hi {
		takes = fmt.Sprint(hi)
	}
	return fmt.Sprintf("takes %s positional %s but %d were given", takes, plural(hi, "argument"), given+1)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// pyList joins as Python's argument errors do: 'a'; 'a' and 'b'; 'a', 'b',
// and 'c'.
func pyList(items []string) string {
	switch len(items) {
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
}
