package state

import (
	"bytes"
	"math"

	"convplayground/conv/npy"
	"convplayground/game/picture"
	"convplayground/i18n"
)

// LoadNPY makes a .npy array (float32 or float64, e.g. np.save of a
// tensor's .numpy()) the input, values as they are (as after ToTensor).
// Accepted shapes: a batch [N,C,H,W] with N up to MaxBatch, [H,W] and
// [C,H,W], with C 1 or 3, H and W up to picture.MaxNPYSide. Sample 0 of a
// 1×28×28 input becomes the canvas (drawable, and the trained network
// reads it); anything else goes to the photo slot at its own size. A 4-D
// file sets the batch to its N, its samples 1..N−1 following sample 0. A
// malformed file, another shape, a larger batch, NaN or infinity is refused
// with a message in Notice, and nothing changes.
func (in *Input) LoadNPY(name string, data []byte) error {
	s := in.s
	refuse := func(k i18n.Key, a ...any) error {
		err := i18n.Errorf(k, append([]any{name}, a...)...)
		s.Notice = i18n.Text(s.Lang, err)
		return err
	}
	shape, vals, err := npy.Read(bytes.NewReader(data))
	if err != nil {
		return refuse(i18n.NpyUnreadable, err) // npy's own words: the format's details
	}
	if len(shape) == 4 && shape[0] > MaxBatch {
		return refuse(i18n.NpyBatchTooLarge, shape[0], MaxBatch, shape)
	}
	n, c, h, w, ok := picture.NPYInput(shape, MaxBatch)
	if !ok {
		return refuse(i18n.NpyShape, shape, MaxBatch, picture.MaxNPYSide)
	}
	for _, v := range vals {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return refuse(i18n.NpyNonFinite)
		}
	}
	defer s.History.record(name, "", "")()
	size := c * h * w
	if c == 1 && h == Size && w == Size {
		s.Input.replaceCanvas(Canvas(vals[:size]), -1, name)
	} else {
		s.Input.setPhotoData(name, vals[:size], [3]int{c, h, w})
	}
	s.Input.file = fileBatch{name: name, dims: [3]int{c, h, w}} // replaces an earlier file's batch
	for i := 1; i < n; i++ {
		s.Input.file.samples = append(s.Input.file.samples, vals[i*size:(i+1)*size])
	}
	if len(shape) == 4 { // a batch of its own: the file's N
		s.Batch = n
	}
	return nil
}
