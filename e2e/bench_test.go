package e2e

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"
)

var browserBench = flag.String("browser-bench", "", "run conv's benchmarks in headless Chromium with these test binary flags (make bench)")

// measuring says whether the measurements that only log (frame times, a
// running camera's rates and memory) run: with the benchmark flag, as
// make bench gives it, not in make test.
func measuring() bool { return *browserBench != "" }

// TestBrowserBench prints conv's benchmark lines as measured in headless
// Chromium, for benchstat (make bench); it runs only when asked to.
func TestBrowserBench(t *testing.T) {
	if *browserBench == "" {
		t.Skip("make bench runs it, with -browser-bench")
	}
	out, code := runConvTests(t, 25*time.Minute, append([]string{"-test.run=^$"}, strings.Fields(*browserBench)...)...)
	if code != 0 {
		t.Fatalf("conv's benchmarks in Chromium exited with %d:\n%s", code, out)
	}
	fmt.Println(out)
}
