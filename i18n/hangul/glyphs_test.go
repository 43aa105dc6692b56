//go:build !js

// The Korean column is compiled only outside the browser (package i18n's
// korean.go), so the page's Korean text is checked natively.

package hangul

import (
	"strings"
	"testing"
	"unicode"

	"convplayground/i18n"
	"convplayground/lesson"
)

// koreanText is everything the Korean page writes: the table in Korean
// and the lesson's steps with their numbers.
func koreanText() []string {
	var s []string
	for _, k := range i18n.Keys() {
		s = append(s, i18n.KO.T(k))
	}
	for _, st := range lesson.Steps() {
		s = append(s, st.Title(i18n.KO), st.Text(i18n.KO), st.Question(i18n.KO), st.Worked(i18n.KO))
		s = append(s, st.Choices...)
	}
	return s
}

// Every character of the Korean page has a glyph: in the subset, or
// (Latin, symbols NanumGothic lacks) in both Go fonts, which the view
// tries first. The view spells conv's floor brackets ⌊ ⌋ as floor(…)
// (game/controls.go floorText) for the Go fonts, and so for this one.
func TestGlyphCoverage(t *testing.T) {
	ko := load(t)
	regular, mono := goFont(t, "fonts/Go-Regular.ttf"), goFont(t, "fonts/Go-Mono.ttf")
	hangul, fromGo := 0, map[rune]bool{}
	for _, s := range koreanText() {
		for _, r := range strings.NewReplacer("⌊", "floor(", "⌋", ")").Replace(s) {
			switch {
			case unicode.IsSpace(r):
			case has(ko, r):
				if unicode.Is(unicode.Hangul, r) {
					hangul++
				}
			case has(regular, r) && has(mono, r):
				fromGo[r] = true
			default:
				t.Errorf("%q (U+%04X) has no glyph, in %q", r, r, s)
			}
		}
	}
	if hangul < 1000 {
		t.Errorf("only %d Hangul characters checked", hangul)
	}
	t.Logf("%d Hangul characters checked; from the Go fonts: %q", hangul, string(keys(fromGo)))
}

func keys(m map[rune]bool) []rune {
	var rs []rune
	for r := range m {
		rs = append(rs, r)
	}
	return rs
}
