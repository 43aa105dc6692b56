package game

import (
	"convplayground/game/preset"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"convplayground/game/training"
	"convplayground/livetrain"
)

// trainingGame is a game on the train tab whose session trains in a
// goroutine on the committed data file (the desktop's backend).
func trainingGame(t testing.TB, w, h float64) *Game {
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	g.setSize(w, h, 1)
	g.read = scripted
	s := g.Training()
	s.Backend = training.NewLocal(s.Post, func() ([]byte, error) { return os.ReadFile("../assets/mnist12k.bin.gz") })
	g.tab = tabTrain
	g.Update()
	return g
}

// The train tab's controls are on screen and apart at every size (as
// TestControlsFit checks the others'), and pressing them trains: the step
// grows, the bank becomes conv1's learned filters and follows the weights,
// the hook reports it; Pause stops it.
func TestTrainTab(t *testing.T) {
	names := []string{"train", "train-pause", "train-reset", "train-optim", "train-lr-", "train-lr+", "train-batch-", "train-batch+", "train-history"}
	for _, sz := range [][2]float64{{1280, 720}, {800, 600}, {390, 844}} {
		g := trainingGame(t, sz[0], sz[1])
		vw, vh := g.vw, g.vh
		for _, name := range names {
			r := ctrlRect(t, g, name)
			if g.onScreen(r) && (r.X < 0 || r.Y < 0 || r.right() > vw+0.01 || r.bottom() > vh+0.01 || r.W < 8 || r.H < 8) {
				t.Errorf("%v: %s at %+v is off screen or too small", sz, name, r)
			}
		}
		// The chosen history item large only when larger than the strip's
		// (at 1280x720 a smaller copy read as a fifth item).
		if tp := panelOf[*trainPanel](g); tp.big.W > 0 && tp.big.H < 1.5*tp.hist[0].H {
			t.Errorf("%v: the chosen filters drawn %.0f high under a strip of %.0f", sz, tp.big.H, tp.hist[0].H)
		}
	}
	g := trainingGame(t, 1280, 720)
	if hook(t, g)["training"] != nil {
		t.Error("the hook reports training before the first Train")
	}
	click(t, g, "train-optim") // Adam → SGD
	click(t, g, "train-batch-")
	if st := g.train.Settings; st.Optimizer != training.SGD || st.LR != 0.01 || st.Batch != 16 {
		t.Errorf("settings %+v after the optimizer and batch buttons, want SGD, lr 0.01, batch 16 (32 halved)", st)
	}
	click(t, g, "train")
	img := ebiten.NewImage(1280, 720)
	// Until 20 steps ran and a trained report's weights were applied (at
	// most every applyTicks frames: a fast machine gets 20 steps before
	// the first, and the first applied can be step 0's).
	moved := func() bool {
		f := g.st.Bank.Filters[3]
		return f.Preset == preset.Learned && len(g.train.Snapshots) > 0 && f.W[7] != g.train.Snapshots[0].Weight.Data[3*25+7]
	}
	for end := time.Now().Add(2 * time.Minute); g.train.Step < 20 || !moved(); time.Sleep(10 * time.Millisecond) {
		g.Update()
		g.Draw(img)
		if time.Now().After(end) {
			t.Fatalf("no 20 steps: phase %v, step %d, error %q", g.train.Phase, g.train.Step, g.train.Err)
		}
	}
	tr := hook(t, g)["training"].(map[string]any)
	if tr["running"] != true || tr["step"].(float64) < 20 {
		t.Errorf("hook's training %v", tr)
	}
	// The bank is the network's conv1, as trained (applied a few times a
	// second: not always the latest report's).
	w, w0 := g.st.Trained.Model.Net.Params[0], g.train.Snapshots[0].Weight
	if f := g.st.Bank.Filters[3]; f.Preset.String() != "learned" || f.W[7] != w.Data[3*25+7] || f.W[7] == w0.Data[3*25+7] || !g.st.Trained.Model.OnScreen {
		t.Errorf("filter 3 is %v with w[7] %v, the network's %v, step 0's %v; on screen %v", f.Preset, f.W[7], w.Data[3*25+7], w0.Data[3*25+7], g.st.Trained.Model.OnScreen)
	}
	var saved string
	var code string
	g.OnSave = func(name string, data []byte) string { saved = fmt.Sprintf("%s %d", name, len(data)); return "Saved" }
	g.OnCopyCode = func(c string) string { code = c; return "Copied" }
	g.relayout()
	click(t, g, "train-save")
	click(t, g, "copy_code")
	if !strings.HasPrefix(saved, "lenet_trained.npz ") || !strings.Contains(code, "class LeNet") || !strings.Contains(code, "m = nn.Conv2d(1, 20") {
		t.Errorf("Save .npz gave %q; Copy code has the layer and the LeNet: %v", saved, strings.Contains(code, "class LeNet"))
	}
	click(t, g, "train-save-pt")
	if !strings.HasPrefix(saved, "lenet_trained.pt ") || !strings.Contains(panelOf[*trainPanel](g).saved, "torch.load") {
		t.Errorf("Save .pt gave %q, saying %q", saved, panelOf[*trainPanel](g).saved)
	}
	click(t, g, "train-pause")
	if g.train.Phase != training.Paused || hook(t, g)["training"].(map[string]any)["running"] != false {
		t.Errorf("after Pause: %v", g.train.Phase)
	}
}

// weightsFrames is a game on the train tab whose network has taken the
// first weights in (Reset's: the session then waits), drawn into img, and
// post, which posts a report of new weights (weight i moved).
func weightsFrames(tb testing.TB) (g *Game, img *ebiten.Image, post func(i int)) {
	g = trainingGame(tb, 1280, 720)
	s := g.Training()
	s.Reset()
	for s.Weights == nil {
		g.Update()
		time.Sleep(time.Millisecond)
	}
	sd := s.Weights
	for g.ticks <= applyTicks {
		g.Update()
	}
	img = ebiten.NewImage(1280, 720)
	for range 3 { // the first weights' frame, then the drawing, then the train panel's
		g.Update()
		g.Draw(img)
	}
	return g, img, func(i int) {
		p := &livetrain.Progress{Step: i + 1, Loss: 1, Running: true, Weights: make([]livetrain.Param, len(sd))}
		for k, e := range sd {
			t := e.Tensor.Clone()
			t.Data[i%len(t.Data)] += 1e-3
			p.Weights[k] = livetrain.Param{Name: e.Name, Tensor: t}
		}
		s.Post(training.Event{Progress: p})
	}
}

// New weights while training are spread over frames: the frame whose
// Update takes them in (the maps and the guess recomputed) draws nothing,
// the next draws the bank, the maps and the guess, and the train panel's
// numbers come on the frame after.
func TestTrainWeightsSpread(t *testing.T) {
	g, img, post := weightsFrames(t)
	trainAt := slices.IndexFunc(g.panels, func(p panel) bool { _, ok := p.(*trainPanel); return ok })
	editorAt := slices.IndexFunc(g.panels, func(p panel) bool { _, ok := p.(*filterEditor); return ok })
	s := g.Training()
	f0, taken0 := g.Frame(), s.Taken
	post(3)
	g.Update()
	g.Draw(img)
	if g.Frame() != f0 || s.Taken != taken0+1 {
		t.Fatalf("the frame that took the weights in: frame %d → %d, taken %d → %d; want no drawing and one taken", f0, g.Frame(), taken0, s.Taken)
	}
	want := conv1Of(s.Weights).Data[3]
	if got := g.st.Bank.Filters[0].W[3]; got != want {
		t.Fatalf("the bank's weight after the weights' frame is %v, want the report's %v", got, want)
	}
	g.Update()
	g.Draw(img)
	if g.Frame() != f0+1 || !g.drawn[editorAt].redraw || g.drawn[trainAt].redraw {
		t.Errorf("the next frame: frame %d (want %d), the bank redrawn %v (want true), the train panel %v (want false)",
			g.Frame(), f0+1, g.drawn[editorAt].redraw, g.drawn[trainAt].redraw)
	}
	g.Update()
	g.Draw(img)
	if g.Frame() != f0+2 || !g.drawn[trainAt].redraw || g.drawn[editorAt].redraw {
		t.Errorf("the frame after: frame %d (want %d), the train panel redrawn %v (want true), the bank %v (want false)",
			g.Frame(), f0+2, g.drawn[trainAt].redraw, g.drawn[editorAt].redraw)
	}
}

// The main thread's work for new weights while training (at most five a
// second, of the worker's ~10 reports): the frame that takes them in (the
// state_dict into the network and the bank, the maps and the guess
// recomputed), then the next, which draws the changed panels. ns/op is
// both; "update-ms" and "draw-ms" are each frame's (Update and Draw).
func BenchmarkTrainFrame(b *testing.B) {
	g, img, post := weightsFrames(b)
	tp := panelOf[*trainPanel](g)
	var took, drew time.Duration
	b.ResetTimer()
	for i := range b.N {
		post(i)
		tp.applied = 0 // every report is taken in (training does it every applyTicks)
		t0 := time.Now()
		g.Update()
		g.Draw(img)
		t1 := time.Now()
		g.Update()
		g.Draw(img)
		took, drew = took+t1.Sub(t0), drew+time.Since(t1)
	}
	b.ReportMetric(float64(took.Microseconds())/1000/float64(b.N), "update-ms")
	b.ReportMetric(float64(drew.Microseconds())/1000/float64(b.N), "draw-ms")
}

// A network on screen that ends in ten classes is the one Train trains:
// the worker gets its text, and its reports become every layer's weights
// (layer 0's as the learned filters) while the network on screen stays.
func TestTrainScreenNetworkTab(t *testing.T) {
	const text = "nn.Sequential(nn.Conv2d(1, 4, 5, padding=2), nn.ReLU(), nn.MaxPool2d(4), nn.Flatten(), nn.Linear(196, 10))"
	g := trainingGame(t, 1280, 720)
	if err := g.st.Layers.ApplyNet(text); err != nil {
		t.Fatal(err)
	}
	g.Update()
	want := g.st.Layers.NetText()
	click(t, g, "train")
	if g.train.Settings.Net != want {
		t.Fatalf("Train sent %q, want the network on screen %q", g.train.Settings.Net, want)
	}
	img := ebiten.NewImage(1280, 720)
	for end := time.Now().Add(2 * time.Minute); g.train.Step < 5 || g.st.Bank.Filters[0].Preset != preset.Learned; time.Sleep(10 * time.Millisecond) {
		g.Update()
		g.Draw(img)
		if time.Now().After(end) {
			t.Fatalf("no weights after 5 steps: phase %v, step %d, error %q", g.train.Phase, g.train.Step, g.train.Err)
		}
	}
	if got := g.st.Layers.NetText(); got != want || g.train.Err != "" {
		t.Errorf("after training the network on screen is %q (error %q), want %q", got, g.train.Err, want)
	}
	if g.st.OutChannels != 4 || g.st.Layers.LayerShape(4) == nil {
		t.Errorf("out_channels %d, last shape %v", g.st.OutChannels, g.st.Layers.LayerShape(4))
	}
}

// The train tab's settings travel in the link: a link made after the
// optimizer and batch buttons opens with them; a link made at the
// defaults carries none, and opening it gives the defaults back.
func TestTrainSettingsInLink(t *testing.T) {
	g := trainingGame(t, 1280, 720)
	plain := g.st.Share.Encode()
	click(t, g, "train-optim") // Adam → SGD
	click(t, g, "train-batch-")
	g.Update()
	code := g.st.Share.Encode()
	if code == plain {
		t.Fatal("the link did not change with the training settings")
	}
	g2 := trainingGame(t, 1280, 720)
	if err := g2.LoadState(code); err != nil {
		t.Fatal(err)
	}
	if got, want := g2.train.Settings, g.train.Settings; got != want {
		t.Errorf("opened with %+v, want %+v", got, want)
	}
	if err := g2.LoadState(plain); err != nil {
		t.Fatal(err)
	}
	if got := g2.train.Settings; got != training.DefaultSettings() {
		t.Errorf("a link without training settings gave %+v, want the defaults", got)
	}
}
