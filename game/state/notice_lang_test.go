package state

import (
	"strings"
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

// The notices made from errors (a file that is no image, a .npy of
// another shape, a broken link) are written in Korean too, around the
// parts that stay as they are: the file's name, the shape, a decoder's
// own words (issue 21 §1). The error's own text stays English.
func TestErrorNoticesInKorean(t *testing.T) {
	if !i18n.HasKorean() {
		t.Skip("the browser build fetches its Korean column")
	}
	s := New()
	s.Lang = i18n.KO
	for _, c := range []struct {
		what   string
		load   func() error
		notice bool // the state writes the notice itself (a link's the view writes)
		want   string
	}{
		{"an image that is not one", func() error { return s.Input.LoadImage("a.png", []byte("junk")) }, true,
			"a.png: 이 놀이터가 읽는 이미지(PNG, JPEG, GIF)가 아닙니다: image: unknown format"},
		{"a .npy of another shape", func() error { return s.Input.LoadNPY("x.npy", npyFile(t, []int{1, 2, 5, 5}, make([]float32, 50))) }, true,
			"x.npy: shape [1 2 5 5]는 입력이 될 수 없습니다"},
		{"a link that is no link", func() error { return s.Share.Decode("c1.not-a-link!") }, false,
			"공유된 상태를 불러올 수 없음: 코드가 손상되었습니다(base64url 아님: "},
	} {
		err := c.load()
		if err == nil {
			t.Errorf("%s: no error", c.what)
			continue
		}
		if got := i18n.Text(i18n.KO, err); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: in Korean %q, want it to start %q", c.what, got, c.want)
		}
		if c.notice && !strings.HasPrefix(s.Notice, c.want) {
			t.Errorf("%s: notice %q, want it to start %q", c.what, s.Notice, c.want)
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return r >= 0xac00 && r <= 0xd7a3 }) {
			t.Errorf("%s: the error's own text is Korean: %q", c.what, err.Error())
		}
	}
}

// The Undo and Redo tooltips in Korean: the verb and the words of the
// action's name from the table, a setting's name as it is (issue 21 §1).
func TestHistoryLabelsInKorean(t *testing.T) {
	if !i18n.HasKorean() {
		t.Skip("the browser build fetches its Korean column")
	}
	s := New()
	s.Lang = i18n.KO
	s.Step(SetStride, +1)
	if got := s.History.UndoLabel(); got != "취소: stride 2 → 1" {
		t.Errorf("a stride step: %q", got)
	}
	s.Input.PickDigit(3)
	if got := s.History.UndoLabel(); got != "취소: MNIST 숫자 #3" {
		t.Errorf("a digit: %q", got)
	}
	s.Input.SetPhoto(true)
	s.History.Undo()
	if got := s.History.RedoLabel(); got != "다시: 입력 그림 → 사진" {
		t.Errorf("the photo, undone: %q", got)
	}
}
