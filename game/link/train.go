package link

import (
	"encoding/binary"
	"math"

	"convplayground/i18n"
)

// tagTrain is the training part's tag.
const tagTrain = 6

// maxLR bounds a link's learning rate (the panel's largest is 0.3).
const maxLR = 10

// Train is the train tab's settings as a link carries them: the
// optimizer's index, the learning rate, the batch size and the init seed.
type Train struct {
	Optimizer int
	LR        float64
	Batch     int
	Seed      uint64
}

// trainPart is the training part's body: u8 optimizer, f64 lr (its bits,
// little-endian), u8 batch, uvarint seed; nil when the link has none (the
// train tab at its defaults).
func (s *Snapshot) trainPart() []byte {
	t := s.Train
	if t == nil {
		return nil
	}
	b := []byte{byte(t.Optimizer)}
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(t.LR))
	b = append(b, byte(t.Batch))
	return binary.AppendUvarint(b, t.Seed)
}

func parseTrain(r *reader, s *Snapshot, rg *Ranges) error {
	t := &Train{Optimizer: int(r.u8())}
	if b := r.bytes(8); b != nil {
		t.LR = math.Float64frombits(binary.LittleEndian.Uint64(b))
	}
	t.Batch, t.Seed = int(r.u8()), r.uvarint()
	switch {
	case r.err != nil:
		return nil
	case t.Optimizer >= rg.Optimizers:
		return i18n.Errorf(i18n.ShareOutside, "optimizer", t.Optimizer, 0, rg.Optimizers-1)
	case !(t.LR > 0 && t.LR <= maxLR):
		return i18n.Errorf(i18n.ShareLR, t.LR, maxLR)
	case t.Batch < 1 || t.Batch > rg.MaxTrainBatch:
		return i18n.Errorf(i18n.ShareOutside, "batch size", t.Batch, 1, rg.MaxTrainBatch)
	}
	s.Train = t
	return nil
}
