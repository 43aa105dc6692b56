package state

import "convplayground/i18n"

// GroupLink is one group of the layer: which input channels feed which
// output maps (for the lines the view draws between them).
type GroupLink struct {
	Inputs  []int // input channels
	Outputs []int // output channels (maps)
}

// GroupLinks lists the layer's groups in order; nil while PyTorch rejects
// the groups setting (there is no layout then, only its message).
func (bk *Bank) GroupLinks() []GroupLink {
	s := bk.s
	if s.Bank.groupsUsed() != s.Groups {
		return nil
	}
	g, n, per := s.Groups, s.Bank.cpg(), s.OutChannels/s.Groups
	links := make([]GroupLink, g)
	for i := range links {
		for c := 0; c < n; c++ {
			links[i].Inputs = append(links[i].Inputs, i*n+c)
		}
		for o := 0; o < per; o++ {
			links[i].Outputs = append(links[i].Outputs, i*per+o)
		}
	}
	return links
}

// Depthwise sets groups = in_channels (each filter reads one input
// channel), raising out_channels to the next multiple of in_channels when
// needed (nn.Conv2d requires it). It needs a multi-channel input with
// filters of its channels; otherwise it changes nothing and says why.
func (bk *Bank) Depthwise() bool {
	s := bk.s
	c := s.C()
	switch {
	case c < 2:
		s.Notice = s.Lang.T(i18n.DepthwiseNeedsRGB)
		return false
	case s.cin() != c:
		s.Notice = s.Lang.T(i18n.DepthwiseNeedsPresets)
		return false
	}
	t := s.Settings
	t.Groups = c
	if t.OutChannels%c != 0 {
		t.OutChannels = min(MaxOut/c*c, (t.OutChannels/c+1)*c)
	}
	if t == s.Settings {
		return false
	}
	defer s.History.record("Depthwise", "", "")()
	s.apply(t)
	return true
}
