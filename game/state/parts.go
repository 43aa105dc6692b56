package state

// The session's actions and queries, grouped by what they act on: a group
// is a view of the one State (it holds the back-pointer), so that an
// action in any group records its undo step, marks the session changed
// and keeps its notice in one place (State.changed, History.record).

// Input is the input x: the drawing, MNIST digits, the photo, the camera,
// dropped images and .npy files, and the batch's samples (state.go's
// drawing actions, batch.go, camera.go, image.go, npy.go).
type Input struct{ s *State }

// Bank is layer 1's filter bank: its weights and biases, presets, learned
// filters, channels and groups (filters.go, channels.go, groups.go).
type Bank struct{ s *State }

// Layers is the network on screen beyond the one Conv2d: the layers after
// it (net.go, net_edit.go) and layer 1 as a ConvTranspose2d (transpose.go).
type Layers struct{ s *State }

// Teach is what the explain, channels and reach views show, computed by
// package teach on the session's tensors (explain.go, net_explain.go,
// reach.go, breakdown.go, never.go).
type Teach struct{ s *State }

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
type Trained struct{ s *State }
