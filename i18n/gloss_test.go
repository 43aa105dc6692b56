package i18n

import (
	"encoding/json"
	"os"
	"testing"

	"convplayground/internal/golden"
)

// Every message PyTorch 1.13 gave for a rejected setting (conv's golden
// fixtures, and nn's shape chains: the pool's and fc1's messages) has a
// gloss.
func TestGlossCoversPyTorch(t *testing.T) {
	cases, err := golden.Cases("../conv/testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, c := range cases {
		if c.Error != "" {
			msgs = append(msgs, c.Error)
		}
	}
	b, err := os.ReadFile("../nn/testdata/torch_chain.json")
	if err != nil {
		t.Fatal(err)
	}
	var chain struct{ Cases []struct{ Error string } }
	if err := json.Unmarshal(b, &chain); err != nil {
		t.Fatal(err)
	}
	for _, c := range chain.Cases {
		if c.Error != "" {
			msgs = append(msgs, c.Error)
		}
	}
	if len(msgs) < 300 {
		t.Fatalf("only %d messages", len(msgs))
	}
	used := map[Key]bool{}
	for _, m := range msgs {
		ko, ok := Gloss(KO, m)
		if !ok || ko == "" {
			t.Errorf("no gloss for %q", m)
		}
		for _, g := range glosses {
			if KO.T(g.key) == ko {
				used[g.key] = true
			}
		}
	}
	if _, ok := Gloss(KO, "something else entirely"); ok {
		t.Error("a gloss for a message PyTorch does not give")
	}
	t.Logf("%d messages, %d of %d glosses met", len(msgs), len(used), len(glosses))
}

// A gloss names the right problem, not just some problem.
func TestGlossPicksTheMessage(t *testing.T) {
	for msg, want := range map[string]Key{
		"Given groups=1, weight of size [20, 1, 5, 5], expected input[16, 3, 28, 28] to have 1 channels, but got 3 channels instead":           GlossChannels,
		"Calculated padded input size per channel: (3 x 3). Kernel size: (5 x 5). Kernel size can't be greater than actual input size":         GlossKernelTooBig,
		"mat1 and mat2 shapes cannot be multiplied (1x32 and 800x128)":                                                                         GlossLinear,
		"padding='same' is not supported for strided convolutions":                                                                             GlossSameStrided,
		"stride=9999 is out of range (limit ±4096)":                                                                                            GlossSettingRange,
		"Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (28, 28) at dimension 3 of input 4": GlossReflectTooWide,
	} {
		if got, _ := Gloss(EN, msg); got != EN.T(want) {
			t.Errorf("%q: gloss %q, want %q", msg, got, EN.T(want))
		}
	}
}
