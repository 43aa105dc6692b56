package state

import (
	"convplayground/game/preset"
	"fmt"
	"slices"
	"strings"

	"convplayground/conv"
	"convplayground/nn"
)

// guessKey is what a guess was made for: the state's version and the
// selected sample, or (canvas) the drawing alone, which the network's copy
// guesses while the input is a photo: a camera's frames then guess nothing
// again.
type guessKey struct {
	version uint64
	sample  int
	canvas  Canvas
	copyNet bool // the copy guesses the canvas: version and sample do not matter
}

// newGuess reports whether the guess must be made again and, if so, clears
// the last one's probabilities and says whose the new one is: with the
// learned set the network runs with the layer on screen as its conv1 (the
// chain follows it), otherwise its own copy.
func (tn *Trained) newGuess() bool {
	s := tn.s
	m := &s.Model
	onScreen := s.Trained.layerIsConv1()
	k := guessKey{version: s.Version, sample: s.Sample}
	if s.Photo && !onScreen {
		k = guessKey{canvas: s.Canvas, copyNet: true}
	}
	if k == m.key && onScreen == m.OnScreen {
		return false
	}
	m.key, m.Probs, m.OnScreen = k, [nn.Classes]float32{}, onScreen
	if !m.OnScreen {
		m.Chain, m.chainFor = nn.Chain{}, chainKey{}
		return true
	}
	// The chain depends on the layer's settings and the input's shape only:
	// a stroke or a weight edit keeps it.
	ck := chainKey{s.Conv2d(), [4]int(s.InputShape())}
	if ck != m.chainFor {
		m.Chain, m.chainFor = m.Net.ChainFrom(ck.conv1, strings.TrimPrefix(s.Export.layerCode(), "nn."), ck.input[:]), ck
	}
	return true
}

// chainKey is what a chain was followed for.
type chainKey struct {
	conv1 conv.Conv2d
	input [4]int
}

// layerIsConv1 reports whether the layer on screen is the network's conv1:
// the bank shows learned filters (edited, zeroed or some swapped for
// presets, it is still the network's first layer being experimented on).
func (tn *Trained) layerIsConv1() bool {
	s := tn.s
	if s.Transposed {
		return false // conv1 is a Conv2d
	}
	for _, f := range s.Filters[:s.OutChannels] {
		if f.Preset == preset.Learned {
			return true
		}
	}
	return false
}

// netSample is the image the network reads for the selected sample: a
// 28×28 sample framed as MNIST's digits are (nn.Preprocess); a photo-slot
// sample as it is when the network follows the layer on screen (the copy,
// made for 28×28 digits, keeps guessing the drawing then). When the layer
// on screen breaks the chain there is none, whatever the sample: it says
// which layer refuses and why.
func (tn *Trained) netSample() ([]float32, error) {
	s := tn.s
	switch m := &s.Model; {
	case m.OnScreen && !m.Chain.OK():
		return nil, fmt.Errorf("the network cannot run on this layer: %s refuses it: %w", m.Chain.Broken, m.Chain.Err)
	case !s.Photo:
		return nn.Preprocess(s.Input.sampleData(s.Sample))
	case !s.Model.OnScreen:
		return nn.Preprocess(s.Canvas[:])
	}
	return s.Input.sampleData(s.Sample), nil
}

// runNet runs the network on what netSample made: the copy as trained, or
// the network with the layer on screen as conv1, on the input as that layer
// sees it (Normalize included).
func (tn *Trained) runNet(img []float32) ([nn.Classes]float32, error) {
	s := tn.s
	m := &s.Model
	if !m.OnScreen {
		return m.Net.Predict(img)
	}
	shape := []int{1, 1, Size, Size}
	if s.Photo {
		shape = []int{1, s.C(), s.H(), s.W()}
	}
	if m.x == nil || !slices.Equal(m.x.Shape, shape) {
		m.x = conv.Zeros(shape...)
	}
	for j, v := range img {
		m.x.Data[j] = s.Input.scaled(v)
	}
	return m.Net.PredictWith(nn.FirstLayer{Conv: s.Conv2d(), W: s.w, B: s.b}, m.x)
}

// sum32 is the sum of v: the ink of an image (0 when it is empty).
func sum32(v []float32) float32 {
	var t float32
	for _, x := range v {
		t += x
	}
	return t
}
