package game

import (
	"fmt"
	"image"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/game/state"
	"convplayground/i18n"
)

// batchPanel is the "batch" view of the maps column: N with its stepper,
// the one weight every sample goes through, a strip of the N input images
// (click one to see its maps), and the selected sample's maps.
type batchPanel struct {
	*view
	head, note rect
	nValue     rect
	thumbs     []rect // the samples
	maps       []rect // the selected sample's maps
	mapsHead   rect
	ctrls      []control
	strip      *ebiten.Image // the samples side by side, one WritePixels per change
	stripPix   []byte
	stripKey   [3]uint64 // state version, output version, N
}

const stripCols = 8 // samples a row

func (bp *batchPanel) layout(a *areas) []control {
	bp.ctrls, bp.thumbs, bp.maps = bp.ctrls[:0], bp.thumbs[:0], bp.maps[:0]
	if !bp.shownTab(tabBatch) {
		return nil
	}
	s, r := bp.st, a.maps
	bp.head = rect{r.X, r.Y, r.W, headH}
	y := r.Y + headH + 2
	minus := rect{r.X, y, stepW, rowH - 4}
	bp.nValue = rect{minus.right(), y, 70, rowH - 4}
	plus := rect{bp.nValue.right(), y, stepW, rowH - 4}
	bp.ctrls = append(bp.ctrls,
		control{name: "batch-", kind: kStep, r: minus, label: "-", press: func(float64, float64) { s.Step(state.SetBatch, -1) }},
		control{name: "batch+", kind: kStep, r: plus, label: "+", press: func(float64, float64) { s.Step(state.SetBatch, +1) }})
	bp.note = rect{plus.right() + 12, y, r.right() - plus.right() - 12, rowH - 4}
	y += rowH + 2
	if p := (painter{k: bp.k(), fonts: &bp.fonts}); p.width(s.Input.BatchView().SharedWeight(), regular, sizeBody) > bp.note.W {
		bp.note = rect{r.X, y - 4, r.W, 18} // its own line in a narrow column
		y += 16
	}
	cols, t := stripCols, 72.0
	if avail := r.bottom() - y; avail < 3*(t+20) { // a short column (a phone held sideways): the samples in one row, a third of it
		cols, t = max(1, s.Input.N()), avail/3-20
	}
	t = min(t, (r.W-float64(cols-1)*6)/float64(cols))
	for i := range s.Input.N() {
		tr := rect{r.X + float64(i%cols)*(t+6), y + float64(i/cols)*(t+20), t, t}
		bp.thumbs = append(bp.thumbs, tr)
		bp.ctrls = append(bp.ctrls, control{name: fmt.Sprintf("sample%d", i), kind: kArea, r: tr,
			press: func(float64, float64) { s.Input.SelectSample(i) }})
	}
	rows := (s.Input.N() + cols - 1) / cols
	y += float64(rows)*(t+20) + 4
	bp.mapsHead = rect{r.X, y, r.W, 18}
	n := 0
	if s.Out != nil {
		n = s.Out.Shape[1]
	}
	bp.maps = append(bp.maps, tileGrid(rect{r.X, y + 18, r.W, r.bottom() - y - 18}, n)...)
	for i, m := range bp.maps {
		bp.ctrls = append(bp.ctrls, control{name: fmt.Sprintf("bmap%d", i), kind: kArea, r: m, press: func(float64, float64) { bp.selectFilter(i) }})
	}
	return bp.ctrls
}

func (bp *batchPanel) draw(p painter) {
	if !bp.shownTab(tabBatch) {
		return
	}
	s, b := bp.st, bp.st.Input.BatchView()
	heading(p, bp.head, p.fitFirst(bp.batchHeads(b), bp.head.W, bold, sizeHead))
	p.textIn(fmt.Sprintf("N = %d", b.N), bp.nValue, mono, sizeMono+1, colText, center)
	p.textIn(p.fit(b.SharedWeight(), bp.note.W, regular, sizeBody), bp.note, regular, sizeBody, colText, left)
	bp.drawButtons(p, bp.ctrls)
	bp.refreshStrip()
	w, h := s.W(), s.H()
	for i, r := range bp.thumbs {
		img := bp.strip.SubImage(image.Rect(i*w, 0, (i+1)*w, h)).(*ebiten.Image)
		p.image(img, r.fit(float64(w)/float64(h)), 1)
		if i == b.Selected {
			p.stroke(r.inset(-2), 2, colAccent)
		}
		p.text(p.fitFirst([]string{bp.sampleCaption(i, b.Samples[i]), strconv.Itoa(i)}, r.W, regular, sizeSmall), r.X, r.bottom()+2, regular, sizeSmall, colMuted, left) // the source is on pointing
	}
	mh, c := []string{bp.tf(i18n.BatchMapsOf, b.Selected, b.Selected),
		bp.tf(i18n.BatchMapsOfShort, b.Selected, b.Selected)}, colMuted
	if s.Err != nil { // the message in full is in the shapes panel
		mh, c = []string{bp.tf(i18n.BatchRejected, s.Err.Error()), bp.t(i18n.BatchRejectedShort)}, colError
	}
	p.text(p.fitFirst(mh, bp.mapsHead.W, regular, sizeSmall), bp.mapsHead.X, bp.mapsHead.Y, regular, sizeSmall, c, left)
	alpha := float32(1)
	if s.Stale() {
		alpha = 0.3
	}
	for i, r := range bp.maps {
		p.image(bp.mapImage(i), r, alpha)
		if i == bp.st.Filter {
			p.stroke(r.inset(-2), 2, colAccent)
		}
	}
}

// batchHeads are the tab's heading, longest first: a phone's column
// drops "Batch", then the output.
func (bp *batchPanel) batchHeads(b state.BatchInfo) []string {
	x := conv.FormatShape(b.Input)
	if b.Output == nil {
		return []string{bp.tf(i18n.BatchHeadInput, x), "x " + x}
	}
	y := conv.FormatShape(b.Output)
	return []string{bp.tf(i18n.BatchHead, x, y), "x " + x + " → y " + y, bp.tf(i18n.BatchHeadInput, x)}
}

// sampleCaption names a sample under its thumbnail: its index and label.
func (bp *batchPanel) sampleCaption(i int, si state.SampleInfo) string {
	switch {
	case si.Label >= 0:
		return bp.tf(i18n.BatchCaption, i, si.Label)
	case i == 0:
		return "0: " + si.Source
	}
	return fmt.Sprint(i)
}

// hoverAt says where the sample under the pointer comes from.
func (bp *batchPanel) hoverAt(x, y float64, h *hoverInfo) {
	for i, r := range bp.thumbs {
		if r.has(x, y) {
			h.text = fmt.Sprintf("x[%d]: %s", i, bp.st.Input.BatchView().Samples[i].Source)
		}
	}
}

// refreshStrip draws the N samples side by side into the strip image when
// the batch changed, as the layer sees them (the canvas's grey, or RGB).
func (bp *batchPanel) refreshStrip() {
	s := bp.st
	n, c, h, w := s.Input.N(), s.C(), s.H(), s.W()
	key := [3]uint64{s.Version, s.OutVersion, uint64(n)}
	if bp.strip != nil && key == bp.stripKey && bp.strip.Bounds().Dx() >= state.MaxBatch*w && bp.strip.Bounds().Dy() >= h {
		return
	}
	bp.stripKey = key
	if bp.strip == nil || bp.strip.Bounds().Dx() < state.MaxBatch*w || bp.strip.Bounds().Dy() < h {
		if bp.strip != nil {
			bp.strip.Deallocate()
		}
		bp.strip = ebiten.NewImage(state.MaxBatch*w, h)
		bp.stripPix = make([]byte, 4*state.MaxBatch*w*h)
	}
	lo, hi := float32(0), float32(1)
	if s.Normalize {
		lo = -1
	}
	sw := bp.strip.Bounds().Dx()
	for i := range n {
		for y := range h {
			for x := range w {
				o := 4 * (y*sw + i*w + x)
				for k := range 3 {
					v := (s.Input.SampleValue(i, min(k, c-1), y, x) - lo) / (hi - lo)
					bp.stripPix[o+k] = uint8(clamp(v, 0, 1)*255 + 0.5)
				}
				bp.stripPix[o+3] = 255
			}
		}
	}
	bp.strip.WritePixels(bp.stripPix)
}
