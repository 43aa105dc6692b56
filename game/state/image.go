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
)

// LoadImage makes an image file the RGB input: the centred square is scaled
// to 64×64 by area averaging (transparent parts over white). The header is
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
	b := img.Bounds()
	side := min(b.Dx(), b.Dy())
	sq := image.Rect(0, 0, side, side).Add(b.Min).Add(image.Pt((b.Dx()-side)/2, (b.Dy()-side)/2))
	p := squareRGB(img, sq, PhotoSize)
	s.setPhotoData(name, p, [3]int{rgbC, PhotoSize, PhotoSize})
	return nil
}
