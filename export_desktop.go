//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"

	"convplayground/game"
	"convplayground/i18n"
)

// codeFile is where "Copy code" writes the layer on the desktop (there is
// no clipboard in Ebiten), in the working directory, as the .npy files are.
const codeFile = "conv_layer.py"

// exportToFiles sets the desktop's export hooks: the code is printed to
// stdout and written to codeFile; each .npy is a file of its name.
func exportToFiles(g *game.Game) {
	g.OnCopyCode = func(code string) string {
		fmt.Print(code)
		if err := os.WriteFile(codeFile, []byte(code), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return g.Lang.Language().T(i18n.DesktopPrintFail)
		}
		fmt.Fprintln(os.Stderr, "conv-playground: the code is also in", abs(codeFile))
		return g.Lang.Language().T(i18n.DesktopPrintSaved)
	}
	g.OnSave = func(name string, data []byte) string {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return g.Lang.Language().T(i18n.DesktopNotSaved)
		}
		fmt.Fprintln(os.Stderr, "conv-playground: saved", abs(name))
		return g.Lang.Language().T(i18n.DesktopSaved)
	}
}

// abs is name's absolute path, or name when there is none.
func abs(name string) string {
	if p, err := filepath.Abs(name); err == nil {
		return p
	}
	return name
}
