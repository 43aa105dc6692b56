package e2e

import (
	"context"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"convplayground/game/state"
)

// A shared link opens the playground in the state it holds; a change
// replaces the URL's fragment (no new history entries); a garbage fragment
// leaves the defaults working, with a message.
func TestBrowserShareLink(t *testing.T) {
	browser := newBrowser(t)
	url := serveSite(t, site(t))

	// The state: MNIST sample 3, kernel 3, stride 2, padding 'valid'.
	st := state.New()
	st.Input.PickDigit(3)
	st.Step(state.SetKernel, -2)
	st.Step(state.SetStride, +1)
	for st.PadString != "valid" {
		st.Step(state.SetPadding, +1)
	}
	code := st.Share.Encode()
	t.Logf("link code (%d characters): %s", len(code), code)

	p, h := openURL(t, browser, url+"#"+code, viewW, viewH, 1)
	want := []int{1, 8, 13, 13} // (28 - 3)/2 + 1
	if !slices.Equal(h.Input, []int{1, 1, 28, 28}) || !slices.Equal(h.Weight, []int{8, 1, 3, 3}) || !slices.Equal(h.Output, want) ||
		h.Settings.Padding != "valid" || h.setting("stride") != 2 || h.Notice != "" || h.Error != "" {
		t.Errorf("opened with the link: %+v, want weight [8 1 3 3], output %v, padding 'valid'", h, want)
	}
	if h.Share != code {
		t.Errorf("the hook's share %q differs from the link's %q", h.Share, code)
	}
	hist := eval[int](p, `history.length`)
	p.screenshot(shotDir(t), "share-loaded.png")

	// A change through the UI: the fragment follows within about 0.5 s.
	p.click("stride-")
	p.waitState("stride 1", func(h hook) bool { return h.setting("stride") == 1 })
	var hash string
	p.waitUntil(func() bool { hash = eval[string](p, `location.hash`); return hash != "#"+code })
	back := state.New()
	if err := back.Share.Decode(hash); err != nil || back.Stride != 1 || back.Kernel != 3 || back.PadString != "valid" || back.Digit != 3 {
		t.Errorf("the URL after stride-: %q (decoded: %v, stride %d kernel %d padding %q digit %d)",
			hash, err, back.Stride, back.Kernel, back.PadString, back.Digit)
	}
	if n := eval[int](p, `history.length`); n != hist {
		t.Errorf("history grew from %d to %d entries: the fragment must be replaced, not pushed", hist, n)
	}
	if s := p.state().Share; "#"+s != hash {
		t.Errorf("hook share %q, URL fragment %q", s, hash)
	}

	// A garbage fragment: the defaults, a message, and the page still works.
	p, h = openURL(t, browser, url+"#c1.this-is-not-a-link", viewW, viewH, 1)
	if !strings.Contains(h.Notice, "cannot load the shared state") || !slices.Equal(h.Output, []int{1, 8, 28, 28}) || h.Error != "" {
		t.Errorf("garbage link: notice %q output %v error %q, want a message and the default [1 8 28 28]", h.Notice, h.Output, h.Error)
	}
	p.screenshot(shotDir(t), "share-garbage.png")
	p.click("stride+")
	if h := p.waitState("stride 2", func(h hook) bool { return h.setting("stride") == 2 }); !slices.Equal(h.Output, []int{1, 8, 14, 14}) {
		t.Errorf("after a garbage link, stride 2: output %v, want [1 8 14 14]", h.Output)
	}
}

// The desktop app starts from a link code given with -state; a bad one is
// reported on stderr and the app still starts, with the defaults.
func TestDesktopState(t *testing.T) {
	bin := desktop(t)
	display := xvfb(t, 1600, 900)
	st := state.New()
	st.Input.PickDigit(3)
	st.Step(state.SetStride, +1)
	st.Colormap = state.ColormapGrey
	shot := func(name, code string) (image.Image, string) {
		out := filepath.Join(shotDir(t), name)
		os.MkdirAll(filepath.Dir(out), 0o755)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "-state", code, "-screenshot", out, "-frames", "20")
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		msg, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s -state %s: %v\n%s", bin, code, err, msg)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return decodePNG(t, data), string(msg)
	}
	good, msg := shot("desktop-state.png", st.Share.Encode())
	if strings.Contains(msg, "cannot load") {
		t.Errorf("a good code was refused: %s", msg)
	}
	bad, msg := shot("desktop-state-bad.png", "c1.nonsense")
	if !strings.Contains(msg, "cannot load the shared state") {
		t.Errorf("a bad code printed %q, want the reason", msg)
	}
	notBlank(t, bad, bad.Bounds(), "the app after a bad code")
	if f := changed(good, bad, good.Bounds()); f < 0.05 {
		t.Errorf("the linked state (stride 2, grey maps) looks like the defaults: %.1f%% of pixels differ", 100*f)
	}
}
