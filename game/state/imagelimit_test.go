package state

import (
	"encoding/binary"
	"hash/crc32"
	"image"
	"runtime"
	"strings"
	"testing"

	"convplayground/game/picture"
)

// claiming is a real PNG of img's type whose header claims w×h pixels (a
// valid CRC): decoding it allocates the claimed picture, then fails.
func claiming(t *testing.T, img image.Image, w, h int) []byte {
	b := pngBytes(t, img)
	binary.BigEndian.PutUint32(b[16:], uint32(w))
	binary.BigEndian.PutUint32(b[20:], uint32(h))
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// A picture too large to decode is refused from its header, with the limit
// in the message and without the memory its pixels would take (a 4096²
// 16-bit PNG was decoded: 1.8 s, 150 MB); a smaller one of the same kind
// goes on to the decoder.
func TestImageDecodeLimit(t *testing.T) {
	deep := image.NewNRGBA64(image.Rect(0, 0, 4, 4)) // a 16-bit RGBA PNG
	rgba := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	rgba.Pix[3] = 1 // not opaque: stays RGBA, not RGB
	for _, c := range []struct {
		name string
		data []byte
		want string // "" for "passes the limit" (then the decoder finds the file broken)
	}{
		{"deep.png", claiming(t, deep, 4096, 4096), "4096x4096 pixels (16.8 megapixels) is more than this playground decodes: at most 6 megapixels at 16 bits per channel (12 at 8 bits)"},
		{"deep-ok.png", claiming(t, deep, 3000, 2000), ""},
		{"rgba.png", claiming(t, rgba, 4096, 3072), "4096x3072 pixels (12.6 megapixels) is more than this playground decodes: at most 12 megapixels"},
		{"rgba-ok.png", claiming(t, rgba, 4000, 3000), ""},
	} {
		s := fresh(t)
		v := s.Version
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := s.Input.LoadImage(c.name, c.data)
		runtime.ReadMemStats(&after)
		if c.want == "" {
			if err == nil || !strings.Contains(err.Error(), "broken png file") {
				t.Errorf("%s: %v, want the decoder's error", c.name, err)
			}
			continue
		}
		if err == nil || err.Error() != c.name+": "+c.want || s.Notice != err.Error() {
			t.Errorf("%s: error %v, notice %q\nwant %s", c.name, err, s.Notice, c.want)
		}
		if s.Input.Photo || s.Version != v {
			t.Errorf("%s: the state changed", c.name)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
			t.Errorf("%s: %d MB allocated to refuse it", c.name, alloc>>20)
		}
	}
}

// The size of a file over the limit is said as it is, rounded up: 33 MB
// was "32 MB is too large (limit 32 MB)".
func TestTooLarge(t *testing.T) {
	for _, c := range []struct {
		size int64
		want string
	}{
		{33 << 20, "x.png: 33.0 MB is too large (limit 32 MB)"},
		{MaxImageBytes + 1, "x.png: 32.1 MB is too large (limit 32 MB)"},
		{200e6, "x.png: 190.8 MB is too large (limit 32 MB)"},
	} {
		if got := picture.TooLarge("x.png", c.size).Error(); got != c.want {
			t.Errorf("%d bytes: %q, want %q", c.size, got, c.want)
		}
	}
	s := fresh(t)
	if err := s.Input.LoadImage("x.png", make([]byte, 33<<20)); err == nil || s.Notice != "x.png: 33.0 MB is too large (limit 32 MB)" {
		t.Errorf("LoadImage of 33 MB: %v, notice %q", err, s.Notice)
	}
}
