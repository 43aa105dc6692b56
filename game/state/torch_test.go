package state

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// python runs a script with /usr/bin/python3, which has PyTorch (Debian's
// python3-torch) and NumPy, and returns what it prints. Without them the
// test is skipped, except in CI (CI=true), where the reference must run.
func python(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	const py = "/usr/bin/python3"
	if runtime.GOOS == "js" {
		t.Skip("no subprocesses under js/wasm")
	}
	if exec.Command(py, "-c", "import torch, numpy").Run() != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("/usr/bin/python3 with torch and numpy is missing (python3-torch, python3-numpy)")
		}
		t.Skip("no /usr/bin/python3 with torch and numpy")
	}
	cmd := exec.Command(py, append([]string{"-c", script}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	return out
}
