package e2e

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"convplayground/livetrain"
)

var (
	peersDir    = flag.String("train-peers", "", "node_modules holding TF.js 4.22 (@tensorflow/tfjs, tfjs-backend-wasm) and convnetjs 0.3.0: time training in the browser beside livetrain's (make bench-train)")
	peersRounds = flag.Int("train-rounds", 3, "rounds of every trainer in turn, each with 2 samples of about 1 s")
)

// A sample is at least one batch and about trainSample long.
const (
	trainSample  = time.Second
	trainSamples = 2
)

// peersPage trains the LeNet of package nn (conv1 5x5 pad 2, ReLU, 2x2 max
// pool, conv2 5x5, ReLU, pool, fc 800→128, ReLU, fc 128→10, cross-entropy)
// on a fixed random batch of 50 with SGD (lr 0.01, no momentum) in TF.js
// (core ops and tf.train.sgd: the layers API adds nothing to the kernels)
// and in ConvNetJS, and returns images/s per sample. TF.js is its union
// bundle (core, gradients, cpu, webgl) and the wasm backend. TF.js runs NHWC,
// ConvNetJS one image at a time with an update every 50 (its batch_size).
const peersPage = `<!doctype html>
<meta charset="utf-8">
<script src="nm/@tensorflow/tfjs/dist/tf.min.js"></script>
<script src="nm/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js"></script>
<script src="nm/convnetjs/build/convnet-min.js"></script>
<script>
const batch = 50;
// samples times run(k) (k batches, returns seconds) after a warm-up, with
// k chosen for samples of about secs; images/s per sample.
const timed = (run, secs, samples) => {
	for (const t0 = performance.now(); performance.now() - t0 < 1000; ) run(1);
	const k = Math.max(1, Math.round(secs / run(1)));
	const out = [];
	for (let s = 0; s < samples; s++) out.push(batch * k / run(k));
	return out;
};
const tfModel = () => {
	const u = (shape, fanIn) => tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)));
	const vars = [u([5, 5, 1, 20], 25), u([20], 25), u([5, 5, 20, 32], 500), u([32], 500),
		u([800, 128], 800), u([128], 800), u([128, 10], 128), u([10], 128)];
	const [w1, b1, w2, b2, w3, b3, w4, b4] = vars;
	const x = tf.randomUniform([batch, 28, 28, 1]);
	const y = tf.oneHot(tf.randomUniform([batch], 0, 10, "int32"), 10).cast("float32");
	const loss = () => {
		let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, w1, 1, "same"), b1)), 2, 2, "valid");
		h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, w2, 1, "valid"), b2)), 2, 2, "valid");
		h = tf.relu(tf.add(tf.matMul(tf.reshape(h, [batch, 800]), w3), b3));
		return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, w4), b4));
	};
	const opt = tf.train.sgd(0.01);
	// k steps; reading the last loss and every weight back waits for a
	// backend that queues its work (webgl) to finish it.
	const run = k => {
		const t0 = performance.now();
		for (let i = 0; i < k; i++) {
			const c = opt.minimize(loss, true, vars);
			if (i == k - 1) c.dataSync();
			c.dispose();
		}
		vars.forEach(v => v.dataSync());
		return (performance.now() - t0) / 1e3;
	};
	return {run, dispose: () => { tf.dispose([...vars, x, y]); opt.dispose(); }};
};
window.benchTF = async (backend, secs, samples) => {
	if (!await tf.setBackend(backend)) throw new Error("TF.js backend " + backend + " did not start");
	const m = tfModel();
	try { return timed(m.run, secs, samples); } finally { m.dispose(); }
};
// info names TF.js's version and the GL renderer under its webgl backend.
window.info = async () => {
	await tf.setBackend("webgl");
	const gl = tf.backend().gpgpu.gl, ext = gl.getExtension("WEBGL_debug_renderer_info");
	return "TF.js " + tf.version_core + ", webgl on " + (ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
};
// wasmTrains tries one step on the wasm backend: "" when it trains, else
// TF.js's message.
window.wasmTrains = async () => {
	tf.wasm.setWasmPaths("nm/@tensorflow/tfjs-backend-wasm/dist/");
	if (!await tf.setBackend("wasm")) return "the wasm backend did not start";
	const m = tfModel();
	try { m.run(1); return ""; } catch (e) { return String(e.message || e); } finally { m.dispose(); }
};
window.benchConvNetJS = (secs, samples) => {
	const net = new convnetjs.Net();
	net.makeLayers([
		{type: "input", out_sx: 28, out_sy: 28, out_depth: 1},
		{type: "conv", sx: 5, filters: 20, stride: 1, pad: 2, activation: "relu"},
		{type: "pool", sx: 2, stride: 2},
		{type: "conv", sx: 5, filters: 32, stride: 1, pad: 0, activation: "relu"},
		{type: "pool", sx: 2, stride: 2},
		{type: "fc", num_neurons: 128, activation: "relu"},
		{type: "softmax", num_classes: 10}]);
	const tr = new convnetjs.Trainer(net, {method: "sgd", learning_rate: 0.01, momentum: 0, batch_size: batch, l2_decay: 0});
	const xs = Array.from({length: batch}, () => {
		const v = new convnetjs.Vol(28, 28, 1, 0);
		for (let i = 0; i < v.w.length; i++) v.w[i] = Math.random();
		return v;
	});
	const ys = Array.from({length: batch}, () => Math.floor(Math.random() * 10));
	const run = k => {
		const t0 = performance.now();
		for (let s = 0; s < k; s++) for (let i = 0; i < batch; i++) tr.train(xs[i], ys[i]);
		return (performance.now() - t0) / 1e3;
	};
	return timed(run, secs, samples);
};
</script>
`

// goTrainLine is one line of livetrain's BenchmarkTrainStep/1g.
var goTrainLine = regexp.MustCompile(`(?m)^BenchmarkTrainStep/1g\S*\s+\d+\s+\S+ ns/op\s+\S+ GFLOP/s\s+(\S+) images/s`)

// TestTrainBench times training the LeNet, batch 50, in one headless
// Chromium: livetrain's Go trainer (nn's, Adam) as wasm on one thread, and
// the peers a learner would train with in a browser, with SGD: TF.js 4.22's
// cpu and webgl backends (webgl on SwiftShader, software, here) and
// ConvNetJS 0.3.0, in alternating rounds. TF.js's wasm backend cannot
// train a convolution (tfjs issue #8474): it checks that it still fails.
// It prints images/s and GFLOP/s (livetrain.TrainFLOP) as a table (make
// bench-train).
func TestTrainBench(t *testing.T) {
	if *peersDir == "" {
		t.Skip("make bench-train runs it, with -train-peers")
	}
	dir := filepath.Join(work, "livetrain-tests")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	makeCmd(t, "build-wasm-test", "PKG=./livetrain/", "OUT="+filepath.Join(dir, "conv.wasm")) // the name runnerPage loads
	copyFile(t, filepath.Join(goroot(t), "lib", "wasm", "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js"))
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(runnerPage), 0o644); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	mux.Handle("/peers/nm/", http.StripPrefix("/peers/nm/", http.FileServer(http.Dir(*peersDir))))
	mux.HandleFunc("/peers/{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, peersPage)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	p := newTab(t, newBrowser(t))
	fmt.Printf("== training the LeNet, batch 50, in headless Chromium, %d rounds, from %s\n", *peersRounds, time.Now().UTC().Format("15:04 MST"))
	names := []string{"Go (livetrain, wasm, Adam)", "TF.js 4.22 cpu", "TF.js 4.22 webgl (SwiftShader)", "ConvNetJS 0.3.0"}
	rates := map[string][]float64{}
	secs := trainSample.Seconds()
	for r := 0; r < *peersRounds; r++ {
		// One sample more, the first not counted: V8 runs new code on its
		// baseline compiler until it is hot (the peers warm up too).
		out, code := runConvTab(p, srv.URL+"/", 10*time.Minute, "-test.run=^$", "-test.bench=TrainStep/1g",
			"-test.benchtime="+trainSample.String(), "-test.count="+strconv.Itoa(trainSamples+1))
		lines := goTrainLine.FindAllStringSubmatch(out, -1)
		if code != 0 || len(lines) != trainSamples+1 {
			t.Fatalf("livetrain's benchmark in Chromium exited with %d, %d lines:\n%s", code, len(lines), out)
		}
		for _, m := range lines[1:] {
			rates[names[0]] = append(rates[names[0]], atof(t, m[1]))
		}
		p.do(chromedp.Navigate(srv.URL + "/peers/"))
		if r == 0 {
			fmt.Println("==", eval[string](p, `info()`))
			msg := eval[string](p, `wasmTrains()`)
			fmt.Printf("== TF.js wasm backend, one training step: %s\n", cmp.Or(msg, "it trains now"))
			if !strings.Contains(msg, "Conv2DBackpropFilter") {
				t.Errorf("TF.js's wasm backend: %q, want the error of tfjs issue #8474 (Conv2DBackpropFilter not registered): if it trains now, add it to the table", msg)
			}
		}
		for i, js := range []string{`benchTF("cpu", %g, %d)`, `benchTF("webgl", %g, %d)`, `benchConvNetJS(%g, %d)`} {
			rates[names[i+1]] = append(rates[names[i+1]], eval[[]float64](p, fmt.Sprintf(js, secs, trainSamples))...)
		}
	}
	fmt.Printf("== images/s and GFLOP/s (%d FLOP an image), median / best / worst of %d samples each, to %s\n",
		livetrain.TrainFLOP, trainSamples**peersRounds, time.Now().UTC().Format("15:04 MST"))
	fmt.Println("| trainer | images/s median (best, worst) | GFLOP/s median | Go / it (medians) |\n|---|---|---|---|")
	goMedian, _ := medianBest(rates[names[0]])
	for _, name := range names {
		v := rates[name]
		if len(v) != trainSamples**peersRounds {
			t.Errorf("%s: %d samples, want %d", name, len(v), trainSamples**peersRounds)
		}
		t.Logf("%s, every sample (images/s): %.1f", name, v) // bin/bench/train.log
		m, best := medianBest(v)
		fmt.Printf("| %s | %.1f (%.1f, %.1f) | %.2f | %.2f |\n", name, m, best, slices.Min(v), m*livetrain.TrainFLOP/1e9, goMedian/m)
	}
}
