package state

// hookTensors adds to the hook what the tensors model knows: groups and
// batch, the weight as the layer holds it, each shown filter's channels
// and the channel breakdown's check of the selected filter 0.
func (s *State) hookTensors(h map[string]any) {
	h["weight"] = list(s.WeightShape())
	sh := h["settings"].(map[string]any)
	sh["groups"], sh["batch"] = s.Groups, s.Batch
	notes := []any{}
	for o := 0; o < s.OutChannels; o++ {
		notes = append(notes, s.Channels(o).Note)
	}
	h["channel_notes"] = notes
	links := []any{}
	for _, l := range s.GroupLinks() {
		links = append(links, map[string]any{"inputs": list(l.Inputs), "outputs": list(l.Outputs)})
	}
	h["groups"] = links
}
