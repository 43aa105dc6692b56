package state

import (
	"fmt"

	"convplayground/game/picture"
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
	p, err := picture.FromRGBA(s.cameraBuf, rgba, w, h)
	if err != nil {
		err = fmt.Errorf("camera: %w", err)
		s.Notice = err.Error()
		return err
	}
	if !s.Photo || s.PhotoName != CameraName { // the camera's first frame; the next ones are part of it
		defer s.History.record("camera", "", "")()
	}
	s.cameraBuf = p
	s.Input.setPhotoData(CameraName, p, [3]int{picture.RGB, h, w})
	return nil
}
