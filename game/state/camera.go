package state

import "fmt"

// A camera (the browser's webcam) feeds the RGB input live: each frame
// it delivers replaces the photo, through the same filters.
const CameraName = "camera"

// CameraSizes are the sizes, width × height, a camera feeds the input at.
var CameraSizes = [...][2]int{{128, 96}, {256, 192}}

// SetCameraFrame makes a w×h RGBA frame (4 bytes a pixel, as a canvas's
// getImageData gives it) the RGB input, in [0, 1]. The camera's input
// buffer is reused from frame to frame: a running camera allocates
// nothing. A frame of the wrong size is refused with a message.
func (s *State) SetCameraFrame(rgba []byte, w, h int) error {
	if w < 1 || h < 1 || w > MaxPhotoSide || h > MaxPhotoSide || len(rgba) != 4*w*h {
		err := fmt.Errorf("camera: a %dx%d frame of %d bytes (want 4 bytes a pixel, at most %d on a side)", w, h, len(rgba), MaxPhotoSide)
		s.Notice = err.Error()
		return err
	}
	if !s.Photo || s.PhotoName != CameraName { // the camera's first frame; the next ones are part of it
		defer s.record("camera", "", "")()
	}
	p, n := s.cameraBuf, w*h
	if len(p) != 3*n {
		p = make([]float32, 3*n)
		s.cameraBuf = p
	}
	for i := range n {
		px := rgba[4*i : 4*i+3 : 4*i+3]
		p[i], p[n+i], p[2*n+i] = float32(px[0])/255, float32(px[1])/255, float32(px[2])/255
	}
	s.setPhotoData(CameraName, p, [3]int{rgbC, h, w})
	return nil
}
