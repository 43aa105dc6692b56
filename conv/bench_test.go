package conv

import (
	"math/rand"
	"runtime"
	"testing"
)

// The workloads of the README's benchmark table, all k=5, pad 2, stride 1.
var workloads = []struct {
	name          string
	n, cin, h, wd int
	cout          int
}{
	{"A_1x1x28x28_to20", 1, 1, 28, 28, 20},
	{"B_16x1x28x28_to20", 16, 1, 28, 28, 20},
	{"C_1x3x256x256_to16", 1, 3, 256, 256, 16},
	{"D_1x3x256x256_to64", 1, 3, 256, 256, 64},
}

// BenchmarkForward reports GFLOP/s (2 × multiply-adds) per workload, once on
// the calling goroutine only (1g) and once on all cores (all); the browser
// has one thread, so 1g is the number that matters there. On Linux and in
// Node, 1g also reports cpu-GFLOP/s, measured on the thread's CPU time.
// Each runs on the path NewPlan picks (path=vector under GOEXPERIMENT=simd
// with vectors) and on the scalar fallback (path=scalar), so that
// `benchstat -col /path` sets them side by side.
func BenchmarkForward(b *testing.B) {
	scalar := preferred()[2]
	for _, wl := range workloads {
		for _, mode := range []struct {
			name    string
			workers int
		}{{"1g", 1}, {"all", 0}} {
			for _, k := range []path{vectorPath, scalar} {
				c := New(wl.cin, wl.cout, 5, 1, 2)
				p, err := NewPlan(c, []int{wl.n, wl.cin, wl.h, wl.wd})
				if err != nil {
					b.Fatal(err)
				}
				if !p.use(k) {
					continue
				}
				name := "vector"
				if k != vectorPath {
					name = "scalar"
				}
				p.Workers = mode.workers
				b.Run(wl.name+"/"+mode.name+"/path="+name, func(b *testing.B) { benchPlan(b, p) })
			}
		}
	}
}

// benchPlan times p.Forward on random data.
func benchPlan(b *testing.B, p *Plan) {
	rng := rand.New(rand.NewSource(1))
	x, w, bias := randTensor(rng, p.Geom.Input), randTensor(rng, p.Geom.Weight), randTensor(rng, p.Geom.Bias)
	out := Zeros(p.Geom.Output...)
	benchRun(b, p.Geom.MACs, p.Workers == 1, func() error { return p.Forward(out, x, w, bias) })
}

// benchRun times forward, a pass of macs multiply-adds, and reports
// GFLOP/s; on one goroutine (oneThread) also cpu-GFLOP/s.
func benchRun(b *testing.B, macs int64, oneThread bool, forward func() error) {
	flop := 2 * float64(macs)
	if oneThread {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := threadCPU()
	for i := 0; i < b.N; i++ {
		if err := forward(); err != nil {
			b.Fatal(err)
		}
	}
	cpu1, _ := threadCPU()
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(flop/sec/1e9, "GFLOP/s")
	if oneThread && cpuOK && cpu1 > cpu0 {
		// The same on this thread's CPU time: what the core does
		// when other processes compete for it.
		b.ReportMetric(flop*float64(b.N)/(cpu1-cpu0).Seconds()/1e9, "cpu-GFLOP/s")
	}
}

func randTensor(rng *rand.Rand, shape []int) *Tensor {
	t := Zeros(shape...)
	for i := range t.Data {
		t.Data[i] = rng.Float32()*2 - 1
	}
	return t
}
