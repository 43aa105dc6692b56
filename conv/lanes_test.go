package conv

import (
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"testing"
)

// The lane path gives the general loop's bits (which the scalar and pixel
// vector kernels give too, TestVectorSameBits), on random settings where
// it pays: rows from one pixel to a few vectors wide, output channels per
// group from half a vector to several blocks with a short last vector,
// any kernel size, stride and dilation, groups, every padding mode,
// batches, bias or not; and NewPlan takes it for the LeNet's conv2.
func TestLanesSameBits(t *testing.T) {
	if !vectorsBuilt || runtime.GOARCH != "amd64" {
		t.Skip("no lane path in this build (amd64 with GOEXPERIMENT=simd and AVX2 only)")
	}
	rng := rand.New(rand.NewSource(17))
	modes := PaddingModes
	lanesUsed := 0
	for i := range 80 {
		c := New(0, 0, 1+rng.Intn(7), 1, 0)
		c.Kernel[1] = 1 + rng.Intn(7)
		c.Groups = 1 + rng.Intn(2)
		c.InChannels, c.OutChannels = c.Groups*(1+rng.Intn(4)), c.Groups*(vectorLanes/2+rng.Intn(5*vectorLanes))
		c.Stride = [2]int{1 + rng.Intn(3), 1 + rng.Intn(3)}
		c.Dilation = [2]int{1 + rng.Intn(2), 1 + rng.Intn(2)}
		c.Padding = [2]int{rng.Intn(3), rng.Intn(3)}
		c.Bias, c.PaddingMode = rng.Intn(4) > 0, modes[rng.Intn(len(modes))]
		ow := 1 + rng.Intn(2*vectorLanes)
		in := []int{1 + rng.Intn(3), c.InChannels, (c.Kernel[0]-1)*c.Dilation[0] + 1 + rng.Intn(10), (ow-1)*c.Stride[1] + (c.Kernel[1]-1)*c.Dilation[1] + 1}
		if _, err := c.Geometry(in); err != nil {
			c.PaddingMode = ZerosMode // the others need padding smaller than the input
		}
		name := fmt.Sprintf("%d: %+v on %v", i, c, in)
		p, err := NewPlan(c, in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !p.use(lanePath) {
			continue
		}
		lanesUsed++
		x, w := randTensor(rng, p.Geom.Input), randTensor(rng, p.Geom.Weight)
		var b *Tensor
		if c.Bias {
			b = randTensor(rng, p.Geom.Bias)
		}
		lanes, ref := Zeros(p.Geom.Output...), Zeros(p.Geom.Output...)
		if err := p.Forward(lanes, x, w, b); err != nil {
			t.Fatal(err)
		}
		p.use(generalPath)
		if err := p.Forward(ref, x, w, b); err != nil {
			t.Fatal(err)
		}
		for j, v := range ref.Data {
			if math.Float32bits(v) != math.Float32bits(lanes.Data[j]) {
				t.Fatalf("%s: element %d is %v on the lane path, %v on the general path", name, j, lanes.Data[j], v)
			}
		}
	}
	if lanesUsed < 50 {
		t.Errorf("%d settings took the lane path, want 50 or more", lanesUsed)
	}
	for _, l := range lenetLayers {
		p, err := NewPlan(l.c, l.in)
		if err != nil {
			t.Fatal(err)
		}
		if want := l.c.InChannels > 1; (p.path == lanePath) != want {
			t.Errorf("%s: on the %v path, lanes %v", l.name, p.path, want)
		}
	}
}
