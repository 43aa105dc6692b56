package game

import "testing"

// The header's shorter forms of the layer's code stay PyTorch: keywords
// become positional only in their place (output_padding=1 was cut to
// "output_1" by a replace of "padding=").
func TestCodeForms(t *testing.T) {
	for code, want := range map[string]string{
		"nn.ConvTranspose2d(1, 8, kernel_size=5, stride=2, padding=2, output_padding=1)":      "nn.ConvTranspose2d(1, 8, 5, 2, 2, 1)",
		"nn.Conv2d(1, 8, kernel_size=5, stride=1, padding=2, dilation=2, groups=1)":           "nn.Conv2d(1, 8, 5, 1, 2, 2, groups=1)",
		"nn.Conv2d(1, 8, kernel_size=5, stride=1, padding=2, groups=2, padding_mode='zeros')": "nn.Conv2d(1, 8, 5, 1, 2, groups=2, padding_mode='zeros')",
		"nn.ConvTranspose2d(1, 8, kernel_size=5, stride=1, padding=2, groups=2, dilation=2)":  "nn.ConvTranspose2d(1, 8, 5, 1, 2, groups=2, dilation=2)",
	} {
		forms := codeForms(code + "  # [16, 1, 28, 28] → [16, 8, 28, 28]")
		if got := forms[len(forms)-1]; got != want {
			t.Errorf("codeForms(%s): shortest %s, want %s", code, got, want)
		}
	}
}
