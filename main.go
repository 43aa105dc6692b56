// Conv Playground: one entry point for the desktop app (`go run .`,
// `make desktop`) and the browser build (`make wasm`, GOOS=js GOARCH=wasm).
// What differs per platform is in main_desktop.go and main_js.go.
package main

import (
	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game"
)

func main() {
	g, err := game.New()
	if err == nil {
		ebiten.SetWindowTitle("Conv Playground")
		ebiten.SetWindowSize(1280, 720)
		ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
		err = run(g)
	}
	if err != nil {
		fail(err)
	}
}
