package conv

import (
	"math"
	"math/rand"
	"testing"
)

// FiniteRange against the definition: every length around the vector
// passes, the non-finite values anywhere (before, inside and after the
// vector part), signed zeros, and all values alike.
func TestFiniteRange(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	odd := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
	for trial := 0; trial < 2000; trial++ {
		v := make([]float32, r.Intn(70))
		for i := range v {
			switch r.Intn(6) {
			case 0:
				v[i] = float32(math.Copysign(0, -1))
			case 1:
				v[i] = 0
			default:
				v[i] = float32(r.NormFloat64() * math.Pow(10, float64(r.Intn(60)-30)))
			}
		}
		for k := r.Intn(3); k > 0 && len(v) > 0; k-- {
			v[r.Intn(len(v))] = odd[r.Intn(len(odd))]
		}
		n, lo, hi := FiniteRange(v)
		wn, wlo, whi := 0, math.Inf(1), math.Inf(-1)
		for _, x := range v {
			if f := float64(x); math.IsNaN(f) || math.IsInf(f, 0) {
				wn++
			} else {
				wlo, whi = math.Min(wlo, f), math.Max(whi, f)
			}
		}
		if wlo == 0 {
			wlo = 0 // +0
		}
		if whi == 0 {
			whi = 0
		}
		if n != wn || math.Float32bits(lo) != math.Float32bits(float32(wlo)) || math.Float32bits(hi) != math.Float32bits(float32(whi)) {
			t.Fatalf("FiniteRange(%v) = %d, %v, %v; want %d, %v, %v", v, n, lo, hi, wn, wlo, whi)
		}
	}
}

// BenchmarkFiniteRange is one 256x192 camera frame's 8 maps.
func BenchmarkFiniteRange(b *testing.B) {
	v := make([]float32, 256*192*8)
	for i := range v {
		v[i] = float32(i%1000) - 500
	}
	for b.Loop() {
		FiniteRange(v)
	}
}
