package game

import (
	"testing"
	"testing/fstest"
)

// A file over 32 MB dropped on the desktop window is refused by its size,
// said as it is (a 33 MB file was read to 32 MB and called "32 MB", or a
// broken .npy), and nothing changes.
func TestDropDesktopTooLarge(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	for _, name := range []string{"big.npy", "big.png"} {
		before := g.st.Share.Encode()
		g.loadDropped(fstest.MapFS{name: {Data: make([]byte, 33<<20)}})
		if want := name + ": 33.0 MB is too large (limit 32 MB)"; g.st.Notice != want || g.st.Share.Encode() != before {
			t.Errorf("notice %q, want %q; input changed %v", g.st.Notice, want, g.st.Share.Encode() != before)
		}
	}
}
