package arch

import "testing"

// FuzzParse checks that Parse never panics, that its errors are *Error at a
// place in the text, and that whatever it accepts prints as text that
// parses back to the same layers. The seeds run in go test.
func FuzzParse(f *testing.F) {
	for _, p := range Presets() {
		f.Add(p.Text)
	}
	for _, s := range []string{
		"nn.Sequential(nn.Conv2d(1, 20, (5, 3), 1, 'same', padding_mode=\"reflect\"), nn.ReLU(inplace=True),)",
		"model = torch.nn.Sequential(  # comment\n  Conv2d(1, 8, 3),\n\n  nn.LeakyReLU(-1e-5),\n  nn.BatchNorm2d(8, .5, 1.),\n)",
		"[nn.MaxPool2d(2, None), nn.AvgPool2d((2, 3), 1, (0, 1)), nn.Dropout(0), nn.Flatten(-3, -1), nn.Linear(10, 2, False)]",
		"nn.ConvTranspose2d(4, 2, 3, 2, 1, 1, 2, False, (1, 2)), nn.Sigmoid(), nn.Tanh()",
		"nn.Sequential(nn.Conv2d(1, 2, 3, stride=1, stride=2))",
		"nn.Sequential(nn.Conv2d(1, 2, 05, '",
		"nn.Sequential(nn.Conv2d(1, -0, -0.0, (((1)),), \"a'b\"))",
		"nn.Sequential(nn.BatchNorm2d(1, 1e-400, 123456789012345678.5))",
		"nn.Sequential(nn.Conv2d(1, 2, 3, padding_mode='\xff'))",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(text)
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Line < 1 || e.Col < 1 {
				t.Fatalf("%q: %#v", text, err)
			}
			return
		}
		roundTrip(t, s)
	})
}
