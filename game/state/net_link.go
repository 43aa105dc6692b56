package state

import (
	"encoding/base64"
	"strconv"
	"strings"

	"convplayground/i18n"
	"convplayground/nn/arch"
)

// A link carries the network's text after the link code and a '~' (not a
// base64url character), base64url-encoded: an old link, without it, opens
// as the one-layer network. The layers after layer 0 get PyTorch's default
// initialisation again, except the trained LeNet's, which are the
// committed weights: drawn from the seeds after a second '~' (one per
// layer, '.'-separated decimals), the ones the sender's layers were drawn
// from, so that the link opens on the sender's weights; a link without
// them (weights edited by hand, whose numbers it does not carry, or an
// older link) draws them from the link's seed, the same at every opening.

// netSep separates the network's text from the link code.
const netSep = "~"

// maxNetText bounds the network text a link may carry (a long network is
// a few KB).
const maxNetText = 64 << 10

// netLink is what Encode appends: "" for the one-layer network.
func (sh *Share) netLink() string {
	s := sh.s
	if len(s.Net.Tail) == 0 {
		return ""
	}
	l := netSep + base64.RawURLEncoding.EncodeToString([]byte(s.Layers.NetText()))
	if s.Net.seeds != nil && !s.Net.Trained {
		parts := make([]string, len(s.Net.seeds))
		for i, v := range s.Net.seeds {
			parts[i] = strconv.FormatUint(v, 10)
		}
		l += netSep + strings.Join(parts, ".")
	}
	return l
}

// splitNet splits a link into its code, its network text ("" for none)
// and the seeds of the layers after layer 0 (nil for none).
func splitNet(code string) (string, string, []uint64, error) {
	code, enc, ok := strings.Cut(code, netSep)
	if !ok {
		return code, "", nil, nil
	}
	enc, seedText, hasSeeds := strings.Cut(enc, netSep)
	if len(enc) > base64.RawURLEncoding.EncodedLen(maxNetText) {
		return "", "", nil, i18n.Errorf(i18n.NetTextTooLong, maxNetText)
	}
	text, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return "", "", nil, i18n.Errorf(i18n.NetTextDamaged, err)
	}
	spec, err := arch.Parse(string(text))
	if err != nil {
		return "", "", nil, i18n.Errorf(i18n.NetText, err)
	}
	if !hasSeeds {
		return code, string(text), nil, nil
	}
	parts := strings.Split(seedText, ".")
	if len(parts) != len(spec.Layers)-1 {
		return "", "", nil, i18n.Errorf(i18n.NetSeeds, len(parts), len(spec.Layers)-1)
	}
	seeds := make([]uint64, len(parts))
	for i, p := range parts {
		if seeds[i], err = strconv.ParseUint(p, 10, 64); err != nil {
			return "", "", nil, i18n.Errorf(i18n.NetSeed, i+1, p)
		}
	}
	return code, string(text), seeds, nil
}

// applyNetLink installs a link's network (text "": one layer; its layers
// drawn from seeds, or from the link's seed for nil) after the rest of the
// link, as part of its undo step.
func (sh *Share) applyNetLink(text string, seeds []uint64) error {
	s := sh.s
	if text == "" {
		s.Net, s.Layer = Net{}, 0
		return nil
	}
	if text == arch.LeNet && seeds == nil && s.Trained.Model.Net != nil { // the committed weights (seeds: drawn ones)
		s.Layers.setTrained()
		s.changed()
		return nil
	}
	return s.Layers.applyNet(text, seeds)
}
