//go:build js

package main

import (
	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game"
	"convplayground/wasm"
)

// run installs window.convPlayground and runs the game in the page's canvas.
func run(g *game.Game) error {
	wasm.Install(g, &g.Files)
	wasm.Share(g)
	wasm.Language(g)
	wasm.Export(g)
	wasm.NetEditor(g)
	wasm.Camera(g)
	wasm.Train(g)
	wasm.OpenFile(g)
	return ebiten.RunGame(wasm.Ready(g))
}

// fail shows the error on the page (the loader turns into a message).
func fail(err error) { wasm.Fail(err) }
