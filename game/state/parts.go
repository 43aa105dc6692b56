package state

import "convplayground/assets"

// The session's actions and queries, grouped by what they act on: a group
// is a view of the one State (it holds the back-pointer), so that an
// action in any group records its undo step, marks the session changed
// and keeps its notice in one place (State.changed, History.record).

// Input is the input x: the drawing, MNIST digits, the photo, the camera,
// dropped images and .npy files, and the batch's samples (state.go's
// drawing actions, batch.go, camera.go, image.go, npy.go).
type Input struct {
	s          *State
	Canvas     Canvas
	Photo      bool           // the input is the RGB photo instead of the canvas
	photo      []float32      // the photo slot's tensor, CHW
	photoDims  [3]int         // its C, H, W
	cameraBuf  []float32      // the camera's frames, reused (camera.go)
	PhotoName  string         // where the photo came from ("" for the generated scene)
	CanvasName string         // the file the canvas came from ("" when drawn or picked)
	Digits     []assets.Digit // MNIST test samples
	Digit      int            // index of the last picked digit, −1 for a drawing
	file       fileBatch      // samples 1.. of a dropped .npy batch
	defaults   defaultSamples // the default samples, made once per input size
}

// Bank is layer 1's filter bank: its weights and biases, presets, learned
// filters, channels and groups (filters.go, channels.go, groups.go).
type Bank struct {
	s       *State
	Filters [MaxOut]Filter // all slots are kept, so lowering out_channels loses nothing
	bankCin int            // in_channels of the filters (1, or 3 for the photo)
}

// Layers is the network on screen beyond the one Conv2d: the layers after
// it (net.go, net_edit.go) and layer 1 as a ConvTranspose2d (transpose.go).
type Layers struct {
	s  *State
	tr transposeState // layer 0 when Transposed (transpose.go)
}

// Teach is what the explain, channels and reach views show, computed by
// package teach on the session's tensors (explain.go, net_explain.go,
// reach.go, breakdown.go, never.go).
type Teach struct {
	s         *State
	breakdown *breakdownMemo // the last channel breakdown (breakdown.go)
	shown     shownMemo      // the selected deeper Conv2d (net_step.go)
}

// Share is the share link: the snapshot it encodes and its decoding
// (share.go, share_tensors.go, step_link.go, net_link.go).
type Share struct{ s *State }

// Export is what the session writes for the learner: the shapes panel's
// text, Copy code's PyTorch, the .npy and .npz files (shapes.go,
// export.go, export_net.go).
type Export struct{ s *State }

// Trained is the trained network's guess and the model files and weights
// the learner brings (model.go, guess.go, modelopen.go, modelnet.go,
// netweights.go).
type Trained struct {
	s      *State
	Model  Model      // the trained network, when available
	Opened *OpenModel // a model file the learner opened (modelopen.go), nil for none
}
