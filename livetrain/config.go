package livetrain

import (
	"fmt"
	"math"
)

// Config is a start message: what to train and how.
type Config struct {
	Net       string // LeNetPreset ("" too) or an nn.Sequential text
	Seed      uint64 // the initial weights and the shuffling
	Optimizer string // "adam" or "sgd"
	LR        float64
	Momentum  float64 // SGD only
	Batch     int
	TestEvery int // steps between test evaluations; 0: DefaultTestEvery
}

// MaxBatch is the largest batch a learner can pick.
const MaxBatch = 64

// DefaultTestEvery is how often the test set is evaluated when the start
// message does not say.
const DefaultTestEvery = 100

// Message is a control message from the page: exactly one of its fields
// is set (the data message comes apart, as a Dataset).
type Message struct {
	Start                *Config
	Pause, Resume, Reset bool
}

// check refuses settings PyTorch would refuse (its words where it has
// them) and ones the playground does not offer; it fills in defaults.
func (c *Config) check() error {
	if c.Net == "" {
		c.Net = LeNetPreset
	}
	if c.TestEvery == 0 {
		c.TestEvery = DefaultTestEvery
	}
	switch {
	case c.Optimizer != "adam" && c.Optimizer != "sgd":
		return fmt.Errorf("livetrain: optimizer %q: want adam or sgd", c.Optimizer)
	case !(c.LR >= 0) || math.IsInf(c.LR, 0):
		return fmt.Errorf("Invalid learning rate: %v", c.LR)
	case c.LR == 0:
		return fmt.Errorf("livetrain: learning rate 0 would not train")
	case !(c.Momentum >= 0):
		return fmt.Errorf("Invalid momentum value: %v", c.Momentum)
	case c.Momentum >= 1:
		return fmt.Errorf("livetrain: momentum %v would not settle: want < 1", c.Momentum)
	case c.Momentum != 0 && c.Optimizer != "sgd":
		return fmt.Errorf("livetrain: momentum is SGD's; Adam takes betas")
	case c.Batch < 1 || c.Batch > MaxBatch:
		return fmt.Errorf("livetrain: batch size %d outside 1..%d", c.Batch, MaxBatch)
	case c.TestEvery < 1:
		return fmt.Errorf("livetrain: test_every %d: want a positive number of steps", c.TestEvery)
	}
	return nil
}

// check refuses a message that is not exactly one command.
func (m Message) check() error {
	n := 0
	for _, on := range []bool{m.Start != nil, m.Pause, m.Resume, m.Reset} {
		if on {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("livetrain: a message holds one of start, data, pause, resume, reset; got %d of start, pause, resume, reset", n)
	}
	return nil
}

// name is the message's command, for messages about it.
func (m Message) name() string {
	switch {
	case m.Pause:
		return "pause"
	case m.Resume:
		return "resume"
	case m.Reset:
		return "reset"
	}
	return "start"
}

// Check refuses what a start message with these settings would be
// refused for, with the same message (the page checks before it posts).
func Check(c Config) error { return c.check() }
