package state

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Without gaps (dilation 1, stride ≤ kernel) and with zero padding, the
// rows never read are the floor's leftovers: those past the last window's
// end (Hout−1)·s + (k−1) − pad on the input, with Hout from the formula.
func TestNeverReadFloor(t *testing.T) {
	for k := 1; k <= 5; k++ {
		for stride := 1; stride <= min(k, 4); stride++ {
			for pad := 0; pad < k; pad++ {
				h, w := 23, 17
				s := withInput(t, h, w, func(t *Settings) { t.Kernel, t.Stride, t.Padding = k, stride, pad })
				rows, cols := s.Teach.NeverRead()
				if want := leftovers(h, k, stride, pad); !slices.Equal(rows, want) {
					t.Errorf("k=%d s=%d p=%d: rows %v, floor %v", k, stride, pad, rows, want)
				}
				if want := leftovers(w, k, stride, pad); !slices.Equal(cols, want) {
					t.Errorf("k=%d s=%d p=%d: cols %v, floor %v", k, stride, pad, cols, want)
				}
			}
		}
	}
}

func leftovers(n, k, s, p int) []int {
	out := (n+2*p-(k-1)-1)/s + 1
	var l []int
	for i := (out-1)*s + (k - 1) - p + 1; i < n; i++ {
		l = append(l, i)
	}
	return l
}

// k=1, stride 2 reads every other row; the odd height's last even row is
// read, so the odd ones are all that is left.
func TestNeverReadStrideGaps(t *testing.T) {
	s := withInput(t, 9, 8, func(t *Settings) { t.Kernel, t.Stride, t.Padding = 1, 2, 0 })
	rows, cols := s.Teach.NeverRead()
	if !slices.Equal(rows, []int{1, 3, 5, 7}) || !slices.Equal(cols, []int{1, 3, 5, 7}) {
		t.Errorf("k=1 s=2 on 9×8: rows %v cols %v", rows, cols)
	}
}

// Every setting, every mode: a pixel is never read exactly when its row
// or column is listed (brute force over conv's windows, reads through
// padding copies counted).
func TestNeverReadBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, mode := range Modes {
		for trial := 0; trial < 40; trial++ {
			h, w := 4+r.IntN(10), 4+r.IntN(10)
			st := Settings{OutChannels: 1, Kernel: 1 + r.IntN(4), Stride: 1 + r.IntN(4), Padding: r.IntN(3),
				Dilation: 1 + r.IntN(3), PaddingMode: mode}
			s := New()
			s.Input.setPhotoData("t.npy", make([]float32, h*w), [3]int{1, h, w})
			s.apply(st)
			if s.Recompute(); s.Err != nil {
				continue
			}
			read := make([]bool, h*w) // every tap of every window, by conv's windows
			for oy := 0; oy < s.Geom.Output[2]; oy++ {
				for ox := 0; ox < s.Geom.Output[3]; ox++ {
					win, err := s.Geom.Window(oy, ox)
					if err != nil {
						t.Fatal(err)
					}
					for _, tap := range win.Taps {
						if tap.SrcY >= 0 {
							read[tap.SrcY*w+tap.SrcX] = true
						}
					}
				}
			}
			rows, cols := s.Teach.NeverRead()
			for p, rd := range read {
				if listed := slices.Contains(rows, p/w) || slices.Contains(cols, p%w); listed == rd {
					t.Fatalf("%+v on %d×%d: pixel (%d, %d) read %v, rows %v cols %v", st, h, w, p/w, p%w, rd, rows, cols)
				}
			}
		}
	}
}
