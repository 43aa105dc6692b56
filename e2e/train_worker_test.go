package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"convplayground/internal/static"
)

// trainWorkerPage starts the training worker and keeps every message it
// posts in window.msgs. blocks(n, seed) makes a dataset anyone can learn
// (digit k a bright 6x6 block at a place of its own, on faint noise) as
// the data message's four buffers.
const trainWorkerPage = `<!doctype html>
<meta charset="utf-8">
<title>training worker</title>
<script>
window.msgs = [];
// The page's own long tasks (≥ 50 ms on its thread) while the worker trains.
window.longTasks = [];
new PerformanceObserver(l => longTasks.push(...l.getEntries().map(e => e.duration))).observe({type: "longtask"});
window.worker = new Worker("train_worker.js");
worker.onmessage = e => msgs.push(e.data);
worker.onerror = e => msgs.push({error: "worker: " + e.message});
window.blocks = (n, seed) => {
	let s = seed >>> 0;
	const rnd = k => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % k;
	const images = new Uint8Array(n * 784), labels = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const k = rnd(10), img = images.subarray(i * 784, (i + 1) * 784);
		labels[i] = k;
		for (let j = 0; j < 784; j++) img[j] = rnd(40);
		const y0 = 2 + Math.floor(k / 5) * 12, x0 = 1 + (k % 5) * 5;
		for (let y = y0; y < y0 + 6; y++) for (let x = x0; x < x0 + 6; x++) img[y * 28 + x] = 255;
	}
	return [images.buffer, labels.buffer];
};
window.sendBlocks = (train, test) => {
	const [ti, tl] = blocks(train, 1), [si, sl] = blocks(test, 2);
	// The test labels as a view into the middle of a larger buffer: the
	// worker reads the bytes a typed array views, not its whole buffer.
	const wide = new Uint8Array(sl.byteLength + 8);
	wide.set(new Uint8Array(sl), 4);
	const labels = wide.subarray(4, 4 + sl.byteLength);
	worker.postMessage({data: {train_images: ti, train_labels: tl, test_images: si, test_labels: labels}}, [ti, tl, si, wide.buffer]);
};
// summary of what the worker posted: JSON-friendly, weights described.
window.summary = () => JSON.stringify(msgs.map(m => m.progress ? {progress: m.progress,
	weights: Object.fromEntries(Object.entries(m.weights).map(([k, v]) => [k, {type: v.constructor.name, len: v.length, shape: m.shapes[k]}]))} : m));
</script>
`

var (
	trainSiteOnce sync.Once
	trainSiteDir  string
)

// trainWorkerSite builds the worker's wasm as make train-wasm does, beside
// wasm_exec.js, wasm/train_worker.js and trainWorkerPage.
func trainWorkerSite(t *testing.T) string {
	t.Helper()
	trainSiteOnce.Do(func() {
		dir := filepath.Join(work, "trainworker")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		makeCmd(t, "build-train-wasm", "OUT="+filepath.Join(dir, "train.wasm"))
		copyFile(t, filepath.Join(goroot(t), "lib", "wasm", "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js"))
		copyFile(t, filepath.Join(moduleRoot(t), "wasm", "train_worker.js"), filepath.Join(dir, "train_worker.js"))
		if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(trainWorkerPage), 0o644); err != nil {
			t.Fatal(err)
		}
		trainSiteDir = dir
	})
	if trainSiteDir == "" {
		t.Fatal("building the training worker failed")
	}
	return trainSiteDir
}

// workerMsg is one message of the worker, as summary() gives it.
type workerMsg struct {
	Ready    bool
	Error    string
	Progress *struct {
		Step       int
		Epoch      float64
		Loss       float64
		LossRaw    float64 `json:"loss_raw"`
		ImagesPerS float64 `json:"images_per_s"`
		Running    bool
	}
	Weights map[string]struct {
		Type  string
		Len   int
		Shape []int
	}
	Test *struct {
		Step         int
		TestAccuracy float64 `json:"test_accuracy"`
	}
}

func workerMsgs(t *testing.T, p *tab) []workerMsg {
	t.Helper()
	var msgs []workerMsg
	raw := eval[string](p, `summary()`)
	if err := json.Unmarshal([]byte(raw), &msgs); err != nil {
		t.Fatalf("the worker's messages: %v\n%.2000s", err, raw)
	}
	return msgs
}

// waitJS polls the page until cond (JavaScript) is true.
func waitJS(t *testing.T, p *tab, what, cond string, timeout time.Duration) {
	t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v\nthe worker posted: %.3000s", what, err, eval[string](p, `summary()`))
	}
}

// The training worker in headless Chromium: started with the data
// message before Go listens, it posts the LeNet's progress with a finite
// smoothed loss that falls, the state_dict as Float32Arrays of torch's
// shapes, test accuracies, refuses bad starts (a negative lr, a batch
// given as a string) and a message that is a number with a message,
// pauses, resumes where it paused and resets to step 0.
func TestTrainWorker(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir(trainWorkerSite(t))))
	t.Cleanup(srv.Close)
	p := newTab(t, newBrowser(t))
	p.do(chromedp.Navigate(srv.URL + "/"))
	// Posted at once: they wait in the worker's queue until Go reads them.
	eval[any](p, `sendBlocks(300, 100), worker.postMessage({start: {net: "lenet", seed: 3, optimizer: "adam", lr: 0.002, batch: 16, test_every: 10}}), 0`)
	const progress = `msgs.filter(m => m.progress && m.progress.step > 0)`
	waitJS(t, p, "training to halve the loss", `(() => { const p = `+progress+`;
		return p.length >= 3 && p[p.length-1].progress.loss < p[0].progress.loss_raw / 2; })()`, 3*time.Minute)
	waitJS(t, p, "a test accuracy", `msgs.some(m => m.test)`, time.Minute)

	msgs := workerMsgs(t, p)
	if !msgs[0].Ready {
		t.Errorf("first message %+v, want ready", msgs[0])
	}
	steps := 0
	for _, m := range msgs {
		if m.Error != "" {
			t.Errorf("the worker posted an error: %s", m.Error)
		}
		if m.Progress == nil {
			continue
		}
		pr := m.Progress
		if pr.Step > 0 && (!finitePositive(pr.Loss) || !finitePositive(pr.LossRaw) || !finitePositive(pr.ImagesPerS) || !pr.Running) {
			t.Errorf("progress %+v: want a finite loss and images/s, running", *pr)
		}
		if pr.Step < steps {
			t.Errorf("step %d after step %d", pr.Step, steps)
		}
		steps = pr.Step
		if w := m.Weights["conv2.weight"]; w.Type != "Float32Array" || w.Len != 32*20*25 || !slices.Equal(w.Shape, []int{32, 20, 5, 5}) || len(m.Weights) != 8 {
			t.Errorf("weights %+v: want the 8 tensors of the LeNet's state_dict, conv2.weight a Float32Array [32,20,5,5]", m.Weights)
		}
	}
	for _, m := range msgs {
		if m.Test != nil && (m.Test.Step%10 != 0 || m.Test.TestAccuracy < 0 || m.Test.TestAccuracy > 1) {
			t.Errorf("test %+v: want one every 10 steps, an accuracy in [0, 1]", *m.Test)
		}
	}
	t.Logf("%d steps, last progress %+v", steps, *msgs[len(msgs)-1].Progress)
	// Reported, not asserted: the machine's load can stall any thread.
	t.Logf("the page's long tasks (ms) while the worker trained: %v", eval[[]float64](p, `longTasks`))

	// A bad start is refused with a message; training goes on.
	eval[any](p, `msgs.length = 0, worker.postMessage({start: {optimizer: "adam", lr: -1, batch: 16}}), 0`)
	waitJS(t, p, "the refusal", `msgs.some(m => m.error)`, time.Minute)
	if got := workerMsgs(t, p); !strings.Contains(got[firstError(got)].Error, "Invalid learning rate: -1") {
		t.Errorf("error %q, want torch.optim's Invalid learning rate: -1", got[firstError(got)].Error)
	}
	eval[any](p, `msgs.length = 0, worker.postMessage({start: {optimizer: "adam", lr: 0.1, batch: "16"}}), 0`)
	waitJS(t, p, "the refusal", `msgs.some(m => m.error)`, time.Minute)
	if got := workerMsgs(t, p); !strings.Contains(got[firstError(got)].Error, "start.batch is a number, got string") {
		t.Errorf("error %q, want one saying start.batch is a number", got[firstError(got)].Error)
	}
	eval[any](p, `msgs.length = 0, worker.postMessage(5), 0`)
	waitJS(t, p, "the refusal", `msgs.some(m => m.error)`, time.Minute)
	if got := workerMsgs(t, p); !strings.Contains(got[firstError(got)].Error, "a message is an object, got number") {
		t.Errorf("error %q, want one saying a message is an object", got[firstError(got)].Error)
	}
	eval[any](p, `msgs.length = 0, worker.postMessage({pause: true}), 0`)
	waitJS(t, p, "the pause", `msgs.some(m => m.progress && !m.progress.running)`, time.Minute)
	paused := eval[int](p, `msgs.find(m => m.progress && !m.progress.running).progress.step`)
	eval[any](p, `msgs.length = 0, worker.postMessage({resume: true}), 0`)
	waitJS(t, p, "training after resume", fmt.Sprintf(`msgs.some(m => m.progress && m.progress.running && m.progress.step > %d)`, paused), time.Minute)
	eval[any](p, `msgs.length = 0, worker.postMessage({reset: true}), 0`)
	waitJS(t, p, "the reset", `msgs.some(m => m.progress && !m.progress.running && m.progress.step == 0 && m.progress.snapshot)`, time.Minute)
}

func firstError(msgs []workerMsg) int {
	for i, m := range msgs {
		if m.Error != "" {
			return i
		}
	}
	return 0
}

func finitePositive(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

// The worker's wasm, compressed as make train-wasm compresses it, stays
// within the Makefile's budget.
func TestTrainWasmSizeBudget(t *testing.T) {
	exe := need(t, "brotli")
	budget, err := strconv.Atoi(strings.TrimSpace(makeCmd(t, "train-wasm-budget")))
	if err != nil || budget <= 0 {
		t.Fatalf("make train-wasm-budget: %v", err)
	}
	out, err := exec.Command(exe, "-q", "11", "-c", filepath.Join(trainWorkerSite(t), "train.wasm")).Output()
	if err != nil {
		t.Fatalf("brotli: %v", err)
	}
	t.Logf("train.wasm brotli -q 11: %d bytes (budget %d)", len(out), budget)
	if len(out) > budget {
		t.Errorf("train.wasm is %d bytes brotli, over the %d byte budget", len(out), budget)
	}
}

// Without train.wasm the worker says so in an error message.
func TestTrainWorkerMissingWasm(t *testing.T) {
	dir := trainWorkerSite(t)
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p := newTab(t, newBrowser(t))
	p.do(chromedp.Navigate(srv.URL + "/"))
	waitJS(t, p, "the error", `msgs.some(m => m.error)`, time.Minute)
	if got := workerMsgs(t, p); !strings.Contains(got[0].Error, "train.wasm did not start") {
		t.Errorf("messages %+v, want train.wasm did not start", got)
	}
}

// The worker starts and trains when the site is served as serve.go serves
// it (the page's Content-Security-Policy, the allow-list with the worker's
// files added, as the lead is to add them to static.Files), the page
// starting it from wasm/ as index.html will.
func TestTrainWorkerServed(t *testing.T) {
	built := trainWorkerSite(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "wasm"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"train.wasm", "train_worker.js", "wasm_exec.js"} {
		copyFile(t, filepath.Join(built, f), filepath.Join(dir, "wasm", f))
	}
	page := strings.Replace(trainWorkerPage, `new Worker("train_worker.js")`, `new Worker("wasm/train_worker.js")`, 1)
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	files := static.Files
	static.Files = append(slices.Clone(files), "wasm/train.wasm", "wasm/train_worker.js")
	t.Cleanup(func() { static.Files = files })
	p := newTab(t, newBrowser(t))
	p.do(chromedp.Navigate(serveSite(t, dir)))
	eval[any](p, `sendBlocks(100, 20), worker.postMessage({start: {optimizer: "adam", lr: 0.002, batch: 10}}), 0`)
	waitJS(t, p, "two training steps", `msgs.some(m => m.error) || msgs.some(m => m.progress && m.progress.step >= 2)`, 2*time.Minute)
	for _, m := range workerMsgs(t, p) {
		if m.Error != "" {
			t.Errorf("the worker posted an error: %s", m.Error)
		}
	}
}
