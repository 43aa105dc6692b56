package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"convplayground/i18n"
	"convplayground/i18n/hangul"
)

// The written pack loads: the Korean column this build has, the font
// as make fonts wrote it, which package hangul parses.
func TestWrite(t *testing.T) {
	font := filepath.Join("..", "..", hangul.File)
	out := filepath.Join(t.TempDir(), "ko.bin")
	if err := write(out, font); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(font)
	if err != nil {
		t.Fatal(err)
	}
	before := i18n.KO.T(i18n.InputPen)
	got, err := i18n.LoadPack(b)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("LoadPack: %d font bytes (want %d), %v", len(got), len(want), err)
	}
	if _, err := hangul.Parse(got); err != nil {
		t.Error(err)
	}
	if i18n.KO.T(i18n.InputPen) != before || before != "펜" {
		t.Errorf("Pen in Korean: %q after loading, %q before", i18n.KO.T(i18n.InputPen), before)
	}
	t.Logf("pack: %d bytes, of which the font %d", len(b), len(want))
}

// Another font (Go Regular) is not packed as the Korean one.
func TestWriteRefusesOtherFont(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ko.bin")
	if err := write(out, filepath.Join("..", "..", "assets", "fonts", "Go-Regular.ttf")); err == nil {
		t.Error("packed Go Regular as the Korean font")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("wrote a pack anyway")
	}
}
