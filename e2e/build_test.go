package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// work is a temporary directory for builds shared by the tests of one run.
var work string

func TestMain(m *testing.M) {
	var err error
	if work, err = os.MkdirTemp("", "conv-e2e-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if os.Getenv("E2E_KEEP") == "" {
		os.RemoveAll(work)
	} else {
		fmt.Fprintln(os.Stderr, "e2e: kept", work)
	}
	os.Exit(code)
}

// need returns the path of a required program, or ends the test: a failure
// in CI (where `make test` installs everything), a skip elsewhere.
func need(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not found (make test installs it)", strings.Join(names, " or "))
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// moduleRoot is the directory with go.mod: the tests run in e2e/.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	return root
}

// makeCmd runs a target of the Makefile, which holds the build flags and
// budgets once, and returns its output.
func makeCmd(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(need(t, "make"), append([]string{"-s", "--no-print-directory"}, args...)...)
	cmd.Dir = moduleRoot(t)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func goCmd(t *testing.T, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = moduleRoot(t)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  string
	// siteEncoding is the Content-Encoding a browser gets main.wasm with.
	siteEncoding = "gzip"
)

// site builds the browser version with the Makefile's flags (as `make wasm`
// does), into a directory laid out like the repository: index.html, wasm/wasm_exec.js from the same Go,
// wasm/main.wasm and its gzip and brotli variants (brotli when installed), so
// the page downloads it compressed as it would from serve.go; the training
// worker (wasm/train.wasm, its variants, wasm/train_worker.js) and its data
// (assets/mnist12k.bin.gz); the Korean language pack (wasm/ko.bin, its
// variants).
func site(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		ok := t.Run("build-wasm", func(t *testing.T) {
			dir := filepath.Join(work, "site")
			if err := os.MkdirAll(filepath.Join(dir, "wasm"), 0o755); err != nil {
				t.Fatal(err)
			}
			wasm := filepath.Join(dir, "wasm", "main.wasm")
			makeCmd(t, "build-wasm", "OUT="+wasm+".new")
			// Into place with wasm_exec.js and the .gz and .br variants as
			// `make wasm` does it (brotli at a faster level).
			makeCmd(t, "wasm-install", "NEW="+wasm+".new", "BROTLI_Q=5")
			copyFile(t, filepath.Join(moduleRoot(t), "index.html"), filepath.Join(dir, "index.html"))
			// The training worker and its data, as make wasm and the repository have them.
			train := filepath.Join(dir, "wasm", "train.wasm")
			makeCmd(t, "build-train-wasm", "OUT="+train+".new")
			makeCmd(t, "wasm-install", "NEW="+train+".new", "BROTLI_Q=5")
			copyFile(t, filepath.Join(moduleRoot(t), "wasm", "train_worker.js"), filepath.Join(dir, "wasm", "train_worker.js"))
			if err := os.MkdirAll(filepath.Join(dir, "assets"), 0o755); err != nil {
				t.Fatal(err)
			}
			makeCmd(t, "assets/mnist12k.bin.gz") // not committed: built by make
			copyFile(t, filepath.Join(moduleRoot(t), "assets", "mnist12k.bin.gz"), filepath.Join(dir, "assets", "mnist12k.bin.gz"))
			// The Korean language pack, as make wasm makes it.
			pack := filepath.Join(dir, "wasm", "ko.bin")
			makeCmd(t, "build-langpack", "OUT="+pack+".new")
			makeCmd(t, "wasm-install", "NEW="+pack+".new", "BROTLI_Q=5")
			if _, err := os.Stat(wasm + ".br"); err == nil {
				siteEncoding = "br"
			}
			siteDir = dir
		})
		if !ok {
			siteErr = "building the wasm failed"
		}
	})
	if siteErr != "" {
		t.Fatal(siteErr)
	}
	return siteDir
}

var (
	desktopOnce sync.Once
	desktopBin  string
	desktopErr  string
)

// desktop builds the native binary as `make desktop` does.
func desktop(t *testing.T) string {
	t.Helper()
	desktopOnce.Do(func() {
		ok := t.Run("build-desktop", func(t *testing.T) {
			bin := filepath.Join(work, "conv-playground")
			makeCmd(t, "assets/mnist12k.bin.gz") // embedded; not committed: built by make
			goCmd(t, []string{"CGO_ENABLED=1"}, "build", "-trimpath", "-o", bin, ".")
			desktopBin = bin
		})
		if !ok {
			desktopErr = "building the desktop binary failed"
		}
	})
	if desktopErr != "" {
		t.Fatal(desktopErr)
	}
	return desktopBin
}

func goroot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
