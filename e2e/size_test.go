package e2e

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// wasmBudget is DESIGN.md's limit for the browser build as served (brotli).
const wasmBudget = 2_500_000

// The wasm a browser downloads, compressed as `make wasm` compresses it,
// stays within the budget.
func TestWasmSizeBudget(t *testing.T) {
	exe := need(t, "brotli")
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
