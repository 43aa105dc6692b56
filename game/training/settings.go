// Package training is the playground's training session, free of any
// display and of syscall/js: the learner's settings (optimizer, learning
// rate, batch size, the init seed), what a run reports (step, epoch,
// images/s, the loss and test-accuracy curves, conv1's filter history)
// and the commands to a Backend that trains (package livetrain: in the
// browser its Web Worker, on the desktop a goroutine, Local). The view
// (game/train.go) draws a Session and presses its buttons; the page glue
// (package wasm) and the desktop's main give it its backend.
package training

import (
	"fmt"

	"convplayground/livetrain"
)

// Optimizer is one of the optimizers a learner picks.
type Optimizer int

const (
	Adam        Optimizer = iota // torch.optim.Adam, betas (0.9, 0.999)
	SGD                          // torch.optim.SGD, momentum 0
	SGDMomentum                  // torch.optim.SGD, momentum 0.9
	NumOptimizers
)

// optimizerNames are the optimizers as the panel and the link name them.
var optimizerNames = [NumOptimizers]string{"Adam", "SGD", "SGD m=0.9"}

func (o Optimizer) String() string {
	if o < 0 || o >= NumOptimizers {
		return fmt.Sprintf("Optimizer(%d)", int(o))
	}
	return optimizerNames[o]
}

// DefaultLR is each optimizer's default learning rate: torch.optim.Adam's
// 1e-3; torch.optim.SGD has none (lr is required), so the playground's
// 0.01, the value torch's examples start from.
func (o Optimizer) DefaultLR() float64 {
	if o == Adam {
		return 1e-3
	}
	return 0.01
}

// LRs are the learning rates a learner steps through.
var LRs = []float64{1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3}

// Batches are the batch sizes a learner steps through (1..livetrain.MaxBatch).
var Batches = []int{1, 2, 4, 8, 16, 32, 64}

// Settings are what a run trains with.
type Settings struct {
	// Net is the network: "" (or livetrain.LeNetPreset) for nn's LeNet, or
	// the text of the learner's nn.Sequential, which the backend builds and
	// initialises from Seed (or refuses with the reason it cannot train).
	Net       string
	Optimizer Optimizer
	LR        float64
	Batch     int
	Seed      uint64 // the initial weights (PyTorch's default init) and the shuffling
}

// DefaultSettings: Adam, lr 4e-3 (4x torch's default, which picking Adam
// gives back; off the panel's list, whose steps go from its nearest
// entry), batch 32, seed 1: of the settings tried on the 12k subset (Adam
// 1e-3 to 5e-3 at batch 8 to 64, SGD with and without momentum), the one
// whose test accuracy (every 100 steps) first reaches 97 % in the fewest
// training images: 97.05 % at step 500 (16,000 images), where Adam 3e-3
// needs 22,400 at batch 64 and Adam 1e-3 more.
func DefaultSettings() Settings {
	return Settings{Optimizer: Adam, LR: 4e-3, Batch: 32, Seed: 1}
}

// Check refuses settings the panel never makes (a damaged link).
func (s Settings) Check() error {
	_, err := s.config()
	return err
}

// config is the start message for these settings; it refuses what
// livetrain would.
func (s Settings) config() (livetrain.Config, error) {
	c := livetrain.Config{Net: s.Net, Seed: s.Seed, LR: s.LR, Batch: s.Batch}
	if c.Net == "" {
		c.Net = livetrain.LeNetPreset
	}
	switch s.Optimizer {
	case Adam:
		c.Optimizer = "adam"
	case SGD:
		c.Optimizer = "sgd"
	case SGDMomentum:
		c.Optimizer, c.Momentum = "sgd", 0.9
	default:
		return c, fmt.Errorf("training: unknown optimizer %d", int(s.Optimizer))
	}
	if err := livetrain.Check(c); err != nil {
		return c, err
	}
	return c, nil
}

// stepIn moves v to its neighbour in list by dir (±1), from the nearest
// entry when v is not one; it stays at the ends.
func stepIn[T int | float64](list []T, v T, dir int) T {
	i := 0
	for k, x := range list {
		if abs(float64(x-v)) < abs(float64(list[i]-v)) {
			i = k
		}
	}
	return list[max(0, min(len(list)-1, i+dir))]
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
