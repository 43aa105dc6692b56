package picture

import (
	"image"
	"image/draw"
	"math"

	"convplayground/nn"
)

// ResizeRGB returns the part b of img composited over white and
// resampled to w×h, as CHW values byte/255 (ToTensor of the resized image). Each output pixel
// is the mean of the source area it covers, edge pixels counted by the
// fraction they overlap (nn.BoxTaps, the filter that also frames drawn
// digits): the right filter for shrinking a photo many times (an enlarged
// one shows its pixels as blocks). Why not golang.org/x/image/draw's
// scalers: they add 16 KB (brotli) to the browser build.
func ResizeRGB(img image.Image, b image.Rectangle, w, h int) []float32 {
	xtaps, ytaps := nn.BoxTaps(b.Dx(), w), nn.BoxTaps(b.Dy(), h)
	rows := 0
	for _, t := range ytaps {
		rows = max(rows, len(t))
	}
	// The source rows of one output row at a time, converted to RGBA over
	// white by image/draw (fast paths for the decoders' image types).
	band := image.NewRGBA(image.Rect(0, 0, b.Dx(), rows))
	out := make([]float32, 3*w*h)
	for y, ty := range ytaps {
		r := image.Rect(0, 0, b.Dx(), len(ty))
		draw.Draw(band, r, image.White, image.Point{}, draw.Src)
		draw.Draw(band, r, img, b.Min.Add(image.Pt(0, ty[0].I)), draw.Over)
		for x, tx := range xtaps {
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
				out[(c*h+y)*w+x] = float32(min(255, math.Round(v))) / 255
			}
		}
	}
	return out
}
