package game

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The browser build has a 2.5 MB (brotli) budget. These packages would
// each add 16–42 KB to it; the code avoids them (see marshalJSON,
// state.squareRGB, the bold style and assets/fonts), and they must not
// creep back through some other import.
func TestBrowserBuildLeavesOutHeavyPackages(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "convplayground")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v: %s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list gave %d packages: %s", len(deps), out)
	}
	for _, p := range deps {
		switch p {
		case "encoding/json", "golang.org/x/image/draw", "golang.org/x/image/font/gofont/gobold",
			"golang.org/x/image/font/gofont/goregular", "golang.org/x/image/font/gofont/gomono":
			t.Errorf("the browser build imports %s", p)
		}
	}
}
