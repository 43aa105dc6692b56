//go:build !js

package main

import (
	_ "embed"

	"convplayground/game"
	"convplayground/game/training"
)

// mnistData is the MNIST subset training reads (nn/mnistdata's format),
// embedded in the desktop app only: the browser fetches it when the
// learner first presses Train, so it is not in main.wasm.
//
//go:embed assets/mnist12k.bin.gz
var mnistData []byte

// trainLocally trains in a goroutine of the app (the browser uses a Web Worker).
func trainLocally(g *game.Game) {
	s := g.Training()
	s.Backend = training.NewLocal(s.Post, func() ([]byte, error) { return mnistData, nil })
}
