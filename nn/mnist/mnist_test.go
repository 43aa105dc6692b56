package mnist

import (
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 60000 || test.Len() != 10000 || len(test.Images) != 10000*784 {
		t.Fatalf("%d training and %d test images", train.Len(), test.Len())
	}
	// The first test digit is a 7 with ink at full intensity, on black.
	lo, hi := float32(1), float32(0)
	for _, v := range test.Images[:784] {
		lo, hi = min(lo, v), max(hi, v)
	}
	if test.Labels[0] != 7 || lo != 0 || hi != 1 {
		t.Errorf("first test digit: label %d, pixels in [%g, %g]", test.Labels[0], lo, hi)
	}
}

func TestLoadMissing(t *testing.T) {
	dir := t.TempDir()
	_, _, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "train-images-idx3-ubyte.gz") {
		t.Errorf("error %v, want one naming %s and the files", err, dir)
	}
}
