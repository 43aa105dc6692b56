package picture

import (
	"bytes"
	"image"
	_ "image/gif" // decoders for dropped files
	_ "image/jpeg"
	_ "image/png"

	"convplayground/i18n"
)

// Limits on dropped image files, checked before decoding the pixels.
const (
	MaxImageSide  = 4096     // pixels per side
	MaxImageBytes = 32 << 20 // file size
	// MaxPhotoSide is the longest side a dropped photo or a camera frame
	// keeps (256x256 is the big input; the generated photo is PhotoSize).
	MaxPhotoSide = 256
)

// Decode reads an image file as an RGB tensor (3×h×w, CHW, in [0, 1]):
// the whole picture, its aspect kept, scaled down by area averaging until
// its long side is at most MaxPhotoSide (transparent parts over white).
// The header is checked first; a file that is not a readable image, or too
// large, is refused with a message naming it.
func Decode(name string, data []byte) (p []float32, h, w int, err error) {
	if len(data) > MaxImageBytes {
		return nil, 0, 0, TooLarge(name, int64(len(data)))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, i18n.Errorf(i18n.ImageUnreadable, name, err)
	}
	if err := checkDecode(name, cfg); err != nil {
		return nil, 0, 0, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, i18n.Errorf(i18n.ImageBroken, name, format, err)
	}
	w, h = fit(img.Bounds().Dx(), img.Bounds().Dy())
	p = ResizeRGB(img, img.Bounds(), w, h)
	freeDecoded()
	return p, h, w, nil
}

// fit is the size a w×h picture is kept at: its long side at most
// MaxPhotoSide, the aspect kept (rounded, at least one pixel).
func fit(w, h int) (int, int) {
	long := max(w, h)
	if long <= MaxPhotoSide {
		return w, h
	}
	scale := func(v int) int { return max(1, (v*MaxPhotoSide+long/2)/long) }
	return scale(w), scale(h)
}

// FromRGBA writes a w×h RGBA frame (4 bytes a pixel, as a canvas's
// getImageData gives it) into dst as 3×h×w values in [0, 1], reusing dst
// when it has the size (a running camera allocates nothing). A frame of
// the wrong size is refused.
func FromRGBA(dst []float32, rgba []byte, w, h int) ([]float32, error) {
	if w < 1 || h < 1 || w > MaxPhotoSide || h > MaxPhotoSide || len(rgba) != 4*w*h {
		return dst, i18n.Errorf(i18n.CameraFrameSize, w, h, len(rgba), MaxPhotoSide)
	}
	n := w * h
	if len(dst) != 3*n {
		dst = make([]float32, 3*n)
	}
	for i := range n {
		px := rgba[4*i : 4*i+3 : 4*i+3]
		dst[i], dst[n+i], dst[2*n+i] = float32(px[0])/255, float32(px[1])/255, float32(px[2])/255
	}
	return dst, nil
}
