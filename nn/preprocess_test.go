package nn

import (
	"math"
	"testing"
)

// MNIST's digits are already framed this way, so Preprocess leaves them as
// they are: the same box (20 pixels on its long side), the same place.
func TestPreprocessKeepsMNISTDigits(t *testing.T) {
	_, test := loadMNIST(t)
	for i := 0; i < 1000; i++ {
		img := test.Images[i*784 : (i+1)*784]
		p, err := Preprocess(img)
		if err != nil {
			t.Fatal(err)
		}
		for k := range p {
			if math.Abs(float64(p[k]-img[k])) > 1e-6 {
				t.Fatalf("test digit %d changed at pixel (%d, %d): %g → %g", i, k%28, k/28, img[k], p[k])
			}
		}
	}
}

// A digit drawn small and off-centre (a real test digit shrunk to half size
// in a corner) is reframed: 20 pixels on its long side, centre of mass at
// (14, 14), and the trained network recognises it again.
func TestPreprocessReframesSmallDigits(t *testing.T) {
	net, err := defaultNet()
	if err != nil {
		t.Fatal(err)
	}
	_, test := loadMNIST(t)
	const n = 200
	right := 0
	for i := 0; i < n; i++ {
		img := test.Images[i*784 : (i+1)*784]
		small := make([]float32, 784)
		for y := 0; y < 14; y++ {
			for x := 0; x < 14; x++ {
				s := img[2*y*28+2*x] + img[2*y*28+2*x+1] + img[(2*y+1)*28+2*x] + img[(2*y+1)*28+2*x+1]
				small[(y+1)*28+x+13] = s / 4 // top-right corner
			}
		}
		p, err := Preprocess(small)
		if err != nil {
			t.Fatal(err)
		}
		x0, y0, x1, y1, ok := inkBox(p)
		if !ok || max(x1-x0, y1-y0) != 20 {
			t.Fatalf("digit %d: box %dx%d, want 20 on the long side", i, x1-x0, y1-y0)
		}
		var m, mx, my float64
		for k, v := range p {
			m += float64(v)
			mx += float64(v) * float64(k%28)
			my += float64(v) * float64(k/28)
		}
		if math.Abs(mx/m-14) > 0.5 || math.Abs(my/m-14) > 0.5 {
			t.Fatalf("digit %d: centre of mass (%.2f, %.2f)", i, mx/m, my/m)
		}
		probs, err := net.Predict(p)
		if err != nil {
			t.Fatal(err)
		}
		if Argmax(probs[:]) == int(test.Labels[i]) {
			right++
		}
	}
	t.Logf("%d/%d shrunk digits recognised after preprocessing", right, n)
	if right < n*95/100 {
		t.Errorf("only %d/%d shrunk digits recognised after preprocessing", right, n)
	}
}

func TestPreprocessEdgeCases(t *testing.T) {
	p, err := Preprocess(make([]float32, 784))
	if err != nil || len(p) != 784 {
		t.Fatal(len(p), err)
	}
	for _, v := range p {
		if v != 0 {
			t.Fatal("empty canvas gave ink")
		}
	}
	// One inked pixel becomes a 20x20 block at the centre.
	dot := make([]float32, 784)
	dot[3*28+5] = 1
	p, _ = Preprocess(dot)
	if x0, y0, x1, y1, _ := inkBox(p); x0 != 5 || y0 != 5 || x1 != 25 || y1 != 25 {
		t.Errorf("dot framed at [%d,%d)x[%d,%d)", x0, x1, y0, y1)
	}
	if _, err := Preprocess(make([]float32, 27*28)); err == nil {
		t.Error("27x28 canvas accepted")
	}
}
