//go:build !js

package conv

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The committed kernels are what kernel_gen.go writes today: an edit of the
// generator that was not regenerated (or of a generated file) fails here.
func TestGeneratedKernels(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("go", "run", "kernel_gen.go", "-dir", dir).CombinedOutput(); err != nil {
		t.Fatalf("go run kernel_gen.go: %v\n%s", err, out)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) < 3 {
		t.Fatalf("kernel_gen.go wrote %v (%v), want the scalar and two vector files", files, err)
	}
	for _, f := range files {
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what kernel_gen.go writes: run go generate ./conv", filepath.Base(f))
		}
	}
}
