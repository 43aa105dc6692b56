package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"convplayground/nn"
)

// Without the dataset, the command says so and where it looked.
func TestMissingDataset(t *testing.T) {
	dir := t.TempDir()
	err := run(options{data: dir, out: filepath.Join(dir, "w.bin"), epochs: 1, batch: 50, c2: 4, hidden: 8, workers: 2, lr: 1e-3, seed: 1})
	if err == nil || !strings.Contains(err.Error(), "MNIST dataset not found") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("error %v, want one naming %s", err, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "w.bin")); err == nil {
		t.Error("a weights file was written")
	}
}

// A short run on real MNIST writes a weights file that nn.Load reads back.
func TestShortRunWritesLoadableWeights(t *testing.T) {
	out := filepath.Join(t.TempDir(), "w.bin")
	if err := run(options{out: out, epochs: 1, batch: 50, limit: 500, c2: 4, hidden: 16, workers: 2, lr: 3e-3, seed: 1, testLimit: 500}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	net, err := nn.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if c2, h := net.Widths(); c2 != 4 || h != 16 {
		t.Errorf("widths %d %d", c2, h)
	}
}
