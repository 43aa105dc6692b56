package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// axpy (on vectors where the build has them) gives the bits of the plain
// loop y[k] += a·x[k], on lengths around the vector widths, with
// infinities, NaNs, zeros of both signs and subnormal products.
func TestAxpySameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	odd := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.NaN()), 1e-30, -1e-30}
	for n := range 40 {
		y, x := make([]float32, n), make([]float32, n)
		for k := range y {
			y[k], x[k] = r.Float32()*2-1, r.Float32()*2-1
			if r.IntN(5) == 0 {
				x[k] = odd[r.IntN(len(odd))]
			}
		}
		a := r.Float32()*2 - 1
		if n%7 == 3 {
			a = 1e-20
		}
		want := make([]float32, n)
		for k := range want {
			want[k] = y[k] + a*x[k]
		}
		axpy(y, x, a)
		for k := range y {
			if math.Float32bits(y[k]) != math.Float32bits(want[k]) {
				t.Fatalf("n=%d: y[%d] = %v (%#x), want %v (%#x)", n, k, y[k], math.Float32bits(y[k]), want[k], math.Float32bits(want[k]))
			}
		}
	}
}
