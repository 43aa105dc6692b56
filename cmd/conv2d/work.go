package main

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"convplayground/conv"
)

// defaultMaxMACs is the work one call may do unless -max-macs raises it:
// seconds on a laptop (a 4096x4096 input with a 1024x1024 kernel would be
// hours).
const defaultMaxMACs = 2e10

// chunkMACs is about how much work one Forward call does, so progress
// moves every few tens of milliseconds; the smallest chunk is one output
// channel of one batch item.
const chunkMACs = 1 << 27

// progressAfter is how long a call runs before progress goes to stderr.
var progressAfter = time.Second

// checkWork refuses a call above the limit before anything is allocated.
func checkWork(g conv.Geometry, limit float64) error {
	if float64(g.MACs) > limit {
		return usageError{fmt.Errorf("this convolution needs %s multiply-adds, above the limit of %g: raise it with -max-macs %d",
			commas(g.MACs), limit, g.MACs)}
	}
	return nil
}

// forward is conv.Forward in chunks (each batch item, and blocks of output
// channels when groups is 1; every output element is computed the same way
// however the work is split), reporting progress on stderr for long calls.
func forward(c conv.Conv2d, g conv.Geometry, x, w, b *conv.Tensor, stderr io.Writer) (*conv.Tensor, error) {
	y, err := conv.NewTensor(g.Output...)
	if err != nil {
		return nil, err
	}
	n, cout, plane := g.Output[0], g.Output[1], g.Output[2]*g.Output[3]
	item, perOut := conv.Numel(g.Input[1:]), conv.Numel(w.Shape[1:])
	block := cout
	if c.Groups == 1 && n*cout > 0 {
		block = int(min(int64(cout), max(1, chunkMACs/(g.MACs/int64(n*cout)+1))))
	}
	p := progress{w: stderr, total: g.MACs, start: time.Now()}
	for i := 0; i < n; i++ {
		xi := conv.FromData(x.Data[i*item:(i+1)*item], append([]int{1}, g.Input[1:]...)...)
		for o := 0; o < cout; o += block {
			cc := c
			cc.OutChannels = min(block, cout-o)
			wi := conv.FromData(w.Data[o*perOut:(o+cc.OutChannels)*perOut], append([]int{cc.OutChannels}, w.Shape[1:]...)...)
			var bi *conv.Tensor
			if b != nil {
				bi = conv.FromData(b.Data[o:o+cc.OutChannels], cc.OutChannels)
			}
			yi, err := conv.Forward(cc, xi, wi, bi)
			if err != nil {
				return nil, err
			}
			copy(y.Data[(i*cout+o)*plane:], yi.Data)
			p.add(g.MACs / int64(n*cout) * int64(cc.OutChannels))
		}
	}
	return y, nil
}

// progress prints how much of a call is done, once a second after the
// first second, and when it ends.
type progress struct {
	w           io.Writer
	total, done int64
	start, last time.Time
}

func (p *progress) add(macs int64) {
	p.done += macs
	now := time.Now()
	end := p.done >= p.total
	if now.Sub(p.start) < progressAfter || (!end && now.Sub(p.last) < time.Second) {
		return
	}
	p.last = now
	pct := 100.0
	if !end {
		pct = 100 * float64(p.done) / float64(p.total)
	}
	fmt.Fprintf(p.w, "conv2d: %.0f%% of %s multiply-adds, %.1f s\n", pct, commas(p.total), now.Sub(p.start).Seconds())
}

// commas writes 360000 as 360,000.
func commas(v int64) string {
	s := strconv.FormatInt(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
