//go:build js

package wasm

import (
	"syscall/js"

	"convplayground/game"
	"convplayground/i18n"
)

// Camera gives the game a webcam: getUserMedia only when the learner
// presses "Camera", the stream played in a <video> made here (muted, 1x1
// and transparent: no markup, no inline style, so the page's CSP stays
// strict), each frame it delivers (requestVideoFrameCallback) drawn scaled
// into a canvas, read back with getImageData and copied to the game.
// Stop ends the stream's tracks, which releases the camera.
func Camera(g *game.Game) {
	c := &camera{g: g}
	c.onFrame = js.FuncOf(func(js.Value, []js.Value) any { c.frame(); return nil })
	g.StartCamera, g.StopCamera = c.start, c.stop
	// For tests: the frames the video decoded (what the camera sent), read
	// from it, and made the input.
	js.Global().Get("convPlayground").Set("camera", js.FuncOf(func(js.Value, []js.Value) any {
		decoded := 0
		if c.video.Truthy() {
			decoded = c.video.Call("getVideoPlaybackQuality").Get("totalVideoFrames").Int()
		}
		return js.ValueOf(map[string]any{"decoded": decoded, "delivered": c.delivered, "applied": g.Camera.Frames(), "on": c.stream.Truthy()})
	}))
}

type camera struct {
	g            *game.Game
	w, h         int
	gen          int      // bumped by each start and stop: a late answer is dropped
	stream       js.Value // the camera's MediaStream while on
	video        js.Value
	ctx          js.Value // the canvas's 2D context
	buf          []byte
	onFrame      js.Func // made once: a js.Func per frame would never be released
	delivered    int     // frames read from the camera
	frameRequest js.Value
}

func (c *camera) start(w, h int) {
	c.stop()
	c.gen++
	gen := c.gen
	md := js.Global().Get("navigator").Get("mediaDevices")
	if !md.Truthy() || !md.Get("getUserMedia").Truthy() {
		c.g.Camera.Failed(i18n.Errorf(i18n.CameraNone))
		return
	}
	c.w, c.h = w, h
	constraints := map[string]any{"audio": false, "video": map[string]any{
		"width": map[string]any{"ideal": w}, "height": map[string]any{"ideal": h}}}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		if gen != c.gen { // stopped meanwhile
			stopTracks(args[0])
			return nil
		}
		c.play(args[0])
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		if gen == c.gen {
			c.g.Camera.Failed(cameraError(args[0]))
		}
		return nil
	})
	md.Call("getUserMedia", js.ValueOf(constraints)).Call("then", ok, fail)
}

// cameraError is the learner's message for a getUserMedia refusal (the
// browser's own words, in English, for another reason).
func cameraError(err js.Value) error {
	switch err.Get("name").String() {
	case "NotAllowedError", "SecurityError":
		return i18n.Errorf(i18n.CameraRefused)
	case "NotFoundError", "OverconstrainedError", "DevicesNotFoundError":
		return i18n.Errorf(i18n.CameraNotFound)
	case "NotReadableError":
		return i18n.Errorf(i18n.CameraInUse)
	}
	return i18n.Errorf(i18n.CameraError, err.Get("message").String())
}

// play shows the stream in a hidden video and starts reading its frames.
func (c *camera) play(stream js.Value) {
	doc := js.Global().Get("document")
	v := doc.Call("createElement", "video")
	v.Set("muted", true)
	v.Set("playsInline", true)
	v.Set("srcObject", stream)
	st := v.Get("style")
	for k, val := range map[string]string{"position": "fixed", "left": "0", "top": "0", "width": "1px", "height": "1px", "opacity": "0", "pointerEvents": "none"} {
		st.Set(k, val)
	}
	doc.Get("body").Call("appendChild", v) // a video off the page delivers no frame callbacks
	canvas := doc.Call("createElement", "canvas")
	canvas.Set("width", c.w)
	canvas.Set("height", c.h)
	c.ctx = canvas.Call("getContext", "2d", js.ValueOf(map[string]any{"willReadFrequently": true}))
	c.stream, c.video = stream, v
	if len(c.buf) != 4*c.w*c.h {
		c.buf = make([]byte, 4*c.w*c.h)
	}
	v.Call("play")
	c.frameRequest = v.Call("requestVideoFrameCallback", c.onFrame)
}

// frame copies the video's newest frame, scaled to w×h, to the game.
func (c *camera) frame() {
	if !c.stream.Truthy() {
		return
	}
	c.ctx.Call("drawImage", c.video, 0, 0, c.w, c.h)
	data := c.ctx.Call("getImageData", 0, 0, c.w, c.h).Get("data")
	js.CopyBytesToGo(c.buf, data)
	c.delivered++
	c.g.Camera.Frame(c.buf, c.w, c.h)
	c.frameRequest = c.video.Call("requestVideoFrameCallback", c.onFrame)
}

// stop releases the camera and removes the video.
func (c *camera) stop() {
	c.gen++
	if !c.stream.Truthy() {
		return
	}
	c.video.Call("cancelVideoFrameCallback", c.frameRequest)
	stopTracks(c.stream)
	c.video.Set("srcObject", js.Null())
	c.video.Call("remove")
	c.stream, c.video, c.ctx = js.Undefined(), js.Undefined(), js.Undefined()
}

func stopTracks(stream js.Value) {
	tracks := stream.Call("getTracks")
	for i := range tracks.Length() {
		tracks.Index(i).Call("stop")
	}
}
