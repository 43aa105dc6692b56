package picture

import (
	"image"
	"image/color"
	"math"
	"runtime"

	"convplayground/i18n"
)

// MaxImageMegapixels bounds the pictures a dropped image file may hold,
// checked from its header before any pixel is decoded: Go's decoders
// decode the whole picture at full size (none can scale down while
// decoding), and a wasm program's memory never shrinks, so this bounds
// both the peak and the frame that decodes it. 12 megapixels is a phone
// photo (4000x3000) at 4 bytes a pixel, 48 MB; a picture of 16 bits per
// channel takes 8 bytes a pixel and may have half as many (a 4096x4096
// 16-bit PNG took 1.8 s and 150 MB before this limit).
const MaxImageMegapixels = 12

// checkDecode refuses, from an image file's header, a picture outside
// 1x1..MaxImageSide² or one whose decoding would take more memory than
// MaxImageMegapixels at 4 bytes a pixel.
func checkDecode(name string, cfg image.Config) error {
	w, h := cfg.Width, cfg.Height
	if w < 1 || h < 1 || w > MaxImageSide || h > MaxImageSide {
		return i18n.Errorf(i18n.ImageSize, name, w, h, MaxImageSide, MaxImageSide)
	}
	deep := decodedBytes(cfg.ColorModel) > 4
	limit := MaxImageMegapixels * 1e6
	if deep {
		limit /= 2
	}
	if px := float64(w) * float64(h); px > limit {
		what := i18n.Errorf(i18n.ImageMegapixels, MaxImageMegapixels)
		if deep {
			what = i18n.Errorf(i18n.ImageMegapixelsDeep, MaxImageMegapixels/2, MaxImageMegapixels)
		}
		return i18n.Errorf(i18n.ImageTooManyPixels, name, w, h, px/1e6, what)
	}
	return nil
}

// freeDecoded collects the decoded picture just resized and dropped (up
// to 48 MB) at once: otherwise the heap grows by a picture with each of
// the next drops until the collector's goal catches up, and a wasm
// program's memory never shrinks (4000x3000 photos took it from 81 to
// 220 MB in four drops). One collection of a small heap, on a drop only.
func freeDecoded() { runtime.GC() }

// decodedBytes is how many bytes a pixel takes once decoded, by the
// header's colour model (the decoders' image types).
func decodedBytes(m color.Model) int {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel: // JPEG: at most 3 (4:4:4)
		return 3
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel:
		return 4
	}
	if _, ok := m.(color.Palette); ok { // GIF, paletted PNG
		return 1
	}
	return 8 // RGBA64, NRGBA64, anything else
}

// TooLarge is the error for a dropped file of size bytes over
// MaxImageBytes, the size rounded up (a file one byte over the limit is
// not "32 MB").
func TooLarge(name string, size int64) error { return TooLargeFor(name, size, MaxImageBytes) }

// TooLargeFor is the error for a file of size bytes over limit bytes
// (a model file's limit is not an image's).
func TooLargeFor(name string, size, limit int64) error {
	mb := math.Ceil(float64(size)/(1<<20)*10) / 10
	return i18n.Errorf(i18n.ImageTooLarge, name, mb, limit>>20)
}
