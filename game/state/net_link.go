package state

import (
	"encoding/base64"
	"fmt"
	"strings"

	"convplayground/nn/arch"
)

// A link carries the network's text after the link code and a '~' (not a
// base64url character), base64url-encoded: an old link, without it, opens
// as the one-layer network. The layers after layer 0 get PyTorch's default
// initialisation again, except the trained LeNet's, which are the
// committed weights.

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
	return netSep + base64.RawURLEncoding.EncodeToString([]byte(s.Layers.NetText()))
}

// splitNet splits a link into its code and its network text ("" for none).
func splitNet(code string) (string, string, error) {
	code, enc, ok := strings.Cut(code, netSep)
	if !ok {
		return code, "", nil
	}
	if len(enc) > base64.RawURLEncoding.EncodedLen(maxNetText) {
		return "", "", fmt.Errorf("the network's text is longer than %d bytes", maxNetText)
	}
	text, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return "", "", fmt.Errorf("the network's text is damaged (not base64url: %v)", err)
	}
	if _, err := arch.Parse(string(text)); err != nil {
		return "", "", fmt.Errorf("the network's text: %v", err)
	}
	return code, string(text), nil
}

// applyNetLink installs a link's network (text "": one layer) after the
// rest of the link, as part of its undo step.
func (sh *Share) applyNetLink(text string) error {
	s := sh.s
	if text == "" {
		s.Net, s.Layer = Net{}, 0
		return nil
	}
	if text == arch.LeNet && s.Model.Net != nil {
		s.Layers.setTrained()
		s.changed()
		return nil
	}
	return s.Layers.ApplyNet(text)
}
