package state

import (
	"bytes"
	"fmt"
	"math"

	"convplayground/conv/npy"
)

// MaxNPYSide bounds the height and width of a dropped .npy input.
const MaxNPYSide = 256

// LoadNPY makes a .npy array (float32 or float64, e.g. np.save of a
// tensor's .numpy()) the input, values as they are (as after ToTensor).
// Accepted shapes: [1,1,H,W], [1,3,H,W], [H,W] and [C,H,W] with C 1 or 3,
// H and W up to MaxNPYSide. A 1×28×28 array becomes the canvas (drawable,
// and the trained network reads it); anything else goes to the photo slot
// at its own size. A malformed file, another shape, NaN or infinity is
// refused with a message in Notice, and nothing changes.
func (s *State) LoadNPY(name string, data []byte) error {
	refuse := func(format string, a ...any) error {
		err := fmt.Errorf(name+": "+format, a...)
		s.Notice = err.Error()
		return err
	}
	shape, vals, err := npy.Read(bytes.NewReader(data))
	if err != nil {
		return refuse("not a .npy this playground reads: %v", err)
	}
	c, h, w, ok := npyInputShape(shape)
	if !ok {
		return refuse("shape %v is not an input: want [1,C,H,W], [C,H,W] or [H,W] with C 1 or 3 and H, W 1..%d", shape, MaxNPYSide)
	}
	for _, v := range vals {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return refuse("holds NaN or infinity")
		}
	}
	if c == 1 && h == Size && w == Size {
		s.replaceCanvas(Canvas(vals), -1, name)
		return nil
	}
	s.setPhotoData(name, vals, [3]int{c, h, w})
	return nil
}

// npyInputShape reads C, H, W from an accepted shape.
func npyInputShape(shape []int) (c, h, w int, ok bool) {
	switch len(shape) {
	case 2:
		c, h, w = 1, shape[0], shape[1]
	case 3:
		c, h, w = shape[0], shape[1], shape[2]
	case 4:
		if shape[0] != 1 {
			return 0, 0, 0, false
		}
		c, h, w = shape[1], shape[2], shape[3]
	default:
		return 0, 0, 0, false
	}
	ok = (c == 1 || c == rgbC) && h >= 1 && w >= 1 && h <= MaxNPYSide && w <= MaxNPYSide
	return c, h, w, ok
}
