package game

import (
	"sync"

	"convplayground/game/state"
	"convplayground/i18n"
)

// The camera (browser only): the platform glue sets the hooks, and the
// header shows a "Camera" button only then (the desktop build has none).
// Frames arrive from the platform's callbacks (Camera.Frame) and are applied
// on the next Update, the newest one only.
type cameraHooks struct {
	// StartCamera asks for the camera at w×h; its frames then come to
	// Frame, a refusal or a missing camera to Failed.
	StartCamera func(w, h int)
	// StopCamera releases the camera.
	StopCamera func()
}

type cameraState struct {
	on      bool   // the learner started the camera and did not stop it
	size    int    // index in state.CameraSizes, counted from the largest
	applied uint64 // frames made the input
	mu      sync.Mutex
	buf     []byte // the newest frame, w×h RGBA
	w, h    int
	fresh   bool  // buf has not been applied yet
	failed  error // why the camera could not start, until the next Update
}

// Frame hands the game a w×h RGBA frame; it is safe to call from
// any goroutine (a browser callback). The bytes are copied.
func (cm *Camera) Frame(rgba []byte, w, h int) {
	g := cm.g
	c := &g.cam
	c.mu.Lock()
	c.buf = append(c.buf[:0], rgba...)
	c.w, c.h, c.fresh = w, h, true
	c.mu.Unlock()
}

// Failed says why the camera could not start (no camera, permission
// refused); the header shows it, in the UI's language when why is an
// i18n.Error.
func (cm *Camera) Failed(why error) {
	g := cm.g
	g.cam.mu.Lock()
	g.cam.failed = why
	g.cam.mu.Unlock()
}

// Frames is the number of camera frames made the input so far.
func (cm *Camera) Frames() uint64 {
	g := cm.g
	return g.cam.applied
}

// toggleCamera is the Camera button.
func (cm *Camera) toggleCamera() {
	g := cm.g
	if g.cam.on {
		g.Camera.stopCamera()
		return
	}
	g.cam.on = true
	g.Camera.startCamera()
}

// cameraSize is the size the camera feeds the input at.
func (cm *Camera) cameraSize() [2]int {
	g := cm.g
	return state.CameraSizes[len(state.CameraSizes)-1-g.cam.size]
}

func (cm *Camera) startCamera() {
	g := cm.g
	sz := g.Camera.cameraSize()
	g.StartCamera(sz[0], sz[1])
}

// nextCameraSize is the size button: the camera restarts at the next size.
func (cm *Camera) nextCameraSize() {
	g := cm.g
	g.cam.size = (g.cam.size + 1) % len(state.CameraSizes)
	if g.cam.on {
		g.cam.applied = 0 // the input is the camera's until its next frame
		g.Camera.startCamera()
	}
}

func (cm *Camera) stopCamera() {
	g := cm.g
	g.cam.on = false
	g.StopCamera()
}

// cameraTick applies the newest frame, or the failure; choosing another
// input stops the camera.
func (cm *Camera) cameraTick() {
	g := cm.g
	c := &g.cam
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failed != nil {
		g.st.Say(i18n.Text(g.lang, c.failed))
		c.failed, c.on = nil, false
	}
	if !c.on {
		c.fresh = false
		return
	}
	if c.applied > 0 && (!g.st.Input.Photo || g.st.Input.PhotoName != state.CameraName) {
		g.Camera.stopCamera()
		return
	}
	if c.fresh {
		c.fresh = false
		if g.st.Input.SetCameraFrame(c.buf, c.w, c.h) == nil {
			c.applied++
		}
	}
}
