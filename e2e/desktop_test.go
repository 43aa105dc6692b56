package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// xvfb starts a private X server (its own display, so windows of tests that
// run in parallel cannot show up in our screenshots) and returns its DISPLAY.
func xvfb(t *testing.T, w, h int) string {
	t.Helper()
	exe := need(t, "Xvfb")
	r, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// -displayfd: Xvfb picks a free display and writes its number when ready.
	cmd := exec.Command(exe, "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", w, h), "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{wr}
	var log bytes.Buffer
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	wr.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatalf("Xvfb did not start: %s", log.String())
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatalf("Xvfb did not start in 20s: %s", log.String())
	}
	return ""
}

// notBlank fails unless r of img looks like a drawn UI: many colours, no
// single colour covering nearly everything.
func notBlank(t *testing.T, img image.Image, r image.Rectangle, what string) {
	t.Helper()
	colours, top := palette(img, r)
	t.Logf("%s: %d colours, the commonest covers %.0f%%", what, colours, 100*top)
	if colours < 16 || top > 0.97 {
		t.Errorf("%s looks blank: %d colours, the commonest covers %.0f%%", what, colours, 100*top)
	}
}

// desktopScreenshot runs the desktop binary on a private X screen with
// -screenshot and returns the frame it wrote to name in the shots directory;
// env is added to its environment (LANG=…).
func desktopScreenshot(t *testing.T, name string, env ...string) image.Image {
	t.Helper()
	bin := desktop(t)
	display := xvfb(t, 1600, 900)
	out := filepath.Join(shotDir(t), name)
	os.MkdirAll(filepath.Dir(out), 0o755)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-screenshot", out, "-frames", "30")
	cmd.Env = append(append(os.Environ(), "DISPLAY="+display), env...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s -screenshot: %v\n%s", bin, err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", out)
	return decodePNG(t, data)
}

// The desktop binary draws its UI and writes its own screenshot
// (-screenshot), in the window size main.go sets.
func TestDesktopScreenshot(t *testing.T) {
	img := desktopScreenshot(t, "desktop-self.png")
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 720 {
		t.Errorf("window content is %dx%d, want 1280x720", b.Dx(), b.Dy())
	}
	notBlank(t, img, img.Bounds(), "the desktop frame")
}

// The desktop app and the browser build are one UI: their first frames at
// 1280x720 agree nearly pixel for pixel (they differ only where the pointer
// hovers and in rasterisation details of two GL stacks).
func TestDesktopMatchesBrowser(t *testing.T) {
	p, _ := openPlayground(t, viewW, viewH, 1)
	web := p.screenshot(shotDir(t), "same-browser.png")
	native := desktopScreenshot(t, "same-desktop.png")
	diff := changed(web, native, image.Rect(0, 0, viewW, viewH))
	t.Logf("browser and desktop first frames differ in %.2f%% of the pixels", 100*diff)
	if diff > 0.02 {
		t.Errorf("the desktop frame differs from the browser's in %.2f%% of the pixels (see %s)", 100*diff, shotDir(t))
	}
}

// The desktop app follows LANG (issue 21): with LANG=ko_KR.UTF-8 its first
// frame is the Korean page's (?lang=ko), and not the English one's.
func TestDesktopKoreanFromLANG(t *testing.T) {
	p, _ := openURL(t, newBrowser(t), withQuery(serveSite(t, site(t)), "lang=ko"), viewW, viewH, 1)
	p.waitState("Korean", func(h hook) bool { return h.Lang == "ko" })
	web := p.screenshot(shotDir(t), "lang-browser-ko.png")
	korean := desktopScreenshot(t, "lang-desktop-ko.png", "LANG=ko_KR.UTF-8")
	english := desktopScreenshot(t, "lang-desktop-c.png", "LANG=C")
	full := image.Rect(0, 0, viewW, viewH)
	if diff := changed(web, korean, full); diff > 0.02 {
		t.Errorf("LANG=ko_KR.UTF-8: the desktop frame differs from the Korean page's in %.2f%% of the pixels (see %s)", 100*diff, shotDir(t))
	}
	if diff := changed(web, english, full); diff <= 0.02 {
		t.Errorf("LANG=C: the desktop frame is the Korean page's (%.2f%% of the pixels differ)", 100*diff)
	}
}

// The real window: started as a user starts it, it shows the UI on the X
// screen (captured from the root window, outside the program) and keeps
// running until it is stopped.
func TestDesktopWindow(t *testing.T) {
	bin := desktop(t)
	grab := need(t, "import") // ImageMagick
	display := xvfb(t, 1600, 900)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-exited
	}()

	out := filepath.Join(shotDir(t), "desktop-root.png")
	os.MkdirAll(filepath.Dir(out), 0o755)
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("the app exited by itself (%v):\n%s", err, log.String())
		case <-time.After(time.Second):
		}
		shot, err := exec.Command(grab, "-display", display, "-window", "root", "png:-").Output()
		if err == nil {
			img := decodePNG(t, shot)
			if colours, top := palette(img, img.Bounds()); colours >= 16 && top < 0.9 || time.Now().After(deadline) {
				os.WriteFile(out, shot, 0o644)
				t.Logf("screenshot %s", out)
				// The 1280x720 window sits somewhere on the 1600x900 screen:
				// at least its area must be covered by drawn UI.
				notBlank(t, img, img.Bounds(), "the X screen")
				if f := 1 - blackShare(img); f < 0.5 {
					t.Errorf("only %.0f%% of the screen is covered by the window", 100*f)
				}
				return
			}
		} else if time.Now().After(deadline) {
			t.Fatalf("import: %v", err)
		}
	}
}

// blackShare is the share of pure black pixels: Xvfb's empty root window.
func blackShare(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r|g|bl == 0 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}
