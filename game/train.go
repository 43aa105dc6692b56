package game

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/conv"
	"convplayground/game/training"
	"convplayground/i18n"
	"convplayground/livetrain"
	"convplayground/nn"
)

// trainPanel is the "train" view of the maps column: the LeNet whose conv1
// is the layer on screen learns MNIST (package game/training has the
// session; a backend trains off the frame). Train / Pause / Reset, the
// optimizer, learning rate and batch size, the smoothed loss and the test
// accuracy as curves, the numbers, and conv1's filter history (steps 0,
// 50, 200, 1000 and now), scrubbed by pressing or dragging along it. The
// filter bank and the maps follow the weights live (trainTick).
type trainPanel struct {
	*view
	g                                            *Game  // its OnSave saves the weights
	saved                                        string // what the last Save .npz did
	pending                                      bool   // weights came that the network on screen has not yet
	applied                                      uint64 // the tick they last went in
	shown                                        uint64 // the session's Version its drawing shows (trainTick)
	head, status, note, loss, acc, histHead, big rect
	lrValue, batchValue                          rect
	hist                                         []rect // the filter history: the snapshots, then now
	ctrls                                        []control
	pick                                         int // the chosen history item; −1: the last (now)
	imgs                                         []filterImage
}

// filterImage is conv1's filters drawn side by side for a weight tensor.
type filterImage struct {
	w   *conv.Tensor // what it shows (a snapshot's, or the latest weights')
	img *ebiten.Image
}

func (t *trainPanel) layout(a *areas) []control {
	t.ctrls, t.hist = t.ctrls[:0], t.hist[:0]
	if !t.shownTab(tabTrain) {
		return nil
	}
	s, r := t.train, a.maps
	t.head = rect{r.X, r.Y, r.W, headH}
	y := r.Y + headH + 2
	bw := 70.0
	t.ctrls = append(t.ctrls,
		control{name: "train", kind: kToggle, on: s.Phase == training.Running || s.Phase == training.Loading,
			r: rect{r.X, y, bw, rowH - 4}, label: t.t(i18n.TrainButton), press: func(float64, float64) { s.Settings.Net = t.st.Trained.Trainable(); s.Train() }},
		control{name: "train-pause", kind: kButton, r: rect{r.X + bw + 6, y, bw, rowH - 4}, label: t.t(i18n.TrainPause), press: func(float64, float64) { s.Pause() }},
		control{name: "train-reset", kind: kButton, r: rect{r.X + 2*(bw+6), y, bw, rowH - 4}, label: t.t(i18n.TrainReset), press: func(float64, float64) { s.Settings.Net = t.st.Trained.Trainable(); s.Reset() }})
	x := r.X + 3*(bw+6) + 6
	t.status = rect{x, y, r.right() - x, rowH - 4}
	if t.status.W < 160 { // a phone's column: the status on a row of its own
		y += rowH
		t.status = rect{r.X, y, r.W, rowH - 4}
	}
	y += rowH
	opt := rect{r.X, y, 100, rowH - 4}
	t.ctrls = append(t.ctrls, control{name: "train-optim", kind: kButton, r: opt, label: s.Settings.Optimizer.String(),
		press: func(float64, float64) {
			s.SetOptimizer((s.Settings.Optimizer + 1) % training.NumOptimizers)
		}})
	x = opt.right()
	next := func(w float64) { // the next w wide, on the next row when this one has no room (a phone's column)
		if x+10+w > r.right() {
			x, y = r.X-10, y+rowH
		}
	}
	next(70 + 2*stepW)
	x = t.stepper(x+10, y, "train-lr", &t.lrValue, 70, s.StepLR)
	next(80 + 2*stepW)
	x = t.stepper(x+10, y, "train-batch", &t.batchValue, 80, s.StepBatch)
	if t.g.OnSave != nil && s.Weights != nil {
		for _, b := range []struct {
			name, ext   string
			label, done i18n.Key
			write       func() ([]byte, error)
		}{
			{"train-save", ".npz", i18n.TrainSave, i18n.TrainSaved, t.train.NPZ},
			{"train-save-pt", ".pt", i18n.TrainSavePT, i18n.TrainSavedPT, t.train.PT},
		} {
			next(90)
			t.ctrls = append(t.ctrls, control{name: b.name, kind: kButton, r: rect{x + 10, y, 90, rowH - 4}, label: t.t(b.label),
				press: func(float64, float64) { t.save(b.write, t.train.SaveName(b.ext), b.done) }})
			x += 100
		}
	}
	y += rowH
	t.note = rect{r.X, y, r.W, 18}
	y += 22
	rest := r.bottom() - y
	ch := max(60, min(150, rest*0.4))
	cw := (r.W - 12) / 2
	t.loss, t.acc = rect{r.X, y, cw, ch}, rect{r.X + cw + 12, y, cw, ch}
	y += ch + 8
	t.histHead = rect{r.X, y, r.W, 18}
	y += 18
	n := len(s.Snapshots) + 1
	iw := min(120, (r.W-float64(len(historySteps))*8)/float64(len(historySteps)+1))
	ih := min(iw*filterGridH/filterGridW, r.bottom()-y) // a short area (a phone held sideways): smaller, on screen
	iw = ih * filterGridW / filterGridH
	for i := range n {
		t.hist = append(t.hist, rect{r.X + float64(i)*(iw+8), y, iw, ih})
	}
	strip := rect{r.X, y, float64(n)*(iw+8) - 8, ih}
	choose := func(x, _ float64) { t.pick = min(n-1, max(0, int((x-r.X)/(iw+8)))) }
	t.ctrls = append(t.ctrls, control{name: "train-history", kind: kArea, r: strip, press: choose, drag: choose})
	y += ih + 16
	t.big = rect{}
	// The chosen item large, when there is room for it to be larger than
	// the strip's (no smaller copy that reads as a fifth item).
	if bh := min(r.bottom()-y, 200); bh >= max(60, 1.5*ih) {
		t.big = rect{r.X, y, bh * filterGridW / filterGridH, bh}
	}
	return t.ctrls
}

// stepper lays out name's − value + at (x, y) and returns its right edge.
func (t *trainPanel) stepper(x, y float64, name string, value *rect, w float64, step func(int)) float64 {
	minus := rect{x, y, stepW, rowH - 4}
	*value = rect{minus.right(), y, w, rowH - 4}
	plus := rect{value.right(), y, stepW, rowH - 4}
	t.ctrls = append(t.ctrls,
		control{name: name + "-", kind: kStep, r: minus, label: "-", press: func(float64, float64) { step(-1) }},
		control{name: name + "+", kind: kStep, r: plus, label: "+", press: func(float64, float64) { step(+1) }})
	return plus.right()
}

// save hands the weights' state_dict (as file, written by write) to the
// platform and says what became of it (done).
func (t *trainPanel) save(write func() ([]byte, error), file string, done i18n.Key) {
	b, err := write()
	if err != nil {
		t.saved = err.Error()
		return
	}
	t.saved = t.tf(done, t.g.OnSave(file, b), file)
}

// phaseKeys name the training phases, in training.Phase's order.
var phaseKeys = [...]i18n.Key{i18n.TrainPhaseOff, i18n.TrainPhaseLoading, i18n.TrainPhaseRunning, i18n.TrainPhasePaused, i18n.TrainPhaseFailed}

// historySteps are the steps of the filter history (livetrain's snapshots).
var historySteps = []int{0, 50, 200, 1000}

func (t *trainPanel) drawKey(k *drawKey) {
	k.u(t.shown)
	k.i(t.pick)
	k.s(t.saved)
}

func (t *trainPanel) draw(p painter) {
	if !t.shownTab(tabTrain) {
		return
	}
	s := t.train
	titles := []string{t.t(i18n.TrainTitleLeNetOnScreen), t.t(i18n.TrainTitleLeNetDigits), t.t(i18n.TrainTitleLeNet)}
	if t.train.Settings.Net != "" || t.st.Trained.Trainable() != "" {
		titles = []string{t.t(i18n.TrainTitleNetDigits), t.t(i18n.TrainTitleNet)}
	}
	heading(p, t.head, p.fitFirst(titles, t.head.W, bold, sizeHead))
	t.drawButtons(p, t.ctrls)
	p.textIn(p.fitFirst(t.statusTexts(), t.status.W, regular, sizeBody), t.status, regular, sizeBody, colText, left)
	p.textIn("lr "+fmt.Sprint(s.Settings.LR), t.lrValue, mono, sizeMono, colText, center)
	p.textIn(t.tf(i18n.TrainBatch, s.Settings.Batch), t.batchValue, mono, sizeMono, colText, center)
	t.drawNote(p)
	lo, hi := 0.0, math.Log(nn.Classes)
	for _, pt := range s.Losses {
		hi = max(hi, pt.Value)
	}
	lossTitle, accTitle := t.t(i18n.TrainLossTitle), t.t(i18n.TrainAccTitle)
	if p.width(accTitle+": 100.0 %", regular, sizeSmall) > t.acc.W-8 { // a phone's column
		accTitle = t.t(i18n.TrainAccShort)
	}
	if n := len(s.Losses); n > 0 {
		lossTitle += fmt.Sprintf(": %.3f", s.Losses[n-1].Value)
	}
	if n := len(s.Accuracy); n > 0 {
		accTitle += fmt.Sprintf(": %.1f %%", 100*s.Accuracy[n-1].Value)
	}
	curve(p, t.loss, lossTitle, s.Losses, lo, hi, s.Step, colAccent)
	curve(p, t.acc, accTitle, s.Accuracy, 0, 1, s.Step, rgb(0x2e8b57))
	t.drawHistory(p)
}

// statusTexts are the run's numbers in one line, then shorter: without
// the loss and the test accuracy (the charts' titles have them), then
// without the speed.
func (t *trainPanel) statusTexts() []string {
	s := t.train
	short := t.tf(i18n.TrainStatus, t.t(phaseKeys[s.Phase]), s.Step, s.Epoch)
	mid := short + t.tf(i18n.TrainSpeed, s.ImagesPerS)
	full := mid
	if s.Step > 0 {
		full += t.tf(i18n.TrainStatusLoss, s.Loss)
	}
	if n := len(s.Accuracy); n > 0 {
		full += t.tf(i18n.TrainStatusTest, 100*s.Accuracy[n-1].Value)
	}
	return []string{full, mid, short}
}

// drawNote shows the data's progress, an error, or a pending setting.
func (t *trainPanel) drawNote(p painter) {
	s, r := t.train, t.note
	switch {
	case s.Err != "":
		p.textIn(p.fit(s.Err, r.W, regular, sizeSmall), r, regular, sizeSmall, colError, left)
	case s.Phase == training.Loading:
		bar := rect{r.X, r.Y + 4, min(200, r.W/2), r.H - 8}
		p.fill(bar, colButton)
		if s.Total > 0 {
			p.fill(rect{bar.X, bar.Y, bar.W * float64(s.Loaded) / float64(s.Total), bar.H}, colAccent)
		}
		msg := t.tf(i18n.TrainData, float64(s.Loaded)/1e6)
		if s.Total > 0 {
			msg = t.tf(i18n.TrainDataOf, float64(s.Loaded)/1e6, float64(s.Total)/1e6)
		}
		p.text(msg, bar.right()+8, r.Y+2, regular, sizeSmall, colMuted, left)
	case t.saved != "":
		p.textIn(p.fit(t.saved, r.W, regular, sizeSmall), r, regular, sizeSmall, colMuted, left)
	case s.Pending():
		p.textIn(t.t(i18n.TrainPending), r, regular, sizeSmall, colMuted, left)
	case s.Phase == training.Off:
		seed := fmt.Sprint(s.Settings.Seed)
		p.textIn(p.fitFirst([]string{t.tf(i18n.TrainHowLong, seed),
			t.tf(i18n.TrainHowShort, seed)}, r.W, regular, sizeSmall), r, regular, sizeSmall, colMuted, left)
	}
}

// curve draws points (step, value) in r, the value axis from lo to hi,
// the step axis to the last step.
func curve(p painter, r rect, title string, pts []training.Point, lo, hi float64, last int, c color.Color) {
	p.fill(r, colPanel)
	p.stroke(r, 1, colBorder)
	p.text(title, r.X+4, r.Y+2, regular, sizeSmall, colMuted, left)
	p.text(fmt.Sprintf("%.3g", hi), r.right()-4, r.Y+2, regular, sizeSmall, colMuted, right)
	if len(pts) == 0 || last <= 0 || hi <= lo {
		return
	}
	plot := rect{r.X + 4, r.Y + 18, r.W - 8, r.H - 22}
	at := func(pt training.Point) (float64, float64) {
		v := max(lo, min(hi, pt.Value))
		return plot.X + plot.W*float64(pt.Step)/float64(last), plot.bottom() - plot.H*(v-lo)/(hi-lo)
	}
	// One segment a pixel at most: a long run's curve stays cheap to draw.
	stride := max(1, len(pts)/int(max(1, plot.W)))
	var line [][2]float64
	for i := 0; i < len(pts)+stride-1; i += stride {
		x, y := at(pts[min(i, len(pts)-1)])
		line = append(line, [2]float64{x, y})
	}
	if len(pts) == 1 {
		p.fill(rect{line[0][0] - 2, line[0][1] - 2, 4, 4}, c)
	}
	polyline(p, line, 1.5, c)
}

// polyline draws the segments between consecutive points as quads in one
// DrawTriangles (a vector.StrokeLine per segment builds a path each: a
// curve of hundreds of segments redrawn ten times a second).
func polyline(p painter, pts [][2]float64, width float64, c color.Color) {
	if len(pts) < 2 {
		return
	}
	v := whiteVertex(c)
	vs := make([]ebiten.Vertex, 0, 4*(len(pts)-1))
	is := make([]uint16, 0, 6*(len(pts)-1))
	for i := 1; i < len(pts); i++ {
		x0, y0, x1, y1 := pts[i-1][0], pts[i-1][1], pts[i][0], pts[i][1]
		p.grow(rect{min(x0, x1), min(y0, y1), math.Abs(x1 - x0), math.Abs(y1 - y0)}, width/2)
		d := math.Hypot(x1-x0, y1-y0)
		if d == 0 {
			continue
		}
		nx, ny := -(y1-y0)/d*width/2, (x1-x0)/d*width/2 // the segment's normal, half the width long
		n := uint16(len(vs))
		for _, q := range [4][2]float64{{x0 + nx, y0 + ny}, {x0 - nx, y0 - ny}, {x1 - nx, y1 - ny}, {x1 + nx, y1 + ny}} {
			v.DstX, v.DstY = float32(q[0]*p.k), float32(q[1]*p.k)
			vs = append(vs, v)
		}
		is = append(is, n, n+1, n+2, n, n+2, n+3)
	}
	p.dst.DrawTriangles(vs, is, p.white(), &fillOptions)
}

// drawHistory draws the filter history strip and the chosen item large.
func (t *trainPanel) drawHistory(p painter) {
	s := t.train
	p.text(p.fitFirst([]string{t.t(i18n.TrainHistory), t.t(i18n.TrainHistoryShort)}, t.histHead.W, regular, sizeSmall),
		t.histHead.X, t.histHead.Y, regular, sizeSmall, colMuted, left)
	ws := make([]*conv.Tensor, 0, len(t.hist))
	steps := make([]string, 0, len(t.hist))
	for _, snap := range s.Snapshots {
		ws, steps = append(ws, snap.Weight), append(steps, t.tf(i18n.TrainHistoryStep, snap.Step))
	}
	ws, steps = append(ws, conv1Of(s.Weights)), append(steps, t.tf(i18n.TrainHistoryNow, s.Step))
	t.refreshImages(ws)
	pick := t.pick
	if pick < 0 || pick >= len(ws) {
		pick = len(ws) - 1
	}
	for i, r := range t.hist {
		if i >= len(t.imgs) || t.imgs[i].img == nil {
			continue
		}
		p.image(t.imgs[i].img, r, 1)
		if i == pick {
			p.stroke(r.inset(-2), 2, colAccent)
		}
		p.text(steps[i], r.X, r.bottom()+2, regular, sizeSmall, colMuted, left)
	}
	if t.big.W > 0 && pick < len(t.imgs) && t.imgs[pick].img != nil {
		p.image(t.imgs[pick].img, t.big, 1)
		p.text(steps[pick], t.big.right()+8, t.big.Y, regular, sizeBody, colText, left)
	}
}

// conv1Of is the conv1 weight of a state_dict, nil without.
func conv1Of(sd []livetrain.Param) *conv.Tensor {
	for _, p := range sd {
		if p.Name == "conv1.weight" {
			return p.Tensor
		}
	}
	return nil
}

// The filters' grid: 5 columns of 4 rows of 5x5 filters, a pixel apart.
const (
	filterCols  = 5
	filterGridW = filterCols*6 - 1
	filterGridH = (nn.Conv1Filters/filterCols)*6 - 1
)

// refreshImages draws each weight tensor that has no image yet.
func (t *trainPanel) refreshImages(ws []*conv.Tensor) {
	for len(t.imgs) < len(ws) {
		t.imgs = append(t.imgs, filterImage{})
	}
	for i, w := range ws {
		fi := &t.imgs[i]
		if fi.w == w {
			continue
		}
		fi.w = w
		if w == nil || len(w.Shape) != 4 || w.Shape[0] != nn.Conv1Filters || w.Shape[1] != 1 || w.Shape[2] != 5 || w.Shape[3] != 5 {
			continue
		}
		if fi.img == nil {
			fi.img = ebiten.NewImage(filterGridW, filterGridH)
		}
		fi.img.WritePixels(filterPixels(w))
	}
}

// filterPixels draws the 20 filters of w [20,1,5,5] on the diverging
// colormap, one scale for all (the largest |weight|), as RGBA.
func filterPixels(w *conv.Tensor) []byte {
	pix := make([]byte, 4*filterGridW*filterGridH)
	for i := range pix {
		pix[i] = 0xff // white gaps
	}
	m := float32(1e-12)
	for _, v := range w.Data {
		m = max(m, float32(math.Abs(float64(v))))
	}
	for f := range nn.Conv1Filters {
		ox, oy := (f%filterCols)*6, (f/filterCols)*6
		for y := range 5 {
			for x := range 5 {
				c := cmap(cmapDiverging, w.Data[f*25+y*5+x]/m)
				o := 4 * ((oy+y)*filterGridW + ox + x)
				pix[o], pix[o+1], pix[o+2], pix[o+3] = c.R, c.G, c.B, 0xff
			}
		}
	}
	return pix
}

// trainTick applies what the training backend reported since the last
// tick; new weights go into the session's network and the bank.
func (g *Game) trainTick() {
	g.st.Share.SetTraining(g.train.Settings) // for the link
	weights, changed := g.train.Poll()
	if changed {
		g.dirty = true
	}
	if msg := g.train.NewMessage(); msg != "" {
		g.st.Say(msg) // the header's notice: a learner on another tab sees it too
	}
	tp := panelIn[*trainPanel](g)
	if weights {
		tp.pending = true
	}
	// At most every applyTicks: the weights' frame is the heavy one (the
	// maps, the guess and the bank redone), the learner's strokes come
	// between. That frame leaves its drawing to the next (Game.held), and
	// the panel's numbers and curves are redrawn on neither (on the one
	// after, at the latest).
	if !tp.pending || g.train.Phase == training.Running && g.ticks < tp.applied+applyTicks {
		if tp.shown != g.train.Version && g.ticks > tp.applied+1 {
			tp.shown, g.dirty = g.train.Version, true
		}
		return
	}
	tp.pending, tp.applied = false, g.ticks
	g.train.Taken++
	g.held = true
	sd := make([]nn.Named, len(g.train.Weights))
	for i, p := range g.train.Weights {
		sd[i] = nn.Named{Key: p.Name, Entry: nn.Entry{Name: p.Name, Value: p.Tensor}}
	}
	if err := g.st.Trained.SetNetWeights(sd); err != nil {
		g.train.Err = g.tf(i18n.TrainWeightsErr, err)
	} else if g.train.Err != "" && g.st.Notice == "" {
		// The first weights load the learned filters, a change that clears
		// the header's notice: a training error said before them stays said.
		g.st.Say(g.train.Err)
	}
}

// applyTicks are the ticks (at 60 a second) between two updates of the
// network on screen while training: 5 a second, of the worker's ~10.
const applyTicks = 12

// Training is the training session, for the page glue and the desktop to
// give it a backend (Backend, and Post for its reports).
func (g *Game) Training() *training.Session { return g.train }

// trainFromLink gives the train tab the settings of a link just opened
// (the defaults when it has none); the network stays the one Train picks.
func (g *Game) trainFromLink() {
	t := training.DefaultSettings()
	if g.st.Training != nil {
		t = *g.st.Training
	}
	t.Net = g.train.Settings.Net
	g.train.Settings = t
}
