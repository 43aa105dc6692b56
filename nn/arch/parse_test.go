package arch

import (
	"strings"
	"testing"

	"convplayground/conv"
)

// TestParseGood parses texts in the forms a learner writes and checks the
// canonical text they come back as.
func TestParseGood(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"nn.Sequential(nn.Conv2d(1, 20, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(3920, 10))",
			"nn.Sequential(\n    nn.Conv2d(1, 20, 5, padding=2),\n    nn.ReLU(),\n    nn.MaxPool2d(2),\n    nn.Flatten(),\n    nn.Linear(3920, 10)\n)"},
		// One layer per line, comments, blank lines, trailing commas,
		// an assignment, every spelling of the module path.
		{"model = torch.nn.Sequential(  # the network\n\n    Conv2d(1, 8, kernel_size=(3, 5), stride=(2, 2),),  # conv\n    # a comment line\n    torch.nn.Tanh(),\n)\n",
			"nn.Sequential(\n    nn.Conv2d(1, 8, (3, 5), stride=2),\n    nn.Tanh()\n)"},
		{"nn.Sequential(nn.Conv2d(3, 6, 3, padding='same', padding_mode=\"reflect\", bias=False, dilation=2, groups=3))",
			"nn.Sequential(\n    nn.Conv2d(3, 6, 3, padding='same', dilation=2, groups=3, bias=False, padding_mode='reflect')\n)"},
		{"nn.Sequential(nn.Conv2d(3, 6, 3, padding=\"valid\"), nn.Conv2d(1, 1, 1, padding=(0, 0), dilation=(1, 1)))",
			"nn.Sequential(\n    nn.Conv2d(3, 6, 3, padding='valid'),\n    nn.Conv2d(1, 1, 1)\n)"},
		// Floats in Python's forms; an int where a float goes; negatives.
		{"nn.Sequential(nn.LeakyReLU(.2, True), nn.BatchNorm2d(4, 1E-3, momentum=0), nn.Dropout(p=1.), nn.LeakyReLU(-1e-2), nn.Flatten(-3, -2))",
			"nn.Sequential(\n    nn.LeakyReLU(negative_slope=0.2, inplace=True),\n    nn.BatchNorm2d(4, eps=0.001, momentum=0.0),\n    nn.Dropout(p=1.0),\n    nn.LeakyReLU(negative_slope=-0.01),\n    nn.Flatten(start_dim=-3, end_dim=-2)\n)"},
		{"nn.Sequential(nn.BatchNorm2d(4, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None), nn.Dropout(0.5), nn.LeakyReLU(0.01))",
			"nn.Sequential(\n    nn.BatchNorm2d(4),\n    nn.Dropout(),\n    nn.LeakyReLU()\n)"},
		// Pools: stride None is the kernel; the options at their defaults.
		{"nn.Sequential(nn.MaxPool2d(2, None, 0, 1, False, False), nn.MaxPool2d((2, 3), stride=(2, 3)), nn.AvgPool2d(3, 1, 1, False, True, None), nn.AvgPool2d(kernel_size=2, stride=(1, 2)))",
			"nn.Sequential(\n    nn.MaxPool2d(2),\n    nn.MaxPool2d((2, 3)),\n    nn.AvgPool2d(3, stride=1, padding=1),\n    nn.AvgPool2d(2, stride=(1, 2))\n)"},
		{"nn.Sequential(nn.ConvTranspose2d(4, 2, 3, 2, 1, 1, 2, False, (1, 2)), nn.Linear(in_features=8, out_features=2, bias=False))",
			"nn.Sequential(\n    nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=(1, 2)),\n    nn.Linear(8, 2, bias=False)\n)"},
		// (x) is x; the values PyTorch checks later stay as written.
		{"nn.Sequential(nn.Conv2d((1), 2, ((3)), groups=-1, padding='foo', padding_mode='mirror'))",
			"nn.Sequential(\n    nn.Conv2d(1, 2, 3, padding='foo', groups=-1, padding_mode='mirror')\n)"},
		// Without the Sequential: a list, or the layers alone.
		{"[nn.ReLU(), nn.Sigmoid(),]", "nn.Sequential(\n    nn.ReLU(),\n    nn.Sigmoid()\n)"},
		{"nn.Conv2d(1, 8, 5, padding=2)\n", "nn.Sequential(\n    nn.Conv2d(1, 8, 5, padding=2)\n)"},
		{"nn.ReLU(), nn.Tanh(),", "nn.Sequential(\n    nn.ReLU(),\n    nn.Tanh()\n)"},
		{"nn.Sequential()", "nn.Sequential()"},
		{"nn.Sequential(\n)", "nn.Sequential()"},
		{"[]", "nn.Sequential()"},
	} {
		s, err := Parse(c.text)
		if err != nil {
			t.Errorf("%q: %v", c.text, err)
			continue
		}
		if got := s.String(); got != c.want {
			t.Errorf("%q is\n%s\nwant\n%s", c.text, got, c.want)
		}
		roundTrip(t, s)
	}
}

// TestParseTyped checks the typed fields of one layer of each kind.
func TestParseTyped(t *testing.T) {
	s, err := Parse(`nn.Sequential(
    nn.Conv2d(1, 20, (5, 3), stride=2, padding=(2, 1), groups=1),
    nn.ConvTranspose2d(20, 4, 3, output_padding=(1, 0)),
    nn.MaxPool2d(2, padding=1),
    nn.AvgPool2d((2, 3), 1),
    nn.Linear(3920, 10, False),
    nn.BatchNorm2d(20, 1e-3, 0.5),
    nn.LeakyReLU(0.2),
    nn.Dropout(0.25, True),
    nn.Flatten(0, 2),
)`)
	if err != nil {
		t.Fatal(err)
	}
	conv1 := conv.Conv2d{InChannels: 1, OutChannels: 20, Kernel: [2]int{5, 3}, Stride: [2]int{2, 2}, Padding: [2]int{2, 1},
		Dilation: [2]int{1, 1}, Groups: 1, Bias: true, PaddingMode: "zeros"}
	tconv := conv.Conv2d{InChannels: 20, OutChannels: 4, Kernel: [2]int{3, 3}, Stride: [2]int{1, 1},
		Dilation: [2]int{1, 1}, Groups: 1, Bias: true, PaddingMode: "zeros"}
	want := []Layer{
		{Kind: Conv2d, Line: 2, Col: 5, Conv: conv1},
		{Kind: ConvTranspose2d, Line: 3, Col: 5, Conv: tconv, OutputPadding: [2]int{1, 0}},
		{Kind: MaxPool2d, Line: 4, Col: 5, Kernel: [2]int{2, 2}, Stride: [2]int{2, 2}, Padding: [2]int{1, 1}},
		{Kind: AvgPool2d, Line: 5, Col: 5, Kernel: [2]int{2, 3}, Stride: [2]int{1, 1}},
		{Kind: Linear, Line: 6, Col: 5, InFeatures: 3920, OutFeatures: 10},
		{Kind: BatchNorm2d, Line: 7, Col: 5, NumFeatures: 20, Eps: 1e-3, Momentum: 0.5},
		{Kind: LeakyReLU, Line: 8, Col: 5, NegativeSlope: 0.2},
		{Kind: Dropout, Line: 9, Col: 5, P: 0.25, Inplace: true},
		{Kind: Flatten, Line: 10, Col: 5, StartDim: 0, EndDim: 2},
	}
	if len(s.Layers) != len(want) {
		t.Fatalf("%d layers", len(s.Layers))
	}
	for i, l := range s.Layers {
		if l != want[i] {
			t.Errorf("layer %d is\n%+v\nwant\n%+v", i, l, want[i])
		}
	}
}

// TestParseErrors checks each mistake's message and place.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		// Syntax.
		{"", "line 1, col 1: expected nn.Sequential(...), found the end of the text"},
		{"  # nothing\n", "line 2, col 1: expected nn.Sequential(...), found the end of the text"},
		{"nn.Sequential(nn.ReLU()", "line 1, col 24: expected ',' or ')' after a layer, found the end of the text"},
		{"nn.Sequential(nn.ReLU() nn.Tanh())", "line 1, col 25: expected ',' or ')' after a layer, found nn"},
		{"nn.Sequential(nn.ReLU()))", "line 1, col 25: expected the end of the network, found ')'"},
		{"nn.Sequential(nn.ReLU)", "line 1, col 22: expected '(' after nn.ReLU, found ')'"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3,, 4))", "line 1, col 33: expected a value (a number, a string, True, False, None or a tuple), found ','"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3 4))", "line 1, col 33: expected ',' or ')' after an argument, found 4"},
		{"nn.Sequential(nn.Conv2d(1, 2, (3, 4 5)))", "line 1, col 37: expected ',' or ')' in a tuple, found 5"},
		{"nn.Sequential(nn.Conv2d(1, 2, x))", "line 1, col 31: expected a value (a number, a string, True, False, None or a tuple), found x"},
		{"nn.Sequential(nn.Conv2d(1, 2, -'a'))", "line 1, col 32: expected a number after '-', found the string 'a'"},
		{"nn.Sequential(nn.Conv2d(1, 2, 05))", "line 1, col 31: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
		{"nn.Sequential(nn.Conv2d(1, 2, 5x))", "line 1, col 31: invalid decimal literal"},
		{"nn.Sequential(nn.Conv2d(1, 2, 1e))", "line 1, col 31: invalid decimal literal"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3,\n  padding='same))", "line 2, col 11: unterminated string literal (detected at line 2)"},
		{`nn.Sequential(nn.Conv2d(1, 2, 3, padding='sa\me'))`, "line 1, col 45: escape sequences in strings are not supported"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3) $)", "line 1, col 34: unexpected character '$'"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3)…)", "line 1, col 33: invalid character '…' (U+2026)"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3, stride=1, stride=2))", "line 1, col 44: keyword argument repeated: stride"},
		{"nn.Sequential(nn.Conv2d(1, 2, stride=1,\n    3))", "line 2, col 5: positional argument follows keyword argument"},
		{"nn.Sequential(nn.Sequential(nn.ReLU()))", "line 1, col 15: a nested nn.Sequential is not supported: list its layers in the outer one"},
		{"nn.Sequential(nn.Conv2d(1, 2, 99999999999999999999))", "line 1, col 31: the integer 99999999999999999999 is too large"},
		{"nn.Sequential(nn.Dropout(1e999))", "line 1, col 26: the number 1e999 is out of a float's range"},
		{"nn.Sequential(nn.Dropout(" + strings.Repeat("9", 400) + "e9))", "line 1, col 26: the number 99999999999999999999… is out of a float's range"},
		// Layers and binding, in Python's words.
		{"nn.Sequential(\n    nn.ReLU(),\n    nn.Conv3d(1, 2, 3))", "line 3, col 5: unknown layer nn.Conv3d; the supported layers are nn.Conv2d, nn.ConvTranspose2d, nn.ReLU, nn.LeakyReLU, nn.Sigmoid, nn.Tanh, nn.MaxPool2d, nn.AvgPool2d, nn.BatchNorm2d, nn.Dropout, nn.Flatten, nn.Linear"},
		{"nn.Sequential(nn.relu())", "line 1, col 15: unknown layer nn.relu (did you mean nn.ReLU?); the supported layers are nn.Conv2d, nn.ConvTranspose2d, nn.ReLU, nn.LeakyReLU, nn.Sigmoid, nn.Tanh, nn.MaxPool2d, nn.AvgPool2d, nn.BatchNorm2d, nn.Dropout, nn.Flatten, nn.Linear"},
		{"nn.Sequential(torch.ReLU())", "line 1, col 15: unknown layer torch.ReLU (did you mean nn.ReLU?); the supported layers are nn.Conv2d, nn.ConvTranspose2d, nn.ReLU, nn.LeakyReLU, nn.Sigmoid, nn.Tanh, nn.MaxPool2d, nn.AvgPool2d, nn.BatchNorm2d, nn.Dropout, nn.Flatten, nn.Linear"},
		{"nn.Sequential(\n    nn.ReLU(),\n    nn.Conv2d(1, 20))", "line 3, col 20: Conv2d.__init__() missing 1 required positional argument: 'kernel_size'"},
		{"nn.Sequential(nn.Conv2d(1))", "line 1, col 26: Conv2d.__init__() missing 2 required positional arguments: 'out_channels' and 'kernel_size'"},
		{"nn.Sequential(nn.Linear())", "line 1, col 25: Linear.__init__() missing 2 required positional arguments: 'in_features' and 'out_features'"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3, 1, 0, 1, 1, True, 'zeros', None, None, 5))", "line 1, col 73: Conv2d.__init__() takes from 4 to 12 positional arguments but 13 were given"},
		{"nn.Sequential(nn.Sigmoid(1))", "line 1, col 26: Module.__init__() takes 1 positional argument but 2 were given"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3, 4, stride=2))", "line 1, col 37: Conv2d.__init__() got multiple values for argument 'stride'"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3, strides=2))", "line 1, col 34: Conv2d.__init__() got an unexpected keyword argument 'strides'; nn.Conv2d takes in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype"},
		{"nn.Sequential(nn.Tanh(inplace=True))", "line 1, col 23: Module.__init__() got an unexpected keyword argument 'inplace'; nn.Tanh takes "},
		// Types.
		{"nn.Sequential(nn.Conv2d(1.0, 2, 3))", "line 1, col 25: in_channels must be an int, got 1.0"},
		{"nn.Sequential(nn.Conv2d(1, 2, (3,)))", "line 1, col 31: kernel_size must be an int or a tuple of 2 ints, got (3,)"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3, stride=(1, 2, 3)))", "line 1, col 41: stride must be an int or a tuple of 2 ints, got (1, 2, 3)"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3, padding=None))", "line 1, col 42: padding must be an int or a tuple of 2 ints, got None"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3, bias=0))", "line 1, col 39: bias must be True or False, got 0"},
		{"nn.Sequential(nn.Conv2d(1, 2, 3, padding_mode=0))", "line 1, col 47: padding_mode must be a string, got 0"},
		{"nn.Sequential(nn.ConvTranspose2d(1, 2, 3, padding='same'))", "line 1, col 51: padding must be an int or a tuple of 2 ints, got 'same'"},
		{"nn.Sequential(nn.Dropout('0.5'))", "line 1, col 26: p must be a number, got '0.5'"},
		{"nn.Sequential(nn.Linear(10, (2, 2)))", "line 1, col 29: out_features must be an int, got (2, 2)"},
		{"nn.Sequential(nn.MaxPool2d(2, ()))", "line 1, col 31: stride must be an int or a tuple of 2 ints, got ()"},
		// What the playground does not implement.
		{"nn.Sequential(nn.MaxPool2d(2, ceil_mode=True))", "line 1, col 41: ceil_mode=True is not supported: the playground's pooling rounds the output size down (ceil_mode=False)"},
		{"nn.Sequential(nn.MaxPool2d(2, dilation=2))", "line 1, col 40: dilation=2 is not supported: the playground's max pooling has dilation 1"},
		{"nn.Sequential(nn.MaxPool2d(2, return_indices=True))", "line 1, col 46: return_indices=True is not supported: the playground's pooling returns only the pooled values"},
		{"nn.Sequential(nn.AvgPool2d(2, count_include_pad=False))", "line 1, col 49: count_include_pad=False is not supported: the playground's average pooling counts the padding in the window (count_include_pad=True)"},
		{"nn.Sequential(nn.AvgPool2d(2, divisor_override=3))", "line 1, col 48: divisor_override=3 is not supported: the playground's average pooling divides by the window's size"},
		{"nn.Sequential(nn.BatchNorm2d(4, affine=False))", "line 1, col 40: affine=False is not supported: the playground's BatchNorm2d always has a weight and a bias"},
		{"nn.Sequential(nn.BatchNorm2d(4, track_running_stats=False))", "line 1, col 53: track_running_stats=False is not supported: the playground's BatchNorm2d always keeps running statistics"},
		{"nn.Sequential(nn.BatchNorm2d(4, momentum=None))", "line 1, col 42: momentum=None is not supported: give a number such as 0.1 (None, a cumulative moving average, is not implemented)"},
		{"nn.Sequential(nn.Linear(4, 2, device='cuda'))", "line 1, col 38: device='cuda' is not supported: the playground runs on the CPU in float32"},
	} {
		_, err := Parse(c.text)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: %v, want %s", c.text, err, c.want)
			continue
		}
		if got := e.Error(); got != c.want && !(strings.HasSuffix(c.want, " ") && strings.HasPrefix(got, c.want)) {
			t.Errorf("%q:\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

// TestLayerShort checks the strip's labels.
func TestLayerShort(t *testing.T) {
	s, err := Parse("nn.Conv2d(1, 20, 5), nn.Conv2d(20, 32, (3, 5), stride=2), nn.ConvTranspose2d(4, 2, 2, 2), nn.MaxPool2d(2), nn.AvgPool2d(3, 1), nn.Linear(3920, 10), nn.ReLU(), nn.BatchNorm2d(20), nn.Dropout(0.25), nn.LeakyReLU(0.2), nn.Flatten(), nn.Sigmoid(), nn.Tanh()")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Conv2d 1→20 k5", "Conv2d 20→32 k3x5 s2", "ConvTranspose2d 4→2 k2 s2", "MaxPool2d 2", "AvgPool2d 3 s1", "Linear 3920→10", "ReLU", "BatchNorm2d 20", "Dropout 0.25", "LeakyReLU 0.2", "Flatten", "Sigmoid", "Tanh"}
	for i, l := range s.Layers {
		if got := l.Short(); got != want[i] {
			t.Errorf("%s: %q, want %q", l, got, want[i])
		}
	}
}

// TestPresets checks that each preset parses and is in canonical form (its
// Linear in_features were checked with torch on a 1x28x28 input).
func TestPresets(t *testing.T) {
	for _, p := range Presets() {
		s, err := Parse(p.Text)
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		if s.String() != p.Text {
			t.Errorf("%s is not canonical:\n%s", p.Name, s)
		}
		roundTrip(t, s)
	}
}

// roundTrip checks that the canonical text parses back to the same layers.
func roundTrip(t *testing.T, s Spec) {
	t.Helper()
	back, err := Parse(s.String())
	if err != nil {
		t.Fatalf("%s does not parse back: %v", s, err)
	}
	if !sameLayers(s, back) || back.String() != s.String() {
		t.Fatalf("%s parses back as %s (%+v, %+v)", s, back, s.Layers, back.Layers)
	}
}

// sameLayers compares the layers without their places in the text.
func sameLayers(a, b Spec) bool {
	if len(a.Layers) != len(b.Layers) {
		return false
	}
	for i := range a.Layers {
		x, y := a.Layers[i], b.Layers[i]
		x.Line, x.Col, y.Line, y.Col = 0, 0, 0, 0
		if x != y {
			return false
		}
	}
	return true
}
