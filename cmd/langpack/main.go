// Command langpack writes the Korean language pack that the browser
// fetches when Korean is first shown (package i18n's pack.go): the
// message table's Korean column and the Korean font (package hangul's
// File, from `make fonts`). `make wasm` runs it into wasm/ko.bin:
//
//	go run ./cmd/langpack -o wasm/ko.bin
//
// The desktop app needs no pack: it compiles the column in and embeds
// the font (assets.Hangul).
package main

import (
	"flag"
	"fmt"
	"os"

	"convplayground/i18n"
	"convplayground/i18n/hangul"
)

func main() {
	out := flag.String("o", "wasm/ko.bin", "the pack's `file`")
	font := flag.String("font", hangul.File, "the Korean font's `file`")
	flag.Parse()
	if err := write(*out, *font); err != nil {
		fmt.Fprintln(os.Stderr, "langpack:", err)
		os.Exit(1)
	}
}

// write packs the font at fontFile with the Korean column into out,
// after checking that the font is the Korean one.
func write(out, fontFile string) error {
	font, err := os.ReadFile(fontFile)
	if err != nil {
		return err
	}
	if _, err := hangul.Parse(font); err != nil {
		return fmt.Errorf("%s: %v", fontFile, err)
	}
	b, err := i18n.Pack(font)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
