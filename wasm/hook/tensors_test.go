package hook

import (
	"encoding/json"
	"testing"

	"convplayground/conv"
)

// The hook reports groups, batch, the grouped weight, channel notes, the
// groups' links and the breakdown check, as JSON the page reads.
func TestHookTensors(t *testing.T) {
	s := photoState(t)
	s.Bank.Depthwise()
	s.Recompute()
	b, err := json.Marshal(Build(s, 0, View{}))
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Weight    []int
		Settings  struct{ Groups, Batch int }
		Notes     []string                          `json:"channel_notes"`
		Links     []struct{ Inputs, Outputs []int } `json:"group_links"`
		Breakdown struct {
			OK    bool
			Parts int
		}
	}
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	if conv.FormatShape(h.Weight) != "[9, 1, 5, 5]" || h.Settings.Groups != 3 || h.Settings.Batch != 1 {
		t.Errorf("hook weight %v, settings %+v", h.Weight, h.Settings)
	}
	if len(h.Notes) != 9 || h.Notes[8] != "on B only" || len(h.Links) != 3 || conv.FormatShape(h.Links[2].Outputs) != "[6, 7, 8]" {
		t.Errorf("notes %q, links %+v", h.Notes, h.Links)
	}
	if !h.Breakdown.OK || h.Breakdown.Parts != 1 {
		t.Errorf("breakdown %+v", h.Breakdown)
	}
}
