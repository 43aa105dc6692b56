//go:build !js

// The Korean column is compiled only outside the browser (korean.go):
// these tests check it natively; pack_test.go checks how the browser
// build gets it.

package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// keyNames are the names of the Key constants in keys.go, in their order
// (so keyNames[k] names key k).
func keyNames(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	if len(names) < 100 || names[len(names)-1] != "numKeys" {
		t.Fatalf("keys.go: %d constants, the last %s", len(names), names[len(names)-1])
	}
	return names[:len(names)-1]
}

// Every key has both texts (Korean with Hangul in it: not an English
// text left in place); so no key is declared that the table lacks.
func TestTableComplete(t *testing.T) {
	names := keyNames(t)
	if len(names) != int(numKeys) || len(Keys()) != len(names) {
		t.Fatalf("%d keys declared, numKeys %d, Keys() %d", len(names), numKeys, len(Keys()))
	}
	for _, k := range Keys() {
		switch {
		case english[k] == "":
			t.Errorf("%s: no English text", names[k])
		case !strings.ContainsFunc(korean[k], func(r rune) bool { return unicode.Is(unicode.Hangul, r) }):
			t.Errorf("%s: Korean text %q has no Hangul", names[k], korean[k])
		}
	}
}

// verbs lists a fmt template's verbs by argument (1-based): flags, width,
// precision and verb, e.g. {1: ["%d"], 2: [".3g"]}.
func verbs(s string) (map[int][]string, error) {
	out := map[int][]string{}
	arg := 1
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		if i < len(s) && s[i] == '%' {
			continue
		}
		spec := ""
		for i < len(s) && strings.IndexByte("+-# 0123456789.[]", s[i]) >= 0 {
			if s[i] == '[' {
				end := strings.IndexByte(s[i:], ']')
				if end < 0 {
					return nil, fmt.Errorf("unclosed [ in %q", s)
				}
				if _, err := fmt.Sscanf(s[i+1:i+end], "%d", &arg); err != nil {
					return nil, fmt.Errorf("bad index in %q", s)
				}
				i += end + 1
				continue
			}
			spec += s[i : i+1]
			i++
		}
		if i >= len(s) || !strings.ContainsRune("dsqvgfex", rune(s[i])) {
			return nil, fmt.Errorf("a verb this table does not use in %q", s)
		}
		out[arg] = append(out[arg], spec+s[i:i+1])
		arg++
	}
	for a := range out {
		slices.Sort(out[a])
		out[a] = slices.Compact(out[a])
	}
	return out, nil
}

// The Korean template takes the English one's arguments, each with the
// same verb, and no other; so the view's one Sprintf call fits both.
func TestPlaceholders(t *testing.T) {
	names, templates := keyNames(t), 0
	for _, k := range Keys() {
		en, err := verbs(english[k])
		if err != nil {
			t.Errorf("%s: %v", names[k], err)
			continue
		}
		ko, err := verbs(korean[k])
		if err != nil {
			t.Errorf("%s: %v", names[k], err)
			continue
		}
		if !maps.EqualFunc(en, ko, slices.Equal) {
			t.Errorf("%s: arguments and verbs differ: English %v, Korean %v", names[k], en, ko)
		}
		if len(en) > 0 {
			templates++
		}
		if out := KO.Sprintf(k, args(en)...); strings.Contains(out, "%!") {
			t.Errorf("%s: Korean fills to %q", names[k], out)
		}
	}
	if templates < 50 {
		t.Errorf("only %d templates: is verbs blind?", templates)
	}
}

// args are sample arguments for a template's verbs.
func args(vs map[int][]string) []any {
	a := make([]any, len(vs))
	for i, v := range vs {
		switch v[0][len(v[0])-1] {
		case 'd':
			a[i-1] = i
		case 's', 'q', 'v':
			a[i-1] = "s"
		default:
			a[i-1] = float64(i)
		}
	}
	return a
}

func TestVerbsSeesReordering(t *testing.T) {
	got, err := verbs("창 %d..%d (탭 %[6]d개 중 %[5]d개) %.3g %%")
	want := map[int][]string{1: {"d"}, 2: {"d"}, 5: {"d"}, 6: {".3g", "d"}} // after %[5]d comes argument 6
	if err != nil || !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("verbs = %v, %v; want %v", got, err, want)
	}
	if _, err := verbs("%w"); err == nil {
		t.Error("verbs accepted %w")
	}
}

// Korean reorders the arguments where its word order needs it, from the
// same call.
func TestSprintfOrder(t *testing.T) {
	for _, c := range []struct {
		l    Lang
		k    Key
		args []any
		want string
	}{
		{EN, MapsWindowPadding, []any{0, 4, 1, 5, 3, 25}, "window: input rows 0..4, cols 1..5 (3 of 25 taps in padding)"},
		{KO, MapsWindowPadding, []any{0, 4, 1, 5, 3, 25}, "창: 입력 행 0..4, 열 1..5 (탭 25개 중 3개가 패딩)"},
		{KO, ExplainPadding, []any{"reflect", 2, 3}, "패딩, (2, 3)의 reflect"},
		{EN, InputPen, nil, "Pen"},
		{KO, InputPen, nil, "펜"},
		{Lang("fr"), InputPen, nil, "Pen"},
		{KO, numKeys, nil, ""},
		{EN, -1, nil, ""},
	} {
		if got := c.l.Sprintf(c.k, c.args...); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.l, c.k, got, c.want)
		}
	}
}

// This build's pack is its Korean column: loading it back changes no
// text.
func TestPackOfThisBuild(t *testing.T) {
	withColumn(t, func() {
		b, err := Pack([]byte("font"))
		if err != nil {
			t.Fatal(err)
		}
		want := *korean
		if _, err := LoadPack(b); err != nil {
			t.Fatal(err)
		}
		if *korean != want {
			t.Error("the loaded column differs from the compiled one")
		}
	})
}
