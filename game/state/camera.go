package state

import (
	"convplayground/game/picture"
	"convplayground/i18n"
)

// A camera (the browser's webcam) feeds the RGB input live: each frame
// it delivers replaces the photo, through the same filters.
const CameraName = "camera"

// CameraSizes are the sizes, width × height, a camera feeds the input at.
var CameraSizes = [...][2]int{{128, 96}, {256, 192}}

// SetCameraFrame makes a w×h RGBA frame (4 bytes a pixel, as a canvas's
// getImageData gives it) the RGB input, in [0, 1]. The camera's input
// buffer is reused from frame to frame: a running camera allocates
// nothing. A frame of the wrong size is refused with a message.
func (in *Input) SetCameraFrame(rgba []byte, w, h int) error {
	s := in.s
	p, err := picture.FromRGBA(s.Input.cameraBuf, rgba, w, h)
	if err != nil {
		err = i18n.Errorf(i18n.CameraFrame, err)
		s.Notice = i18n.Text(s.Lang, err)
		return err
	}
	if !s.Input.Photo || s.Input.PhotoName != CameraName { // the camera's first frame; the next ones are part of it
		defer s.History.record("camera", "", "")()
	}
	s.Input.cameraBuf = p
	s.Input.setPhotoData(CameraName, p, [3]int{picture.RGB, h, w})
	return nil
}
