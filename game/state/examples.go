package state

import (
	"convplayground/game/picture"
	"convplayground/game/preset"
	"fmt"
	"slices"
)

// The lesson's two layers, one action each (LoadExample), undoable as a
// whole (Undo puts back everything the example changed).

// Example is one of the two layers the lesson is about.
type Example struct {
	Name string // what it sets, as the button says it
	set  func(s *State)
}

// Examples are the two source examples, in button order.
var Examples = []Example{
	{"RGB 3x64x64 → 6 filters, k=5, p=2", (*State).setRGBExample},
	{"MNIST batch [16,1,28,28] → Conv2d(1,20,5,1,2)", (*State).setMNISTExample},
}

// LoadExample sets everything for Examples[i]: input, N, filters and
// settings. The playground before it is one Undo away.
func (s *State) LoadExample(i int) bool {
	if i < 0 || i >= len(Examples) {
		s.Notice = fmt.Sprintf("no example %d (have %d)", i, len(Examples))
		return false
	}
	defer s.History.record(Examples[i].Name, "", "")()
	Examples[i].set(s)
	s.Net, s.Layer = Net{}, 0 // an example is one layer
	s.changed()
	return true
}

// setRGBExample is nn.Conv2d(3, 6, 5, stride=1, padding=2) on the generated
// 3×64×64 photo, the six filters initialised as PyTorch does (kaiming
// uniform, every channel its own kernel): weight [6,3,5,5], output [1,6,64,64].
func (s *State) setRGBExample() {
	s.photo, s.photoDims, s.PhotoName, s.Photo = picture.Photo(), [3]int{picture.RGB, picture.PhotoSize, picture.PhotoSize}, "", true
	s.Settings = DefaultSettings()
	s.OutChannels = 6
	s.bankCin = picture.RGB
	for i := range s.Filters {
		name := defaultBank[i]
		if i < s.OutChannels {
			name = preset.Kaiming
		}
		s.Filters[i] = Filter{Preset: name, Seed: s.nextSeed()}
	}
	s.Bank.refreshFilters()
}

// setMNISTExample is the trained network's conv1, nn.Conv2d(1, 20, 5, 1, 2),
// on a batch of 16 of the 28×28 canvas (the drawing is sample 0): weight
// [20,1,5,5], output [16,20,28,28]. Without the network, 20 kaiming filters.
func (s *State) setMNISTExample() {
	s.Photo = false
	s.Settings = DefaultSettings()
	s.OutChannels, s.Batch = 20, 16
	s.bankCin = 1
	for i := range s.Filters {
		s.Filters[i] = Filter{Preset: preset.Kaiming, Seed: s.nextSeed()}
	}
	s.Bank.refreshFilters()
	if s.Model.Net != nil {
		s.Trained.LoadLearned() // keeps the batch
	}
}

// saved is the part of the playground the learner makes: what an action
// changes, and Undo and Redo put back.
type saved struct {
	settings   Settings
	canvas     Canvas
	digit      int
	canvasName string
	photoOn    bool
	photo      []float32 // never written in place: shared, not copied
	photoDims  [3]int
	photoName  string
	file       fileBatch // never written in place: shared
	filters    [MaxOut]Filter
	bankCin    int
	seed       uint64
	net        Net
}

func (s *State) save() *saved {
	v := &saved{s.Settings, s.Canvas, s.Digit, s.CanvasName, s.Photo, s.photo, s.photoDims, s.PhotoName,
		s.file, s.Filters, s.bankCin, s.Seed, s.Net.clone()}
	for i := range v.filters { // edits write into W and store
		v.filters[i].W, v.filters[i].store = slices.Clone(v.filters[i].W), slices.Clone(v.filters[i].store)
	}
	return v
}

func (s *State) restore(v *saved) {
	s.Settings, s.Canvas, s.Digit, s.CanvasName = v.settings, v.canvas, v.digit, v.canvasName
	s.Photo, s.photo, s.photoDims, s.PhotoName = v.photoOn, v.photo, v.photoDims, v.photoName
	s.file, s.Filters, s.bankCin, s.Seed = v.file, v.filters, v.bankCin, v.seed
	s.Net = v.net.clone()
	s.Layer = min(s.Layer, s.Layers.NumLayers()-1)
	s.Sample = 0
	s.changed()
}
