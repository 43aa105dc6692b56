package modelfile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonReader reads the JSON of a safetensors header. It is the package's
// own because encoding/json (reflection, with encoding/json/v2 beneath it)
// made the browser build 1.5 MB larger (202 KB brotli) for this one small
// object. It reads RFC 8259 JSON (leading zeros allowed) as encoding/json
// does: invalid UTF-8 and lone surrogates become U+FFFD, a name given
// twice keeps its last value.
type jsonReader struct {
	b     []byte
	i     int
	depth int // of the values skip is inside
}

// maxJSONDepth bounds the nesting skip follows (a header needs 3), so that
// a header of brackets cannot take the stack.
const maxJSONDepth = 64

func (r *jsonReader) fail(want string) error {
	return fmt.Errorf("want %s at byte %d", want, r.i)
}

// peek skips white space and returns the next byte, 0 at the end.
func (r *jsonReader) peek() byte {
	for r.i < len(r.b) && strings.IndexByte(" \t\r\n", r.b[r.i]) >= 0 {
		r.i++
	}
	if r.i == len(r.b) {
		return 0
	}
	return r.b[r.i]
}

// end checks that only white space is left.
func (r *jsonReader) end() error {
	if r.peek() != 0 {
		return r.fail("the end")
	}
	return nil
}

// object reads {"key": value, ...}; member reads each value.
func (r *jsonReader) object(member func(key string) error) error {
	if r.peek() != '{' {
		return r.fail("an object")
	}
	r.i++
	if r.peek() == '}' {
		r.i++
		return nil
	}
	for {
		key, err := r.str()
		if err != nil {
			return err
		}
		if r.peek() != ':' {
			return r.fail(":")
		}
		r.i++
		if err := member(key); err != nil {
			return err
		}
		if done, err := r.next('}'); done || err != nil {
			return err
		}
	}
}

// array reads [value, ...]; elem reads each value.
func (r *jsonReader) array(elem func() error) error {
	if r.peek() != '[' {
		return r.fail("an array")
	}
	r.i++
	if r.peek() == ']' {
		r.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if done, err := r.next(']'); done || err != nil {
			return err
		}
	}
}

// next reads the comma before another member or element, or the closing
// bracket (done).
func (r *jsonReader) next(closing byte) (done bool, err error) {
	switch r.peek() {
	case ',':
		r.i++
		return false, nil
	case closing:
		r.i++
		return true, nil
	}
	return false, r.fail(", or " + string(closing))
}

// ints reads an array of integers.
func (r *jsonReader) ints() ([]int64, error) {
	var v []int64
	err := r.array(func() error {
		r.peek()
		start := r.i
		r.number()
		n, err := strconv.ParseInt(string(r.b[start:r.i]), 10, 64)
		if err != nil {
			r.i = start
			return r.fail("an integer")
		}
		v = append(v, n)
		return nil
	})
	return v, err
}

// number moves past a number's bytes: -?digits(.digits)?([eE][+-]?digits)?,
// and says whether it found one.
func (r *jsonReader) number() bool {
	r.take("-")
	if r.digits() == 0 {
		return false
	}
	if r.take(".") && r.digits() == 0 {
		return false
	}
	if r.take("eE") {
		r.take("+-")
		return r.digits() > 0
	}
	return true
}

// take moves past the next byte if it is one of set.
func (r *jsonReader) take(set string) bool {
	if r.i < len(r.b) && strings.IndexByte(set, r.b[r.i]) >= 0 {
		r.i++
		return true
	}
	return false
}

func (r *jsonReader) digits() int {
	n := 0
	for r.take("0123456789") {
		n++
	}
	return n
}

// skip reads a value of any kind and drops it.
func (r *jsonReader) skip() error {
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxJSONDepth {
		return r.fail(fmt.Sprintf("at most %d nested values", maxJSONDepth))
	}
	switch c := r.peek(); c {
	case '{':
		return r.object(func(string) error { return r.skip() })
	case '[':
		return r.array(r.skip)
	case '"':
		_, err := r.str()
		return err
	}
	for _, word := range []string{"true", "false", "null"} {
		if strings.HasPrefix(string(r.b[r.i:min(r.i+5, len(r.b))]), word) {
			r.i += len(word)
			return nil
		}
	}
	if start := r.i; !r.number() {
		r.i = start
		return r.fail("a value")
	}
	return nil
}

// str reads a string, its escapes decoded (a lone surrogate becomes U+FFFD).
func (r *jsonReader) str() (string, error) {
	if r.peek() != '"' {
		return "", r.fail("a string")
	}
	r.i++
	var s []byte
	for r.i < len(r.b) {
		c := r.b[r.i]
		r.i++
		switch {
		case c == '"':
			return string(s), nil
		case c < 0x20:
			r.i--
			return "", r.fail("no control character in a string")
		case c >= utf8.RuneSelf: // an invalid byte becomes U+FFFD, as encoding/json has it
			u, n := utf8.DecodeRune(r.b[r.i-1:])
			s = utf8.AppendRune(s, u)
			r.i += n - 1
		case c != '\\':
			s = append(s, c)
		case r.take(`"\/`):
			s = append(s, r.b[r.i-1])
		case r.take("bfnrt"):
			s = append(s, "\b\f\n\r\t"[strings.IndexByte("bfnrt", r.b[r.i-1])])
		default:
			u, ok := r.hex()
			if !ok {
				return "", r.fail(`an escape (\", \\, \/, \b, \f, \n, \r, \t or \uXXXX)`)
			}
			if utf16.IsSurrogate(u) && r.i+1 < len(r.b) && r.b[r.i] == '\\' {
				at := r.i
				r.i++
				if low, ok := r.hex(); ok && utf16.DecodeRune(u, low) != utf8.RuneError {
					u = utf16.DecodeRune(u, low)
				} else {
					r.i = at
				}
			}
			s = utf8.AppendRune(s, u)
		}
	}
	return "", r.fail(`the string's closing "`)
}

// hex reads the uXXXX of a \u escape.
func (r *jsonReader) hex() (rune, bool) {
	if !r.take("u") || r.i+4 > len(r.b) {
		return 0, false
	}
	u, err := strconv.ParseUint(string(r.b[r.i:r.i+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	r.i += 4
	return rune(u), true
}
