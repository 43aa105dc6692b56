package livetrain

import (
	"fmt"

	"convplayground/nn"
)

// pixels is the size of one image: 28x28 bytes.
const pixels = nn.Side * nn.Side

// Dataset is the data message: uint8 images (n×784, 0..255, white on
// black) and their labels, for training and for the test accuracy.
type Dataset struct {
	TrainImages, TrainLabels []uint8
	TestImages, TestLabels   []uint8
}

// check refuses a dataset whose parts do not fit together.
func (d Dataset) check() error {
	parts := []struct {
		name           string
		images, labels []uint8
	}{{"train", d.TrainImages, d.TrainLabels}, {"test", d.TestImages, d.TestLabels}}
	for _, p := range parts {
		if len(p.labels) == 0 || len(p.images) != len(p.labels)*pixels {
			return fmt.Errorf("livetrain: %s set: %d image bytes for %d labels, want %d×784 and at least one", p.name, len(p.images), len(p.labels), len(p.labels))
		}
		for i, y := range p.labels {
			if y >= nn.Classes {
				return fmt.Errorf("livetrain: %s set: label %d of image %d is not a digit", p.name, y, i)
			}
		}
	}
	return nil
}

// scale writes images (bytes) as the network's input, byte / 255.
func scale(dst []float32, images []uint8) {
	for i, v := range images {
		dst[i] = float32(v) / 255
	}
}
