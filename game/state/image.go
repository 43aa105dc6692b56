package state

import (
	"convplayground/game/picture"

	"convplayground/i18n"
)

// MaxImageBytes is the largest image file the playground reads (the page's
// drop handler reads no more).
const MaxImageBytes = picture.MaxImageBytes

// LoadImage makes an image file the RGB input (picture.Decode: the whole
// picture, at most picture.MaxPhotoSide on its long side). A file that is
// not a readable image, or too large, is refused with a message in Notice
// and nothing changes.
func (in *Input) LoadImage(name string, data []byte) error {
	s := in.s
	p, h, w, err := picture.Decode(name, data)
	if err != nil {
		s.Notice = i18n.Text(s.Lang, err)
		return err
	}
	defer s.History.record(name, "", "")()
	s.Input.setPhotoData(name, p, [3]int{picture.RGB, h, w})
	return nil
}
