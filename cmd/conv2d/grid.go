package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"convplayground/conv"
)

// Layout of the feature-map grid: one row per batch item, one tile per
// output channel, each tile labelled "n0 c3". Small maps are enlarged by
// an integer factor (nearest neighbour) so that a 28×28 map stays legible.
const (
	gridCols  = 8   // tiles per grid row before wrapping
	gridMaps  = 256 // maps drawn at most
	tileMin   = 96  // small maps are scaled up to about this many pixels
	labelH    = 16  // label band above each tile
	gridGap   = 6   // space between tiles
	gridLimit = 1 << 26
)

// encodeGrid draws every feature map of y [N,C,H,W] with one diverging
// colour scale for all of them (blue negative, white zero, red positive, at
// ±max|y|) so maps can be compared, and encodes it as a PNG.
func encodeGrid(y *conv.Tensor) ([]byte, error) {
	n, c, h, w := y.Shape[0], y.Shape[1], y.Shape[2], y.Shape[3]
	maps := min(n*c, gridMaps)
	if maps == 0 {
		return nil, fmt.Errorf("-png: the output %s has no feature maps to draw", conv.FormatShape(y.Shape))
	}
	scale := max(1, tileMin/max(h, w))
	th, tw := h*scale, max(w*scale, 7*6) // room for the label
	cols := min(c, gridCols)
	rows := 0
	for bi := 0; bi < n && bi*c < maps; bi++ {
		rows += (min(c, maps-bi*c) + cols - 1) / cols
	}
	W, H := gridGap+cols*(tw+gridGap), gridGap+rows*(th+labelH+gridGap)
	if int64(W)*int64(H) > gridLimit {
		return nil, fmt.Errorf("-png: a %d×%d grid is too large to draw", W, H)
	}
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{40, 40, 40, 255}), image.Point{}, draw.Src)
	// The scale spans the finite values, as the playground's does (an
	// overflowed sum would make it infinite); none finite: no scale.
	_, lo, hi := conv.FiniteRange(y.Data)
	if lo > hi {
		lo, hi = 0, 0
	}
	amp := max(float32(math.Abs(float64(lo))), float32(math.Abs(float64(hi))))
	d := font.Drawer{Dst: img, Src: image.White, Face: basicfont.Face7x13}
	row := 0
	for bi := 0; bi < n && bi*c < maps; bi++ {
		for ci := 0; ci < c && bi*c+ci < maps; ci++ {
			if ci > 0 && ci%cols == 0 {
				row++
			}
			x0 := gridGap + (ci%cols)*(tw+gridGap)
			y0 := gridGap + row*(th+labelH+gridGap)
			d.Dot = fixed.P(x0, y0+labelH-4)
			d.DrawString(fmt.Sprintf("n%d c%d", bi, ci))
			plane := y.Plane(bi, ci)
			for py := 0; py < th; py++ {
				for px := 0; px < w*scale; px++ {
					img.SetRGBA(x0+px, y0+labelH+py, diverging(plane[(py/scale)*w+px/scale], amp))
				}
			}
		}
		row++
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// diverging maps v in [−amp, amp] to blue–white–red.
func diverging(v, amp float32) color.RGBA {
	t := float32(0)
	if amp > 0 {
		t = max(-1, min(1, v/amp))
	}
	fade := func(t float32) uint8 { return uint8(255 * (1 - t)) }
	if t >= 0 {
		return color.RGBA{255, fade(t), fade(t), 255}
	}
	return color.RGBA{fade(-t), fade(-t), 255, 255}
}
