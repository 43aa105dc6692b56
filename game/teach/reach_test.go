package teach

import (
	"math/rand/v2"
	"slices"
	"testing"

	"convplayground/conv"
)

// read is one tap of one window of one map, from conv.Geometry.Window:
// the input channel and pixel index SrcY·W+SrcX it reads (−1 for
// nothing), and whether it landed inside the input.
type read struct {
	m, oy, ox, c, ky, kx int
	in, pixel            int
	inside               bool
}

// bruteReads lists every tap of every window of every map.
func bruteReads(t *testing.T, g conv.Geometry) []read {
	var rs []read
	cpg, opg := g.Weight[1], g.Output[1]/g.Conv.Groups
	for oy := 0; oy < g.Output[2]; oy++ {
		for ox := 0; ox < g.Output[3]; ox++ {
			win, err := g.Window(oy, ox)
			if err != nil {
				t.Fatal(err)
			}
			for m := 0; m < g.Output[1]; m++ {
				for c := 0; c < cpg; c++ {
					for _, tap := range win.Taps {
						p := -1
						if tap.SrcY >= 0 {
							p = tap.SrcY*g.Input[3] + tap.SrcX
						}
						rs = append(rs, read{m, oy, ox, c, tap.KY, tap.KX, m/opg*cpg + c, p, !tap.InPadding})
					}
				}
			}
		}
	}
	return rs
}

// Both directions of weight sharing equal a brute-force enumeration of
// every tap of every window, per padding mode, with groups and strides
// and dilations that skip pixels.
func TestSharingBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, mode := range modes {
		for trial := 0; trial < 5; trial++ {
			c, x := randomSetting(r, mode)
			g, _ := c.Geometry(x.Shape)
			rs := bruteReads(t, g)
			h, w := g.Input[2], g.Input[3]
			var wr WeightReach
			for m := 0; m < g.Weight[0]; m++ {
				for ci := 0; ci < g.Weight[1]; ci++ {
					for ky := 0; ky < g.Weight[2]; ky++ {
						for kx := 0; kx < g.Weight[3]; kx++ {
							if err := wr.Compute(g, m, ci, ky, kx); err != nil {
								t.Fatal(err)
							}
							want, inside, outs := make([]bool, h*w), 0, 0
							for _, rd := range rs {
								if rd.m == m && rd.c == ci && rd.ky == ky && rd.kx == kx {
									outs++
									if rd.inside {
										inside++
									}
									if rd.pixel >= 0 {
										want[rd.pixel] = true
									}
									if rd.in != wr.InChannel {
										t.Fatalf("%+v: input channel %d, want %d", c, wr.InChannel, rd.in)
									}
								}
							}
							if !slices.Equal(wr.Pixels, want) || wr.Count != count(want) || wr.Outputs != outs || wr.Inside != inside || wr.Padding != outs-inside {
								t.Fatalf("%+v weight (%d,%d,%d,%d): %+v; want %d outputs, %d inside, %d pixels",
									c, m, ci, ky, kx, wr, outs, inside, count(want))
							}
						}
					}
				}
			}
			var pr PixelReach
			for in := 0; in < g.Input[1]; in++ {
				for p := 0; p < h*w; p++ {
					if err := pr.Compute(g, in, p/w, p%w); err != nil {
						t.Fatal(err)
					}
					cells := map[[3]int]bool{}
					for _, rd := range rs {
						if rd.in == in && rd.pixel == p {
							cells[[3]int{rd.m, rd.oy, rd.ox}] = true
						}
					}
					got := 0
					for m := pr.MapFrom; m < pr.MapTo; m++ {
						for i, on := range pr.Cells {
							if on {
								got++
								if !cells[[3]int{m, i / pr.Wout, i % pr.Wout}] {
									t.Fatalf("%+v pixel (%d,%d,%d): cell %d of map %d does not read it", c, in, p/w, p%w, i, m)
								}
							}
						}
					}
					if got != len(cells) || pr.Count != got || pr.PerMap*(pr.MapTo-pr.MapFrom) != got {
						t.Fatalf("%+v pixel (%d,%d,%d): %d cells (count %d), brute force %d", c, in, p/w, p%w, got, pr.Count, len(cells))
					}
				}
			}
		}
	}
}

func count(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}
