package state

import "testing"

// BenchmarkStroke is the compute side of one stroke segment: paint, then
// recompute every feature map (and the trained network's guess). It runs
// natively and as wasm (make bench-state), the browser's one thread being
// the budget that matters: a frame is 16.7 ms.
func BenchmarkStroke(b *testing.B) {
	for _, bc := range []struct {
		name  string
		setup func(*State)
	}{
		{"default-8-maps", func(*State) {}},
		{"learned-20-maps", func(s *State) { s.Trained.LoadLearned() }},
		// The MNIST batch example: [16,1,28,28] through the 20 learned
		// filters, the guess following the layer (issue 9's target: wasm
		// <= 6 ms per stroke).
		{"batch-16-learned-20-maps", func(s *State) {
			s.Trained.LoadLearned()
			for s.Step(SetBatch, +1) {
			}
		}},
		// The trained LeNet as the network on screen (issue 16): every one
		// of its ten layers' outputs recomputed per stroke.
		{"lenet-network-10-layers", func(s *State) { s.Layers.LoadNetPreset(1) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := New()
			bc.setup(s)
			s.Recompute()
			if s.Err != nil {
				b.Fatal(s.Err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				x := float64(i % 28)
				s.Input.Stroke(x, 5, x, 20, i%2 == 1) // draw, then erase: every segment changes pixels
				if !s.Recompute() {
					b.Fatal("a stroke did not recompute")
				}
			}
		})
	}
}
