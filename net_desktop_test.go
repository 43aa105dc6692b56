//go:build !js

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"convplayground/game"
)

// -net FILE applies the network at start (the hook then reports its
// layers with torch's shapes); a mistake is the error, with its line and
// column, and changes nothing.
func TestDesktopNet(t *testing.T) {
	g, err := game.New()
	if err != nil {
		t.Skip("no game without a display: ", err)
	}
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.txt"), filepath.Join(dir, "bad.txt")
	os.WriteFile(good, []byte("nn.Sequential(nn.Conv2d(1, 4, 3), nn.MaxPool2d(2), nn.Flatten())"), 0o644)
	os.WriteFile(bad, []byte("nn.Sequential(nn.Conv2d(1, 4, 3),\n  nn.Relu())"), 0o644)
	if err := loadNet(g, bad); err == nil || !strings.Contains(err.Error(), "line 2, col 3: unknown layer nn.Relu") {
		t.Errorf("a mistake: %v", err)
	}
	if n := len(g.Hook().Layers); n != 1 {
		t.Errorf("a refused text left %d layers", n)
	}
	if err := loadNet(g, good); err != nil {
		t.Fatal(err)
	}
	h := g.Hook()
	if len(h.Layers) != 3 || !slices.Equal(h.Layers[2].Output, []int{1, 676}) {
		t.Errorf("layers %+v", h.Layers)
	}
}
