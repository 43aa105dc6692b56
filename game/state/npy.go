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
// Accepted shapes: a batch [N,C,H,W] with N up to MaxBatch, [H,W] and
// [C,H,W], with C 1 or 3, H and W up to MaxNPYSide. Sample 0 of a
// 1×28×28 input becomes the canvas (drawable, and the trained network
// reads it); anything else goes to the photo slot at its own size. A 4-D
// file sets the batch to its N, its samples 1..N−1 following sample 0. A
// malformed file, another shape, a larger batch, NaN or infinity is refused
// with a message in Notice, and nothing changes.
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
	if len(shape) == 4 && shape[0] > MaxBatch {
		return refuse("a batch of %d samples is more than this playground holds: at most %d (shape %v)", shape[0], MaxBatch, shape)
	}
	n, c, h, w, ok := npyInputShape(shape)
	if !ok {
		return refuse("shape %v is not an input: want [N,C,H,W], [C,H,W] or [H,W] with N 1..%d, C 1 or 3 and H, W 1..%d", shape, MaxBatch, MaxNPYSide)
	}
	for _, v := range vals {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return refuse("holds NaN or infinity")
		}
	}
	defer s.record(name, "", "")()
	size := c * h * w
	if c == 1 && h == Size && w == Size {
		s.replaceCanvas(Canvas(vals[:size]), -1, name)
	} else {
		s.setPhotoData(name, vals[:size], [3]int{c, h, w})
	}
	s.file = fileBatch{name: name, dims: [3]int{c, h, w}} // replaces an earlier file's batch
	for i := 1; i < n; i++ {
		s.file.samples = append(s.file.samples, vals[i*size:(i+1)*size])
	}
	if len(shape) == 4 { // a batch of its own: the file's N
		s.Batch = n
	}
	return nil
}

// npyInputShape reads N, C, H, W from an accepted shape.
func npyInputShape(shape []int) (n, c, h, w int, ok bool) {
	n = 1
	switch len(shape) {
	case 2:
		c, h, w = 1, shape[0], shape[1]
	case 3:
		c, h, w = shape[0], shape[1], shape[2]
	case 4:
		n, c, h, w = shape[0], shape[1], shape[2], shape[3]
	default:
		return 0, 0, 0, 0, false
	}
	ok = n >= 1 && n <= MaxBatch && (c == 1 || c == rgbC) && h >= 1 && w >= 1 && h <= MaxNPYSide && w <= MaxNPYSide
	return n, c, h, w, ok
}
