//go:build !js

package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"log"
	"os"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game"
	"convplayground/i18n"
)

// run starts the window. With -screenshot it instead draws -frames frames,
// writes the last one as PNG and exits: the desktop smoke test uses it, and it
// makes README screenshots.
func run(g *game.Game) error {
	shot := flag.String("screenshot", "", "write the window's `png` after -frames frames and exit")
	frames := flag.Int("frames", 30, "frames to draw before -screenshot")
	code := flag.String("state", "", "start from a shared link `code` (the part after # in a link)")
	net := flag.String("net", "", "start with the network in `file` (nn.Sequential(...) text, '-' for stdin); the strip's text button prints it")
	model := flag.String("model", "", "open a model `file` (.pt, .pth, .safetensors, .npz) in the model view")
	lessonStep := flag.Int("lesson", 0, "open the lesson's card on `step` 1..10 (its state set)")
	flag.Parse()
	g.Lang.SetLanguage(i18n.FromLANG(os.Getenv("LANG"))) // the same switch in the header
	g.StartLesson(*lessonStep-1, *lessonStep > 0, *lessonStep > 0)
	if *model != "" {
		g.Files.OpenModelFile(*model)
	}
	if *code != "" {
		if err := g.LoadState(*code); err != nil { // the window shows it too
			fmt.Fprintln(os.Stderr, err)
		}
	}
	if err := loadNet(g, *net); err != nil {
		return err
	}
	g.OnShare = func(code string) string { // no clipboard in Ebiten: print it
		fmt.Printf("conv-playground -state %s\n", code)
		return "Printed"
	}
	exportToFiles(g)
	trainLocally(g)
	if *shot == "" {
		return ebiten.RunGame(g)
	}
	if *frames < 1 {
		return fmt.Errorf("-frames must be at least 1, got %d", *frames)
	}
	c := &capture{Game: g, left: *frames}
	if err := ebiten.RunGame(c); err != nil && !errors.Is(err, ebiten.Termination) {
		return err
	}
	if c.img == nil {
		return errors.New("no frame was drawn")
	}
	return writePNG(*shot, c.img)
}

// capture draws the game and keeps a copy of the screen after the last frame.
type capture struct {
	*game.Game
	left int
	img  *image.RGBA
}

func (c *capture) Update() error {
	if c.img != nil {
		return ebiten.Termination
	}
	return c.Game.Update()
}

func (c *capture) Draw(screen *ebiten.Image) {
	c.Game.Draw(screen)
	if c.left--; c.left == 0 {
		img := image.NewRGBA(screen.Bounds())
		screen.ReadPixels(img.Pix)
		c.img = img
	}
}

func writePNG(name string, img image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func fail(err error) { log.Fatal(err) }
