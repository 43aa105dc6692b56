package game

import (
	"image/color"

	"convplayground/game/state"
)

// The palette: warm paper, dark ink, one blue accent, red for errors.
var (
	colBg       = rgb(0xf6f4ee)
	colPanel    = rgb(0xffffff)
	colBorder   = rgb(0xddd7ca)
	colText     = rgb(0x22211f)
	colMuted    = rgb(0x6d685e)
	colButton   = rgb(0xebe6da)
	colButtonHi = rgb(0xdcd5c4)
	colAccent   = rgb(0x2a62a6)
	colError    = rgb(0xc0392b)
	colPadTap   = rgb(0xe08a1e)
	colWinTap   = rgb(0x2fa4ff)
)

func rgb(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// rdbu is ColorBrewer's RdBu (11 classes), from negative (blue) to positive
// (red): diverging, centred on white, safe for the common colour-vision
// deficiencies.
var rdbu = []uint32{0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
	0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f}

// Colormaps: a value t in [−1, 1] (already divided by the scale) to a colour.
// The choice lives in the state (a shared link carries it).
const (
	cmapDiverging = state.ColormapRdBu
	cmapGrey      = state.ColormapGrey
	numCmaps      = state.NumColormaps
)

var cmapNames = [numCmaps]string{"RdBu", "grey"}

// lut holds 256 entries per colormap, so filling the atlas is a lookup.
var lut = buildLUT()

func buildLUT() (l [numCmaps][256]color.RGBA) {
	for i := 0; i < 256; i++ {
		u := float64(i) / 255 // 0 = −1, 1 = +1
		pos := u * float64(len(rdbu)-1)
		j := min(int(pos), len(rdbu)-2)
		f := pos - float64(j)
		a, b := rgb(rdbu[j]), rgb(rdbu[j+1])
		mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-f) + float64(y)*f + 0.5) }
		l[cmapDiverging][i] = color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
		g := uint8(i)
		l[cmapGrey][i] = color.RGBA{g, g, g, 0xff}
	}
	return l
}

// cmap maps t (clamped to [−1, 1]) through colormap m; NaN (an overflowed
// map: hatched over, nonfinite.go) is the middle colour, not a crash.
func cmap(m int, t float32) color.RGBA {
	if t != t {
		t = 0
	}
	return lut[m][int((clamp(t, -1, 1)+1)*127.5)]
}

// clamp limits x to [lo, hi] (a NaN stays NaN) with comparisons: the min
// and max builtins are a runtime call each in wasm, and the colour loops
// clamp every pixel.
func clamp(x, lo, hi float32) float32 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// readableOn picks dark or light text for a background colour.
func readableOn(c color.RGBA) color.RGBA {
	if 0.299*float64(c.R)+0.587*float64(c.G)+0.114*float64(c.B) > 140 {
		return colText
	}
	return rgb(0xffffff)
}
