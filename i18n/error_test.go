package i18n

import (
	"errors"
	"testing"
)

// An Error reads as English and writes itself in either language, its
// error arguments in the same language; other errors stay as they are.
func TestErrorIn(t *testing.T) {
	inner := Errorf(ShareTooLong, 9000, 8192)
	err := Errorf(ShareLoad, inner)
	if want := "cannot load the shared state: the code is 9000 characters long (limit 8192)"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if !errors.Is(err, inner) {
		t.Error("the outer error does not wrap the inner one")
	}
	plain := errors.New("Given groups=1, weight of size [1, 1, 3, 3]")
	if got := Text(KO, Errorf(ShareTensorsPart, plain)); HasKorean() && got != "텐서 부분: "+plain.Error() {
		t.Errorf("a plain error in Korean: %q", got)
	}
	if Text(KO, plain) != plain.Error() {
		t.Errorf("Text of a plain error changed it: %q", Text(KO, plain))
	}
	if !HasKorean() { // the browser build fetches its Korean column
		return
	}
	if want := "공유된 상태를 불러올 수 없음: 코드가 9000자입니다(한도 8192자)"; Text(KO, err) != want {
		t.Errorf("in Korean %q, want %q", Text(KO, err), want)
	}
}
