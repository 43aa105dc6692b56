//go:build !js

package main

import (
	"os"
	"testing"

	"convplayground/game"
	"convplayground/i18n"
)

// The desktop's export hooks write what they say they wrote: the code to
// conv_layer.py and each .npy to its name, in the working directory.
func TestDesktopExport(t *testing.T) {
	t.Chdir(t.TempDir())
	g, err := game.New() // its language: the notes are in it
	if err != nil {
		t.Skip("no game without a display: ", err)
	}
	exportToFiles(g)
	code := "import torch\nprint(1)\n"
	if note := g.OnCopyCode(code); note != "Printed + saved" {
		t.Errorf("Copy code says %q", note)
	}
	if b, err := os.ReadFile(codeFile); err != nil || string(b) != code {
		t.Errorf("%s: %q, %v", codeFile, b, err)
	}
	data := []byte("\x93NUMPY\x01\x00")
	if note := g.OnSave("conv_bias.npy", data); note != "Saved" {
		t.Errorf("Save says %q", note)
	}
	if b, err := os.ReadFile("conv_bias.npy"); err != nil || string(b) != string(data) {
		t.Errorf("conv_bias.npy: %q, %v", b, err)
	}
	g.Lang.SetLanguage(i18n.KO) // the desktop has the Korean texts compiled in
	if note := g.OnSave("conv_bias.npy", data); note != "저장함" {
		t.Errorf("Save in Korean says %q", note)
	}
}
