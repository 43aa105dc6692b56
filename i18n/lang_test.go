package i18n

import "testing"

func TestDetect(t *testing.T) {
	for in, want := range map[string]Lang{
		"ko": KO, "ko-KR": KO, "KO-kr": KO, "ko_KR": KO,
		"en": EN, "en-US": EN, "fr-FR": EN, "": EN, "kok": EN, "k": EN,
	} {
		if got := Detect(in); got != want {
			t.Errorf("Detect(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestFromLANG(t *testing.T) {
	for in, want := range map[string]Lang{
		"ko_KR.UTF-8": KO, "ko_KR.eucKR": KO, "ko": KO,
		"en_GB.UTF-8": EN, "C.UTF-8": EN, "C": EN, "POSIX": EN, "": EN, "de_DE@euro": EN,
	} {
		if got := FromLANG(in); got != want {
			t.Errorf("FromLANG(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestFromQuery(t *testing.T) {
	for _, c := range []struct {
		q    string
		want Lang
		ok   bool
	}{
		{"?lang=ko", KO, true},
		{"lang=ko", KO, true},
		{"?x=1&lang=ko-KR", KO, true},
		{"?lang=en", EN, true},
		{"?lang=fr", EN, false},
		{"?xlang=ko", EN, false},
		{"", EN, false},
		{"?", EN, false},
	} {
		if got, ok := FromQuery(c.q); got != c.want || ok != c.ok {
			t.Errorf("FromQuery(%q) = %s, %v; want %s, %v", c.q, got, ok, c.want, c.ok)
		}
	}
}

func TestName(t *testing.T) {
	if EN.Name() != "EN" || KO.Name() != "한국어" {
		t.Errorf("names %q, %q", EN.Name(), KO.Name())
	}
}
