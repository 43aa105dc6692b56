package conv

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// The vector kernels give the scalar kernels' bits, for every kernel width
// and width stride they cover, at any height, height stride and dilation,
// with groups, every padding mode, batches, channel counts that leave a
// short last pass, and row widths around the vector and pass widths.
func TestVectorSameBits(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	modes := PaddingModes
	vectors, want := 0, 0
	for _, u := range unrolledKernels {
		k, s := u.kw, u.sw
		for _, ow := range []int{1, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 20, 24, 28, 31, 33, 40, 64} {
			c := New(0, 0, k, s, (k-1)/2)
			c.Groups = 1 + rng.Intn(3)
			c.InChannels, c.OutChannels = c.Groups*(1+rng.Intn(3)), c.Groups*(1+rng.Intn(7))
			c.Kernel[0], c.Stride[0], c.Dilation[0] = 1+rng.Intn(7), 1+rng.Intn(2), 1+rng.Intn(2)
			c.Bias, c.PaddingMode = rng.Intn(4) > 0, modes[rng.Intn(len(modes))]
			in := []int{1 + rng.Intn(3), c.InChannels, (c.Kernel[0]-1)*c.Dilation[0] + 1 + rng.Intn(12), (ow-1)*s + k - 2*((k-1)/2)}
			if _, err := c.Geometry(in); err != nil {
				c.PaddingMode = ZerosMode // the others need padding smaller than the input
			}
			name := fmt.Sprintf("k%ds%d_ow%d_%v", k, s, ow, in)
			if vectorSameBits(t, name, c, in, rng) {
				vectors++
			}
			if ow >= vectorLanes {
				want++
			}
		}
	}
	if !vectorsBuilt {
		t.Skip("built without GOEXPERIMENT=simd, or no vectors on this CPU: scalar path only")
	}
	if vectors != want { // every row at least one vector wide
		t.Errorf("%d settings took the vector path, want %d", vectors, want)
	}
}

// vectorSameBits compares the vector path with the scalar paths and the
// general loop, bit for bit; false when the vector path does not cover c.
func vectorSameBits(t *testing.T, name string, c Conv2d, in []int, rng *rand.Rand) bool {
	t.Helper()
	p, err := NewPlan(c, in)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !p.use(vectorPath) { // where it covers c, whichever path NewPlan took
		return false
	}
	x, w := randTensor(rng, p.Geom.Input), randTensor(rng, p.Geom.Weight)
	var b *Tensor
	if c.Bias {
		b = randTensor(rng, p.Geom.Bias)
	}
	vec := Zeros(p.Geom.Output...)
	if err := p.Forward(vec, x, w, b); err != nil {
		t.Fatal(err)
	}
	for k := blockPath; k <= generalPath; k++ {
		if !p.use(k) {
			continue
		}
		got := Zeros(p.Geom.Output...)
		if err := p.Forward(got, x, w, b); err != nil {
			t.Fatal(err)
		}
		for i, v := range got.Data {
			if math.Float32bits(v) != math.Float32bits(vec.Data[i]) {
				t.Fatalf("%s %+v: element %d is %v on the vector path, %v on the %v path", name, c, i, vec.Data[i], v, k)
			}
		}
	}
	return true
}
