package state

import (
	"image"
	"image/draw"
	"math"

	"convplayground/nn"
)

// squareRGB returns the square sq of img, composited over white and
// resampled to n×n, as CHW values byte/255 (ToTensor of the resized
// image). Each output pixel is the mean of the source area it covers, edge
// pixels counted by the fraction they overlap (nn.BoxTaps, the filter that
// also frames drawn digits): the right filter for shrinking a photo up to
// 64 times (an enlarged one shows its pixels as blocks). Why not
// golang.org/x/image/draw's scalers: they add 16 KB (brotli) to the
// browser build.
func squareRGB(img image.Image, sq image.Rectangle, n int) []float32 {
	side := sq.Dx()
	taps := nn.BoxTaps(side, n)
	rows := 0
	for _, t := range taps {
		rows = max(rows, len(t))
	}
	// The source rows of one output row at a time, converted to RGBA over
	// white by image/draw (fast paths for the decoders' image types).
	band := image.NewRGBA(image.Rect(0, 0, side, rows))
	out := make([]float32, 3*n*n)
	for y, ty := range taps {
		r := image.Rect(0, 0, side, len(ty))
		draw.Draw(band, r, image.White, image.Point{}, draw.Src)
		draw.Draw(band, r, img, sq.Min.Add(image.Pt(0, ty[0].I)), draw.Over)
		for x, tx := range taps {
			var acc [3]float64
			for j, wy := range ty {
				for _, wx := range tx {
					px := band.Pix[band.PixOffset(wx.I, j):]
					w := wy.W * wx.W
					acc[0] += w * float64(px[0])
					acc[1] += w * float64(px[1])
					acc[2] += w * float64(px[2])
				}
			}
			for c, v := range acc {
				out[(c*n+y)*n+x] = float32(min(255, math.Round(v))) / 255
			}
		}
	}
	return out
}
