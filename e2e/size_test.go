package e2e

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The wasm a browser downloads, compressed as `make wasm` compresses it,
// stays within the Makefile's budget (README: sizes).
func TestWasmSizeBudget(t *testing.T) {
	exe := need(t, "brotli")
	wasmBudget, err := strconv.Atoi(strings.TrimSpace(makeCmd(t, "wasm-budget")))
	if err != nil || wasmBudget <= 0 {
		t.Fatalf("make wasm-budget: %v", err)
	}
	wasm := filepath.Join(site(t), "wasm", "main.wasm")
	out, err := exec.Command(exe, "-q", "11", "-c", wasm).Output()
	if err != nil {
		t.Fatalf("brotli: %v", err)
	}
	t.Logf("main.wasm brotli -q 11: %d bytes (budget %d)", len(out), wasmBudget)
	if len(out) > wasmBudget {
		t.Errorf("main.wasm is %d bytes brotli, over the %d byte budget", len(out), wasmBudget)
	}
}
