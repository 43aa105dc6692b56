package link

import (
	"convplayground/i18n"
)

// The layer part (tag 3): the layer's kind and output_padding, u8
// transposed (0 Conv2d, 1 ConvTranspose2d), u8 output_padding; written
// only for a ConvTranspose2d or an output_padding other than 0, so a link
// without it (every older one) opens as a Conv2d.
const tagLayer = 3

// layerPart is the body of the layer part, or nil for a plain Conv2d.
func (s *Snapshot) layerPart() []byte {
	if !s.Transposed && s.OutputPadding == 0 {
		return nil
	}
	t := byte(0)
	if s.Transposed {
		t = 1
	}
	return []byte{t, byte(s.OutputPadding)}
}

func parseLayer(r *reader, s *Snapshot, rg *Ranges) error {
	t, op := r.u8(), int(r.u8())
	if r.err != nil {
		return nil
	}
	if t > 1 {
		return i18n.Errorf(i18n.ShareLayerKind, t)
	}
	if op < 0 || op > rg.MaxOutputPadding {
		return i18n.Errorf(i18n.ShareOutside, "output_padding", op, 0, rg.MaxOutputPadding)
	}
	s.Transposed, s.OutputPadding = t == 1, op
	return nil
}
