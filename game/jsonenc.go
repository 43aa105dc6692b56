package game

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// marshalJSON writes the bytes encoding/json's Marshal writes, for the plain
// data the hook reports: structs (json tag names; an embedded struct's
// fields promoted), maps with string keys (sorted), slices, arrays,
// strings, bools, numbers, pointers and interfaces. Anything else (tag
// options, []byte, non-string keys, NaN, ±Inf) is an error. Why not
// encoding/json: it adds 42 KB (brotli) to the browser build, whose budget
// is 2.5 MB. The tests compare the two.
func marshalJSON(v any) ([]byte, error) {
	return appendJSON(nil, reflect.ValueOf(v))
}

func appendJSON(b []byte, v reflect.Value) ([]byte, error) {
	var err error
	switch v.Kind() {
	case reflect.Invalid:
		return append(b, "null"...), nil
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(b, v.Uint(), 10), nil
	case reflect.Float32, reflect.Float64:
		return appendFloat(b, v.Float(), v.Type().Bits())
	case reflect.String:
		return appendString(b, v.String()), nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return appendJSON(b, v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return append(b, "null"...), nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			break // encoding/json writes base64
		}
		b = append(b, '[')
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendJSON(b, v.Index(i)); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			break
		}
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(appendString(b, k.String()), ':')
			if b, err = appendJSON(b, v.MapIndex(k)); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case reflect.Struct:
		if b, _, err = appendFields(append(b, '{'), v, true); err != nil {
			return nil, err
		}
		return append(b, '}'), nil
	}
	return nil, fmt.Errorf("json: unsupported type: %s", v.Type())
}

// appendFields writes a struct's fields as name:value pairs, the fields of
// embedded structs in place; first says no pair has been written yet.
func appendFields(b []byte, v reflect.Value, first bool) ([]byte, bool, error) {
	var err error
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if opts != "" {
			return nil, first, fmt.Errorf("json: tag option %q of %s.%s is not supported", opts, t, f.Name)
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			if b, first, err = appendFields(b, v.Field(i), first); err != nil {
				return nil, first, err
			}
			continue
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		if b, err = appendJSON(append(appendString(b, name), ':'), v.Field(i)); err != nil {
			return nil, first, err
		}
	}
	return b, first, nil
}

// appendFloat formats like JavaScript (and encoding/json): plain decimals
// from 1e-6 to 1e21, exponents without leading zeros outside.
func appendFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, errors.New("json: unsupported value: " + strconv.FormatFloat(f, 'g', -1, bits))
	}
	format, abs := byte('f'), math.Abs(f)
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2], b = b[n-1], b[:n-1] // e-07 → e-7
	}
	return b, nil
}

// appendString quotes s as encoding/json does: \" \\ \b \f \n \r \t, other
// control characters and < > & U+2028 U+2029 as \u00XX escapes, invalid
// UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	const hex, short = "0123456789abcdef", "\b\f\n\r\t"
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch j := strings.IndexRune(short, r); {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case j >= 0:
			b = append(b, '\\', "bfnrt"[j])
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029' || r == utf8.RuneError && n == 1:
			b = append(b, '\\', 'u', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}
