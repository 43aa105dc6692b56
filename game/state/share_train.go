package state

import (
	"convplayground/game/link"
	"convplayground/game/training"
)

// SetTraining keeps the train tab's settings t (its network aside) for the
// link, which carries them when they are not the defaults. It is not an
// action (nothing to undo); a change is a new version, so the link
// follows.
func (sh *Share) SetTraining(t training.Settings) {
	s := sh.s
	t.Net = ""
	dflt := t == training.DefaultSettings()
	if dflt && s.Training == nil || !dflt && s.Training != nil && *s.Training == t {
		return // called every frame: nothing allocated when nothing changed
	}
	s.Version++
	s.Training = nil
	if !dflt {
		kept := t
		s.Training = &kept
	}
}

// linkTrain is the training part of a link, nil for the defaults.
func linkTrain(t *training.Settings) *link.Train {
	if t == nil {
		return nil
	}
	return &link.Train{Optimizer: int(t.Optimizer), LR: t.LR, Batch: t.Batch, Seed: t.Seed}
}

// trainOf is a link's training part as settings (nil for none), refused
// as training would refuse it.
func trainOf(l *link.Train) (*training.Settings, error) {
	if l == nil {
		return nil, nil
	}
	t := training.Settings{Optimizer: training.Optimizer(l.Optimizer), LR: l.LR, Batch: l.Batch, Seed: l.Seed}
	if err := t.Check(); err != nil {
		return nil, err
	}
	return &t, nil
}
