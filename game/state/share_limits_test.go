package state

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"strconv"
	"strings"
	"testing"
)

// A digit index past every MNIST sample is named as the link has it, not
// as a clamped int: 2^31 and up, to the largest uvarint.
func TestShareHugeDigitIndex(t *testing.T) {
	s := fresh(t)
	s.Input.PickDigit(0)
	good := record(t, s) // 8 settings bytes, input kind, uvarint 0, ...
	for _, idx := range []uint64{1 << 31, 1 << 63, 1<<64 - 1} {
		raw := append(append([]byte(nil), good[:9]...), binary.AppendUvarint(nil, idx)...)
		raw = append(raw, good[10:]...)
		err := s.Share.Decode(pack(raw))
		want := "MNIST sample " + strconv.FormatUint(idx, 10) + " is not available"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("index %d: Decode = %v, want %q", idx, err, want)
		}
	}
}

// Bytes after the end of the deflate stream are not part of any link.
func TestShareBytesAfterDeflate(t *testing.T) {
	s := fresh(t)
	code := s.Share.Encode()
	z, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(code, codePrefix))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Share.Decode(code); err != nil { // the stream alone loads
		t.Fatal(err)
	}
	// A second stream appended is the worst case: it inflates fine on its own.
	var second bytes.Buffer
	w, _ := flate.NewWriter(&second, flate.BestSpeed)
	w.Write([]byte("x"))
	w.Close()
	for name, tail := range map[string][]byte{"one byte": {0}, "garbage": []byte("junk!"), "a second stream": second.Bytes()} {
		before := s.Share.Encode()
		err := s.Share.Decode(codePrefix + base64.RawURLEncoding.EncodeToString(append(append([]byte(nil), z...), tail...)))
		if err == nil || !strings.Contains(err.Error(), "after the end of the packed record") {
			t.Errorf("%s after the stream: Decode = %v", name, err)
		}
		if s.Share.Encode() != before {
			t.Errorf("%s: a refused code changed the state", name)
		}
	}
}
