package game

import (
	"sync"

	"convplayground/game/state"
)

// The camera (browser only): the platform glue sets the hooks, and the
// header shows a "Camera" button only then (the desktop build has none).
// Frames arrive from the platform's callbacks (CameraFrame) and are applied
// on the next Update, the newest one only.
type cameraHooks struct {
	// StartCamera asks for the camera at w×h; its frames then come to
	// CameraFrame, a refusal or a missing camera to CameraFailed.
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
	fresh   bool   // buf has not been applied yet
	failed  string // why the camera could not start, until the next Update
}

// CameraFrame hands the game a w×h RGBA frame; it is safe to call from
// any goroutine (a browser callback). The bytes are copied.
func (g *Game) CameraFrame(rgba []byte, w, h int) {
	c := &g.cam
	c.mu.Lock()
	c.buf = append(c.buf[:0], rgba...)
	c.w, c.h, c.fresh = w, h, true
	c.mu.Unlock()
}

// CameraFailed says why the camera could not start (no camera, permission
// refused); the header shows it.
func (g *Game) CameraFailed(msg string) {
	g.cam.mu.Lock()
	g.cam.failed = msg
	g.cam.mu.Unlock()
}

// CameraFrames is the number of camera frames made the input so far.
func (g *Game) CameraFrames() uint64 { return g.cam.applied }

// toggleCamera is the Camera button.
func (g *Game) toggleCamera() {
	if g.cam.on {
		g.stopCamera()
		return
	}
	g.cam.on = true
	g.startCamera()
}

// cameraSize is the size the camera feeds the input at.
func (g *Game) cameraSize() [2]int {
	return state.CameraSizes[len(state.CameraSizes)-1-g.cam.size]
}

func (g *Game) startCamera() {
	sz := g.cameraSize()
	g.StartCamera(sz[0], sz[1])
}

// nextCameraSize is the size button: the camera restarts at the next size.
func (g *Game) nextCameraSize() {
	g.cam.size = (g.cam.size + 1) % len(state.CameraSizes)
	if g.cam.on {
		g.cam.applied = 0 // the input is the camera's until its next frame
		g.startCamera()
	}
}

func (g *Game) stopCamera() {
	g.cam.on = false
	g.StopCamera()
}

// cameraTick applies the newest frame, or the failure; choosing another
// input stops the camera.
func (g *Game) cameraTick() {
	c := &g.cam
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failed != "" {
		g.st.Say(c.failed)
		c.failed, c.on = "", false
	}
	if !c.on {
		c.fresh = false
		return
	}
	if c.applied > 0 && (!g.st.Photo || g.st.PhotoName != state.CameraName) {
		g.stopCamera()
		return
	}
	if c.fresh {
		c.fresh = false
		if g.st.Input.SetCameraFrame(c.buf, c.w, c.h) == nil {
			c.applied++
		}
	}
}
