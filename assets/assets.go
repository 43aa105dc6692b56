// Package assets embeds the playground's data files. Each generated file has
// its generator committed: mnist_samples.bin comes from ./cmd/gensamples,
// mnist_lenet.bin (the trained network, format in package nn) from ./cmd/train,
// fonts/ (Go Regular and Go Mono without hinting) from scripts/fonts.py,
// the language switch's 한국어 (a 2 KB subset of the Korean font) from
// scripts/korean_font.py.
package assets

import (
	"embed"
	"fmt"
)

// FS holds the embedded files.
//
//go:embed mnist_samples.bin mnist_lenet.bin fonts/Go-Regular.ttf fonts/Go-Mono.ttf fonts/ConvPlaygroundHangul-Switch.ttf
var FS embed.FS

// Digit is one MNIST test image: 28x28 grey levels (0 background, 255 ink).
type Digit struct {
	Label  int
	Pixels [28 * 28]byte
}

const recordSize = 1 + 28*28

// MNISTSamples decodes mnist_samples.bin: records of one label byte followed
// by 784 row-major pixel bytes.
func MNISTSamples() ([]Digit, error) {
	b, err := FS.ReadFile("mnist_samples.bin")
	if err != nil {
		return nil, err
	}
	if len(b) == 0 || len(b)%recordSize != 0 {
		return nil, fmt.Errorf("mnist_samples.bin: %d bytes is not a whole number of %d-byte records", len(b), recordSize)
	}
	ds := make([]Digit, len(b)/recordSize)
	for i := range ds {
		r := b[i*recordSize:]
		if r[0] > 9 {
			return nil, fmt.Errorf("mnist_samples.bin: record %d has label %d", i, r[0])
		}
		ds[i].Label = int(r[0])
		copy(ds[i].Pixels[:], r[1:recordSize])
	}
	return ds, nil
}
