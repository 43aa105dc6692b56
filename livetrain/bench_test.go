package livetrain

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"convplayground/nn"
)

// TrainFLOP counted by hand: 2,095,680 multiply-adds forward, as many for
// the weight gradients, 1,703,680 for the input gradients (conv1's 392,000
// not needed).
func TestTrainFLOP(t *testing.T) {
	if TrainFLOP != 11_790_080 {
		t.Errorf("TrainFLOP = %d, want 11,790,080", TrainFLOP)
	}
}

// BenchmarkTrainStep times a training step of the LeNet on batches of 50
// (nn's Trainer, Adam) on one goroutine and on all cores, in images/s and
// GFLOP/s (TrainFLOP): the Go row of make bench-train. On one goroutine
// (Linux) also per second of the process's CPU time (cpu-images/s), which
// the machine's load disturbs less. A random batch
// costs what a real one does: no kernel looks at the values.
func BenchmarkTrainStep(b *testing.B) {
	const batch = 50
	r := rand.New(rand.NewPCG(1, 2))
	images, labels := make([]float32, batch*pixels), make([]uint8, batch)
	for i := range images {
		images[i] = r.Float32()
	}
	for i := range labels {
		labels[i] = uint8(r.IntN(nn.Classes))
	}
	for _, g := range []struct {
		name string
		n    int
	}{{"1g", 1}, {"all", runtime.GOMAXPROCS(0)}} {
		b.Run(g.name, func(b *testing.B) {
			net, err := nn.New(32, 128, 1)
			if err != nil {
				b.Fatal(err)
			}
			tr, err := nn.NewTrainer(net, batch, g.n)
			if err != nil {
				b.Fatal(err)
			}
			cpu0, cpuOK := processCPU()
			for b.Loop() {
				if _, _, err := tr.Step(images, labels); err != nil {
					b.Fatal(err)
				}
			}
			perS := float64(b.N*batch) / b.Elapsed().Seconds()
			b.ReportMetric(perS, "images/s")
			b.ReportMetric(perS*TrainFLOP/1e9, "GFLOP/s")
			if cpu1, _ := processCPU(); cpuOK && g.n == 1 && cpu1 > cpu0 {
				b.ReportMetric(float64(b.N*batch)/(cpu1-cpu0).Seconds(), "cpu-images/s")
			}
		})
	}
}

// BenchmarkWorkerStep times the worker's own training step (the session's:
// the batch's bytes scaled, nn.TrainStep on the LeNet's Sequential, one
// goroutine) at the batch sizes the train tab offers, in images/s, and
// a test-set evaluation of 2,000 images (test-images/s).
func BenchmarkWorkerStep(b *testing.B) {
	d := blockData(2000, 2000)
	for _, batch := range []int{16, 32, 64} {
		b.Run(fmt.Sprintf("batch%d", batch), func(b *testing.B) {
			s := benchSession(b, batch, &d)
			cpu0, cpuOK := processCPU()
			for b.Loop() {
				if err := s.trainStep(); err != nil {
					b.Fatal(err)
				}
			}
			reportRate(b, b.N*batch, cpu0, cpuOK, "images/s")
		})
	}
	b.Run("test", func(b *testing.B) {
		s := benchSession(b, 64, &d)
		cpu0, cpuOK := processCPU()
		for b.Loop() {
			s.testing, s.testPos, s.right = true, 0, 0
			for s.testing {
				if _, _, err := s.testWork(); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportRate(b, b.N*len(d.TestLabels), cpu0, cpuOK, "test-images/s")
	})
}

// reportRate reports n images a second of wall time, and per second of
// the process's CPU time since cpu0 (cpu-unit) when it is known.
func reportRate(b *testing.B, n int, cpu0 time.Duration, cpuOK bool, unit string) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), unit)
	if cpu1, _ := processCPU(); cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(n)/(cpu1-cpu0).Seconds(), "cpu-"+unit)
	}
}

// benchSession is an Adam session at batch size batch on d.
func benchSession(b *testing.B, batch int, d *Dataset) *session {
	cfg := Config{Optimizer: "adam", LR: 1e-3, Batch: batch}
	cfg.check()
	s, err := newSession(cfg)
	if err != nil {
		b.Fatal(err)
	}
	s.setData(d)
	return s
}
