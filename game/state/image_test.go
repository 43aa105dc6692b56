package state

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"testing"

	"convplayground/conv"
)

func pngBytes(t *testing.T, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLoadImage(t *testing.T) {
	// 100x50: red left half, blue right half, kept at its size (its long
	// side is under MaxPhotoSide).
	img := image.NewRGBA(image.Rect(0, 0, 100, 50))
	for y := 0; y < 50; y++ {
		for x := 0; x < 100; x++ {
			c := color.RGBA{255, 0, 0, 255}
			if x >= 50 {
				c = color.RGBA{0, 0, 255, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	s := fresh(t)
	if err := s.Input.LoadImage("halves.png", pngBytes(t, img)); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	if !s.Photo || conv.FormatShape(s.Out.Shape) != "[1, 8, 50, 100]" || s.PhotoName != "halves.png" {
		t.Fatalf("photo %v, output %v", s.Photo, s.Out.Shape)
	}
	r, b := s.InputValue(0, 30, 5), s.InputValue(2, 30, 5)
	r2, b2 := s.InputValue(0, 30, 60), s.InputValue(2, 30, 60)
	if r != 1 || b != 0 || r2 != 0 || b2 != 1 {
		t.Errorf("left (r %v, b %v), right (r %v, b %v): want red then blue", r, b, r2, b2)
	}
}

// A big photo keeps MaxPhotoSide pixels on its long side, its aspect
// kept: 1024x512 of 4x4 blocks becomes 256x128, each pixel one block.
func TestLoadBigImage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 1024, 512))
	for y := 0; y < 512; y++ {
		for x := 0; x < 1024; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x / 4), uint8(y / 4), uint8((x/4 + y/4) % 256), 255})
		}
	}
	s := fresh(t)
	if err := s.Input.LoadImage("big.png", pngBytes(t, img)); err != nil {
		t.Fatal(err)
	}
	s.Recompute()
	if got := conv.FormatShape(s.InputShape()); got != "[1, 3, 128, 256]" {
		t.Fatalf("input %s, want [1, 3, 128, 256]", got)
	}
	for _, p := range [][2]int{{0, 0}, {5, 200}, {127, 255}, {64, 17}} {
		y, x := p[0], p[1]
		for c, want := range []int{x, y, (x + y) % 256} {
			if got := int(s.InputValue(c, y, x)*255 + 0.5); got != want {
				t.Errorf("pixel (%d, %d) channel %d: %d, want %d", y, x, c, got, want)
			}
		}
	}
	if !slices.Equal(s.Out.Shape, []int{1, 8, 128, 256}) {
		t.Errorf("output %v, want the maps at the photo's size", s.Out.Shape)
	}
}

// Bad files: a message, nothing changed.
func TestLoadImageRefusals(t *testing.T) {
	small := pngBytes(t, image.NewGray(image.Rect(0, 0, 4, 4)))
	// The same PNG whose header claims 5000x4 pixels (with a valid CRC).
	huge := append([]byte(nil), small...)
	binary.BigEndian.PutUint32(huge[16:], 5000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"notes.txt", []byte("just some text"), "not an image this playground reads"},
		{"huge.png", huge, "5000x4 pixels is outside"},
		{"cut.png", small[:len(small)-20], "broken png file"},
		{"empty.png", nil, "not an image"},
	} {
		s := fresh(t)
		v := s.Version
		err := s.Input.LoadImage(c.name, c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(s.Notice, c.want) {
			t.Errorf("%s: error %v, notice %q, want %q", c.name, err, s.Notice, c.want)
		}
		if s.Photo || s.Version != v {
			t.Errorf("%s: the state changed", c.name)
		}
	}
}
