package state

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // decoders for dropped files
	_ "image/jpeg"
	_ "image/png"
)

// Limits on dropped image files, checked before decoding the pixels.
const (
	MaxImageSide  = 4096     // pixels per side
	MaxImageBytes = 32 << 20 // file size
	// MaxPhotoSide is the longest side a dropped photo keeps (256x256 is
	// the big input; the generated photo is PhotoSize).
	MaxPhotoSide = 256
)

// LoadImage makes an image file the RGB input: the whole picture, its
// aspect kept, scaled down by area averaging until its long side is at
// most MaxPhotoSide (transparent parts over white). The header is
// checked first; a file that is not a readable image, or too large, is
// refused with a message in Notice and nothing changes.
func (s *State) LoadImage(name string, data []byte) error {
	refuse := func(err error) error {
		s.Notice = err.Error()
		return err
	}
	if len(data) > MaxImageBytes {
		return refuse(fmt.Errorf("%s: %d MB is too large (limit %d MB)", name, len(data)>>20, MaxImageBytes>>20))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return refuse(fmt.Errorf("%s: not an image this playground reads (PNG, JPEG, GIF): %v", name, err))
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxImageSide || cfg.Height > MaxImageSide {
		return refuse(fmt.Errorf("%s: %dx%d pixels is outside 1x1..%dx%d", name, cfg.Width, cfg.Height, MaxImageSide, MaxImageSide))
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return refuse(fmt.Errorf("%s: broken %s file: %v", name, format, err))
	}
	defer s.record(name, "", "")()
	w, h := photoSize(img.Bounds().Dx(), img.Bounds().Dy())
	s.setPhotoData(name, resizeRGB(img, img.Bounds(), w, h), [3]int{rgbC, h, w})
	return nil
}

// photoSize is the size a w×h picture is kept at: its long side at most
// MaxPhotoSide, the aspect kept (rounded, at least one pixel).
func photoSize(w, h int) (int, int) {
	long := max(w, h)
	if long <= MaxPhotoSide {
		return w, h
	}
	scale := func(v int) int { return max(1, (v*MaxPhotoSide+long/2)/long) }
	return scale(w), scale(h)
}
