package game

import (
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// The desktop path: several files, or a folder, are not read, with a
// message; one file is.
func TestDropDesktop(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	for _, c := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"two files", fstest.MapFS{"a.npy": {Data: wideNPY(12, 20)}, "b.npy": {Data: wideNPY(12, 20)}}, "drop one file: 2 files were dropped"},
		{"a folder", fstest.MapFS{"digits/a.npy": {Data: wideNPY(12, 20)}}, "folders are not read"},
		{"a file and a folder", fstest.MapFS{"a.npy": {Data: wideNPY(12, 20)}, "more/b.npy": {}}, "1 file and 1 folder were dropped"},
	} {
		before := g.st.Share.Encode()
		g.Files.loadDropped(c.files)
		if !strings.Contains(g.st.Notice, c.want) || g.st.Share.Encode() != before || g.st.Input.Photo {
			t.Errorf("%s: notice %q (want %q), input changed %v", c.name, g.st.Notice, c.want, g.st.Share.Encode() != before)
		}
	}
	g.Files.loadDropped(fstest.MapFS{"small.npy": {Data: wideNPY(12, 20)}})
	if g.st.Notice != "" || g.st.H() != 12 || g.st.W() != 20 {
		t.Errorf("one file: notice %q, input %dx%d", g.st.Notice, g.st.H(), g.st.W())
	}
}

// The browser path: drops queued from other goroutines (the page's JS
// callbacks) are loaded by Update, in order, never while a frame runs.
func TestQueueDrop(t *testing.T) {
	g := newAt(t, 1280, 720, 1)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); g.Files.QueueDrop("bad.npy", []byte("junk"), nil) }()
	}
	wg.Wait()
	if g.st.Notice != "" {
		t.Fatalf("a queued drop touched the model before Update: %q", g.st.Notice)
	}
	g.Files.QueueDrop("small.npy", wideNPY(12, 20), nil)
	g.Files.QueueDrop("", nil, DropMessage(3, 0))
	if err := g.Update(); err != nil {
		t.Fatal(err)
	}
	if g.st.H() != 12 || g.st.W() != 20 || !strings.Contains(g.st.Notice, "drop one file: 3 files") {
		t.Errorf("after Update: input %dx%d, notice %q", g.st.H(), g.st.W(), g.st.Notice)
	}
	g.st.Notice = ""
	g.Update() // the queue is empty now
	if g.st.Notice != "" {
		t.Errorf("a drop was loaded twice: %q", g.st.Notice)
	}
}
