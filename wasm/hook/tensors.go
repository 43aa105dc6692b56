package hook

import "convplayground/game/state"

// tensors adds what the tensors model knows: each shown filter's channel
// note, the groups' links, and filter 0's channel breakdown check.
func tensors(s *state.State, h *Hook) {
	notes := []string{}
	for o := 0; o < s.OutChannels; o++ {
		notes = append(notes, s.Bank.Channels(o).Note)
	}
	h.ChannelNotes = notes
	links := []any{}
	for _, l := range s.Bank.GroupLinks() {
		links = append(links, map[string]any{"inputs": list(l.Inputs), "outputs": list(l.Outputs)})
	}
	h.GroupLinks = links
	bd := map[string]any{"filter": 0, "ok": false, "max_err": 0.0, "parts": 0}
	if b, err := s.Teach.Breakdown(0); err == nil {
		bd["ok"], bd["max_err"], bd["parts"] = b.OK, b.MaxErr, len(b.Parts)
	}
	h.Breakdown = bd
}
