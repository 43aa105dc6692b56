//go:build !js

package main

import (
	"fmt"
	"io"
	"os"

	"convplayground/game"
)

// loadNet applies the network text in file ("" for none, "-" for stdin)
// and prints it; the strip's "text" button prints the network then too
// (the desktop has no text box: edit the file and start again).
func loadNet(g *game.Game, file string) error {
	g.OnEditNet = func(text string) { fmt.Println(text) }
	if file == "" {
		return nil
	}
	var b []byte
	var err error
	if file == "-" {
		b, err = io.ReadAll(io.LimitReader(os.Stdin, 1<<20))
	} else {
		b, err = os.ReadFile(file)
	}
	if err != nil {
		return fmt.Errorf("-net: %v", err)
	}
	if err := g.ApplyNet(string(b)); err != nil {
		return fmt.Errorf("-net %s: %v", file, err)
	}
	g.OnEditNet(string(b))
	return nil
}
