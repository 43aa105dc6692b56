package arch

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// tokKind is a token's class.
type tokKind int

const (
	tEOF tokKind = iota
	tName
	tInt
	tFloat
	tString
	tPunct // one of ( ) [ ] , = . -
)

// token is one lexeme with where it starts (1-based line, column in
// characters).
type token struct {
	kind      tokKind
	text      string // the lexeme; a string's contents without its quotes
	line, col int
}

// describe names a token in an error message ("'('", "the name foo", "the
// end of the text").
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "the end of the text"
	case tString:
		return "the string " + pyString(t.text)
	case tPunct:
		return "'" + t.text + "'"
	}
	return t.text
}

// maxTokens bounds the work on an absurd text (a network this long cannot
// be shown anyway).
const maxTokens = 1 << 16

// lex splits the text into tokens, dropping spaces, newlines and #
// comments. Python ignores newlines inside brackets, and this subset has
// nothing outside them that a newline could end.
func lex(text string) ([]token, error) {
	l := lexer{src: text, line: 1, col: 1}
	var toks []token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tEOF {
			return toks, nil
		}
		if len(toks) > maxTokens {
			return nil, &Error{t.line, t.col, fmt.Sprintf("the text is too long (more than %d tokens)", maxTokens)}
		}
	}
}

type lexer struct {
	src       string
	pos       int // byte offset
	line, col int
}

func (l *lexer) peek() rune {
	if l.pos >= len(l.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
	return r
}

func (l *lexer) advance() {
	r, n := utf8.DecodeRuneInString(l.src[l.pos:])
	l.pos += n
	if r == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
}

func (l *lexer) errf(line, col int, format string, args ...any) error {
	return &Error{line, col, fmt.Sprintf(format, args...)}
}

func isDigit(r rune) bool  { return r >= '0' && r <= '9' }
func isLetter(r rune) bool { return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func (l *lexer) next() (token, error) {
	l.skipSpace()
	t := token{line: l.line, col: l.col}
	r := l.peek()
	switch {
	case r < 0:
		t.kind = tEOF
	case isLetter(r):
		t.kind, t.text = tName, l.take(func(r rune) bool { return isLetter(r) || isDigit(r) })
	case isDigit(r), r == '.' && l.pos+1 < len(l.src) && isDigit(rune(l.src[l.pos+1])):
		return l.number()
	case r == '\'' || r == '"':
		return l.str()
	case strings.ContainsRune("()[],=.-", r):
		l.advance()
		t.kind, t.text = tPunct, string(r)
	case r == utf8.RuneError:
		return t, l.errf(t.line, t.col, "the text is not valid UTF-8")
	case r >= utf8.RuneSelf:
		return t, l.errf(t.line, t.col, "invalid character '%c' (U+%04X)", r, r)
	default:
		return t, l.errf(t.line, t.col, "unexpected character '%c'", r)
	}
	return t, nil
}

// skipSpace skips blanks, newlines and comments.
func (l *lexer) skipSpace() {
	for {
		switch r := l.peek(); {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f':
			l.advance()
		case r == '#':
			for r := l.peek(); r >= 0 && r != '\n'; r = l.peek() {
				l.advance()
			}
		default:
			return
		}
	}
}

func (l *lexer) take(ok func(rune) bool) string {
	start := l.pos
	for r := l.peek(); r >= 0 && ok(r); r = l.peek() {
		l.advance()
	}
	return l.src[start:l.pos]
}

// number reads a decimal int or float: digits, an optional fraction, an
// optional exponent (Python's forms without underscores).
func (l *lexer) number() (token, error) {
	t := token{kind: tInt, line: l.line, col: l.col}
	start := l.pos
	l.take(isDigit)
	if l.peek() == '.' {
		t.kind = tFloat
		l.advance()
		l.take(isDigit)
	}
	if r := l.peek(); r == 'e' || r == 'E' {
		t.kind = tFloat
		l.advance()
		if r := l.peek(); r == '+' || r == '-' {
			l.advance()
		}
		if !isDigit(l.peek()) {
			return t, l.errf(t.line, t.col, "invalid decimal literal")
		}
		l.take(isDigit)
	}
	if r := l.peek(); isLetter(r) || isDigit(r) || r == '.' {
		return t, l.errf(t.line, t.col, "invalid decimal literal")
	}
	t.text = l.src[start:l.pos]
	if t.kind == tInt && len(t.text) > 1 && t.text[0] == '0' && strings.Trim(t.text, "0") != "" {
		return t, l.errf(t.line, t.col, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
	}
	return t, nil
}

// str reads a '...' or "..." string on one line, without escapes.
func (l *lexer) str() (token, error) {
	t := token{kind: tString, line: l.line, col: l.col}
	quote := l.peek()
	l.advance()
	start := l.pos
	for {
		switch r := l.peek(); r {
		case quote:
			t.text = l.src[start:l.pos]
			l.advance()
			return t, nil
		case '\\':
			return t, l.errf(l.line, l.col, "escape sequences in strings are not supported")
		case '\n', -1:
			return t, l.errf(t.line, t.col, "unterminated string literal (detected at line %d)", t.line)
		}
		l.advance()
	}
}
