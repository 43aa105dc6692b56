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
// tensor's .numpy()) the input. Accepted shapes: [1,1,H,W], [1,3,H,W],
// [H,W] and [C,H,W] with C 1 or 3, H and W up to MaxNPYSide. One channel
// becomes the canvas (28×28), three the RGB photo (64×64): values are taken
// as they are (as after ToTensor), resampled by area averaging of the
// centred square when the size differs. Anything else — malformed file,
// other shape, NaN or infinity — is refused with a message in Notice, and
// nothing changes.
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
	note := ""
	if c == 1 && (h != Size || w != Size) || c == photoC && (h != PhotoSize || w != PhotoSize) {
		note = fmt.Sprintf(" (%dx%d resized)", h, w)
	}
	if c == 1 {
		s.SetPhoto(false)
		s.pushUndo()
		copy(s.Canvas[:], resample(vals, h, w, Size))
		s.Digit = -1
		s.canvasChanged()
		s.CanvasName = name + note
		return nil
	}
	p := make([]float32, 0, photoC*PhotoSize*PhotoSize)
	for ch := 0; ch < photoC; ch++ {
		p = append(p, resample(vals[ch*h*w:(ch+1)*h*w], h, w, PhotoSize)...)
	}
	s.photo, s.PhotoName = p, name+note
	if s.Photo {
		s.changed()
	} else {
		s.SetPhoto(true)
	}
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
	ok = (c == 1 || c == photoC) && h >= 1 && w >= 1 && h <= MaxNPYSide && w <= MaxNPYSide
	return c, h, w, ok
}

// resample takes the centred square of an h×w plane to n×n by area
// averaging (each output pixel is the mean of the source area it covers),
// so a plane already n×n comes out unchanged.
func resample(src []float32, h, w, n int) []float32 {
	side := min(h, w)
	y0, x0 := (h-side)/2, (w-side)/2
	wy := areaWeights(side, n)
	out := make([]float32, n*n)
	for oy := 0; oy < n; oy++ {
		for ox := 0; ox < n; ox++ {
			var sum float64
			for _, a := range wy[oy] {
				for _, b := range wy[ox] {
					sum += a.w * b.w * float64(src[(y0+a.i)*w+x0+b.i])
				}
			}
			out[oy*n+ox] = float32(sum)
		}
	}
	return out
}

type tap struct {
	i int
	w float64
}

// areaWeights lists, for each of n output cells over a source of m cells,
// the source cells it overlaps and the overlap's share (summing to 1).
func areaWeights(m, n int) [][]tap {
	r := make([][]tap, n)
	scale := float64(m) / float64(n)
	for o := range r {
		lo, hi := float64(o)*scale, float64(o+1)*scale
		for i := int(lo); i < m && float64(i) < hi; i++ {
			if ov := min(hi, float64(i+1)) - max(lo, float64(i)); ov > 1e-12 {
				r[o] = append(r[o], tap{i, ov / scale})
			}
		}
	}
	return r
}
