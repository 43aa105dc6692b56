package e2e

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var (
	tfjsDir    = flag.String("tfjs", "", "node_modules holding @tensorflow/tfjs-core and tfjs-backend-wasm: time TF.js beside conv in one Chromium (make bench-tfjs)")
	tfjsRounds = flag.Int("tfjs-rounds", 3, "rounds of conv then TF.js, each with 2 samples of 0.5 s per workload and side")
)

// Each round times tfjsSamples samples of tfjsSample per workload and side.
const (
	tfjsSample  = 500 * time.Millisecond
	tfjsSamples = 2
)

// tfjsPage loads TF.js with its wasm backend. setup() picks one thread;
// without cross-origin isolation the page has no SharedArrayBuffer, so
// TF.js takes its SIMD binary without threads. bench() times the fused
// conv2d (NHWC, 'same' = pad 2 at k=5, stride 1, bias added in the same
// kernel, as conv's Forward does) and returns GFLOP/s per sample.
const tfjsPage = `<!doctype html>
<meta charset="utf-8">
<script src="nm/@tensorflow/tfjs-core/dist/tf-core.min.js"></script>
<script src="nm/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js"></script>
<script>
window.setup = async () => {
	tf.wasm.setWasmPaths("nm/@tensorflow/tfjs-backend-wasm/dist/");
	tf.wasm.setThreadsCount(1);
	await tf.setBackend("wasm");
	const bins = performance.getEntriesByType("resource").map(e => e.name).filter(n => n.endsWith(".wasm"));
	return JSON.stringify({version: tf.version_core, backend: tf.getBackend(),
		simd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
		multithread: await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"),
		threads: tf.wasm.getThreadsCount(), binary: bins.map(n => n.split("/").pop()).join(" ")});
};
window.bench = (n, cin, h, w, cout, secs, samples) => {
	const rnd = k => Float32Array.from({length: k}, () => Math.random() * 2 - 1);
	const x = tf.tensor4d(rnd(n * h * w * cin), [n, h, w, cin]);
	const filter = tf.tensor4d(rnd(25 * cin * cout), [5, 5, cin, cout]);
	const bias = tf.tensor1d(rnd(cout));
	// The wasm backend computes when called; dataSync on the last output
	// of a sample reads the result back, the others are freed unread.
	const run = k => {
		const t0 = performance.now();
		let y;
		for (let i = 0; i < k; i++) {
			if (y) y.dispose();
			y = tf.fused.conv2d({x, filter, bias, strides: 1, pad: "same"});
		}
		y.dataSync();
		y.dispose();
		return (performance.now() - t0) / 1e3;
	};
	// Warm up long enough for V8 to tier the hot code up.
	for (const t0 = performance.now(); performance.now() - t0 < 300; ) run(1);
	// Calls per sample: A takes less than the page's timer resolution.
	let k = 1, d;
	while ((d = run(k)) < secs / 8) k *= 2;
	k = Math.ceil(k * secs / d);
	const flop = 2 * n * cout * h * w * cin * 25, out = [];
	for (let s = 0; s < samples; s++) out.push(flop * k / run(k) / 1e9);
	tf.dispose([x, filter, bias]);
	return out;
};
</script>
`

// convBenchLine is one line of conv's BenchmarkForward on the vector path;
// the workload's shape is read from its name (conv's list of workloads).
var convBenchLine = regexp.MustCompile(`(?m)^BenchmarkForward/(([A-Z])_(\d+)x(\d+)x(\d+)x(\d+)_to(\d+))/1g/path=vector\S*\s+\d+\s+\S+ ns/op\s+(\S+) GFLOP/s`)

// TestTFJSBench times TF.js 4.22's wasm SIMD conv2d (one thread) and
// conv's vector path in one headless Chromium, in alternating rounds, on
// conv's workloads A-D, and prints both side by side (make bench-tfjs).
func TestTFJSBench(t *testing.T) {
	if *tfjsDir == "" {
		t.Skip("make bench-tfjs runs it, with -tfjs")
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(convTestSite(t))))
	mux.Handle("/tfjs/nm/", http.StripPrefix("/tfjs/nm/", http.FileServer(http.Dir(*tfjsDir))))
	mux.HandleFunc("/tfjs/{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, tfjsPage)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	p := newTab(t, newBrowser(t))
	fmt.Printf("== TF.js beside conv in headless Chromium, %d rounds, from %s\n", *tfjsRounds, time.Now().UTC().Format("15:04 MST"))
	core, tfjs := map[string][]float64{}, map[string][]float64{}
	var names []string
	for r := 0; r < *tfjsRounds; r++ {
		// The two pages alternate, so each navigation loads a new document.
		out, code := runConvTab(p, srv.URL+"/", 5*time.Minute, "-test.run=^$", "-test.bench=Forward/.*/1g/path=vector",
			"-test.benchtime="+tfjsSample.String(), "-test.count="+strconv.Itoa(tfjsSamples))
		lines := convBenchLine.FindAllStringSubmatch(out, -1)
		if code != 0 || len(lines) == 0 {
			t.Fatalf("conv's benchmarks in Chromium exited with %d, %d vector lines:\n%s", code, len(lines), out)
		}
		shapes := map[string][]string{}
		for _, m := range lines {
			core[m[1]] = append(core[m[1]], atof(t, m[8]))
			shapes[m[1]] = m[3:8]
		}
		p.do(chromedp.Navigate(srv.URL + "/tfjs/"))
		checkTFJS(t, eval[string](p, `setup()`), r == 0)
		names = slices.Sorted(maps.Keys(shapes))
		for _, name := range names {
			s := shapes[name] // N, Cin, H, W, Cout
			js := fmt.Sprintf("bench(%s,%s,%s,%s,%s,%g,%d)", s[0], s[1], s[2], s[3], s[4], tfjsSample.Seconds(), tfjsSamples)
			tfjs[name] = append(tfjs[name], eval[[]float64](p, js)...)
		}
	}
	fmt.Printf("== GFLOP/s (median / best of %d samples each), to %s\n", tfjsSamples**tfjsRounds, time.Now().UTC().Format("15:04 MST"))
	fmt.Println("| workload | TF.js wasm SIMD | conv vector | conv / TF.js (median) |\n|---|---|---|---|")
	for _, name := range names {
		if len(core[name]) != tfjsSamples**tfjsRounds {
			t.Errorf("workload %s: %d samples of conv, want %d", name, len(core[name]), tfjsSamples**tfjsRounds)
		}
		t.Logf("%s, every sample: TF.js %.1f, conv %.1f", name, tfjs[name], core[name]) // bin/bench/tfjs.log
		tm, tb := medianBest(tfjs[name])
		cm, cb := medianBest(core[name])
		fmt.Printf("| %s | %.1f / %.1f | %.1f / %.1f | %.2f |\n", name, tm, tb, cm, cb, cm/tm)
	}
}

// checkTFJS ends the test unless TF.js runs on its one-thread SIMD wasm.
func checkTFJS(t *testing.T, info string, show bool) {
	var got struct {
		Backend, Binary   string
		SIMD, Multithread bool
		Threads           int
	}
	if show {
		fmt.Println("== TF.js:", info)
	}
	if err := json.Unmarshal([]byte(info), &got); err != nil || got.Backend != "wasm" || !got.SIMD ||
		got.Multithread || got.Threads != 1 || got.Binary != "tfjs-backend-wasm-simd.wasm" {
		t.Fatalf("TF.js is not on its one-thread SIMD wasm: %s (%v)", info, err)
	}
}

func atof(t *testing.T, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 {
		t.Fatalf("GFLOP/s %q: not a positive number", s)
	}
	return v
}

func medianBest(v []float64) (median, best float64) {
	s := slices.Sorted(slices.Values(v))
	n := len(s)
	return (s[(n-1)/2] + s[n/2]) / 2, s[n-1]
}
