package i18n

import (
	"bytes"
	"strings"
	"testing"
)

// withColumn runs f and then puts the Korean column back as it was (the
// compiled one natively, none in the browser).
func withColumn(t *testing.T, f func()) {
	t.Helper()
	saved := korean
	defer func() { korean = saved }()
	f()
}

// A pack carries a column and a font; loading it makes its texts the
// Korean ones, in key order, and gives the font back.
func TestPackRoundTrip(t *testing.T) {
	withColumn(t, func() {
		column := make([]string, numKeys)
		for k := range column {
			column[k] = "ko " + english[k]
		}
		font := []byte("font bytes")
		got, err := LoadPack(encodePack(column, font))
		if err != nil || !bytes.Equal(got, font) {
			t.Fatalf("LoadPack: %q, %v", got, err)
		}
		if KO.T(InputPen) != "ko Pen" || EN.T(InputPen) != "Pen" || KO.T(numKeys-1) != column[numKeys-1] {
			t.Errorf("after loading: %q, %q, %q", KO.T(InputPen), EN.T(InputPen), KO.T(numKeys-1))
		}
		if KO.Sprintf(FilterOf, 2, 8) != "ko Filter 2 of 8" {
			t.Errorf("template: %q", KO.Sprintf(FilterOf, 2, 8))
		}
	})
}

// Without the column (the browser before the pack came), Korean text is
// the English one, never empty.
func TestNoColumnFallsBack(t *testing.T) {
	withColumn(t, func() {
		korean = nil
		if KO.T(InputPen) != "Pen" || KO.Sprintf(FilterOf, 2, 8) != "Filter 2 of 8" {
			t.Errorf("without a column: %q, %q", KO.T(InputPen), KO.Sprintf(FilterOf, 2, 8))
		}
		if _, err := Pack([]byte("font")); err == nil {
			t.Error("Pack without a column")
		}
	})
}

// Anything but this build's pack is refused, with a message, and the
// column stays as it was.
func TestLoadPackRefuses(t *testing.T) {
	column := make([]string, numKeys)
	for k := range column {
		column[k] = "한"
	}
	good := encodePack(column, []byte("font"))
	head := len(packMagic) + 8
	otherBuild := bytes.Clone(good)
	otherBuild[len(packMagic)] ^= 1
	short := encodePack(column[:numKeys-1], []byte("font"))
	notUTF8 := encodePack(append(column[:numKeys-1:numKeys-1], "\xff"), []byte("font"))
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"empty":       {nil, "not a language pack"},
		"error page":  {[]byte("<!doctype html><title>404 Not Found</title>"), "not a language pack"},
		"other build": {otherBuild, "another version"},
		"fewer texts": {short, "texts, want"},
		"cut short":   {good[:head+20], "cut short"},
		"no font":     {encodePack(column, nil), "no font"},
		"not UTF-8":   {notUTF8, "not UTF-8"},
		"huge length": {append(good[:head:head], 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), "texts, want"},
	} {
		withColumn(t, func() {
			before := korean
			font, err := LoadPack(c.b)
			if err == nil || !strings.HasPrefix(err.Error(), "language pack: ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v, want an error with %q", name, err, c.want)
			}
			if font != nil || korean != before {
				t.Errorf("%s: refused, yet font %q and the column changed: %v", name, font, korean != before)
			}
		})
	}
}
