package state

import (
	"testing"

	"convplayground/i18n"
)

// The notices the state writes from the message table come in its Lang
// (issue 21): English by default, Korean when the view shows Korean.
func TestNoticeLanguage(t *testing.T) {
	for _, c := range []struct {
		l          i18n.Lang
		undo, bias string
	}{
		{"", "nothing to undo", `"x" is not a number`},
		{i18n.KO, "되돌릴 것이 없습니다", `"x": 숫자가 아닙니다`},
	} {
		if c.l == i18n.KO && !i18n.HasKorean() { // the browser build fetches its Korean column
			continue
		}
		s := New()
		s.Lang = c.l
		s.History.Undo()
		if s.Notice != c.undo {
			t.Errorf("%q: Undo says %q, want %q", c.l, s.Notice, c.undo)
		}
		s.Bank.SetBiasText(0, "x")
		if s.Notice != c.bias {
			t.Errorf("%q: a bias of x says %q, want %q", c.l, s.Notice, c.bias)
		}
	}
}
