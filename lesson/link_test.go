package lesson

import (
	"strconv"
	"testing"
)

func TestLink(t *testing.T) {
	n := len(Steps())
	for i := 0; i < n; i++ {
		got, open, ok := FromLink(LinkValue(i, true))
		if got != i || !open || !ok {
			t.Errorf("step %d: back as %d, %v, %v", i, got, open, ok)
		}
	}
	if LinkValue(3, true) != "4" || LinkValue(3, false) != "off" {
		t.Errorf("values %q, %q", LinkValue(3, true), LinkValue(3, false))
	}
	if _, open, ok := FromLink("off"); open || !ok {
		t.Error("off is not a closed card")
	}
	for _, v := range []string{"", "0", "-1", strconv.Itoa(n + 1), "x", "3.5", " 3"} {
		if _, _, ok := FromLink(v); ok {
			t.Errorf("FromLink(%q) accepted", v)
		}
	}
}
