package arch

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// torchFixture is testdata/torch_cases.json, PyTorch 1.13's verdict on
// network texts (scripts/arch_golden.py).
type torchFixture struct {
	Torch      string
	Signatures []struct {
		Kind, Qualname string
		Params         []struct {
			Name     string
			Required bool
			Default  string
		}
	}
	Cases []struct {
		Text   string
		Layers []map[string]any
		Error  *struct {
			Type, Msg string
			Line, Col int
		}
	}
}

func loadTorch(t *testing.T) torchFixture {
	t.Helper()
	data, err := os.ReadFile("testdata/torch_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var f torchFixture
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(f.Torch, "1.13") || len(f.Cases) < 100 {
		t.Fatalf("fixture from torch %s with %d cases", f.Torch, len(f.Cases))
	}
	return f
}

// TestSignaturesMatchTorch checks every layer's parameters, their order,
// which are required and their defaults against inspect.signature.
func TestSignaturesMatchTorch(t *testing.T) {
	f := loadTorch(t)
	if len(f.Signatures) != len(Kinds()) {
		t.Fatalf("%d signatures in the fixture, %d kinds", len(f.Signatures), len(Kinds()))
	}
	for i, want := range f.Signatures {
		k := Kinds()[i]
		sig := signatures[k]
		if k.String() != want.Kind || sig.qualname != want.Qualname || len(sig.params) != len(want.Params) {
			t.Errorf("%s (%s, %d params), torch has %s (%s, %d params)", k, sig.qualname, len(sig.params), want.Kind, want.Qualname, len(want.Params))
			continue
		}
		for j, p := range want.Params {
			got := sig.params[j]
			def := got.def.repr()
			if got.required {
				def = ""
			}
			if got.name != p.Name || got.required != p.Required || def != p.Default {
				t.Errorf("%s param %d: %s required=%v default %q, torch has %s required=%v default %q", k, j, got.name, got.required, def, p.Name, p.Required, p.Default)
			}
		}
	}
}

// TestParseMatchesTorch parses every text torch was given: what torch
// builds, Parse binds to the same attributes; Python's syntax errors and
// the TypeErrors of argument binding are Parse's errors, in Python's words
// and (for syntax errors) at Python's line and column; what torch refuses
// only when checking values (ValueError, a negative dimension) Parse
// accepts, leaving it to the layers.
func TestParseMatchesTorch(t *testing.T) {
	for _, c := range loadTorch(t).Cases {
		spec, err := Parse(c.Text)
		switch {
		case c.Error == nil:
			if err != nil {
				t.Errorf("%s: %v; torch accepts it", c.Text, err)
				continue
			}
			if len(spec.Layers) != len(c.Layers) {
				t.Errorf("%s: %d layers, torch has %d", c.Text, len(spec.Layers), len(c.Layers))
				continue
			}
			for i, l := range spec.Layers {
				if got := torchAttrs(t, l); !reflect.DeepEqual(got, c.Layers[i]) {
					t.Errorf("%s: layer %d is\n%v\ntorch has\n%v", c.Text, i, got, c.Layers[i])
				}
			}
		case c.Error.Type == "ValueError" || c.Error.Type == "RuntimeError":
			if err != nil {
				t.Errorf("%s: %v; torch's %s (%s) is the layers' to report", c.Text, err, c.Error.Type, c.Error.Msg)
			}
		default:
			e, ok := err.(*Error)
			if !ok {
				t.Errorf("%s: %v, want torch's %s: %s", c.Text, err, c.Error.Type, c.Error.Msg)
				continue
			}
			if !strings.HasPrefix(e.Msg, c.Error.Msg) {
				t.Errorf("%s: %q, want torch's %q", c.Text, e.Msg, c.Error.Msg)
			}
			// Python points "positional argument follows keyword
			// argument" at the closing parenthesis; Parse at the argument.
			if c.Error.Type == "SyntaxError" && (e.Line != c.Error.Line || e.Col != c.Error.Col && !strings.HasPrefix(e.Msg, "positional")) {
				t.Errorf("%s: at line %d, col %d, Python says line %d, col %d", c.Text, e.Line, e.Col, c.Error.Line, c.Error.Col)
			}
		}
	}
}

// torchAttrs is a layer's arguments as the fixture records a module's
// attributes (pairs as two-element lists; JSON's numbers).
func torchAttrs(t *testing.T, l Layer) map[string]any {
	a := map[string]any{"kind": l.Kind.String()}
	switch l.Kind {
	case Conv2d, ConvTranspose2d:
		c := l.Conv
		var padding any = c.Padding
		if c.PaddingString != "" {
			padding = c.PaddingString
		}
		a["in_channels"], a["out_channels"], a["kernel_size"], a["stride"] = c.InChannels, c.OutChannels, c.Kernel, c.Stride
		a["padding"], a["dilation"], a["groups"], a["bias"], a["padding_mode"] = padding, c.Dilation, c.Groups, c.Bias, c.PaddingMode
		if l.Kind == ConvTranspose2d {
			a["output_padding"] = l.OutputPadding
		}
	case MaxPool2d, AvgPool2d:
		a["kernel_size"], a["stride"], a["padding"] = l.Kernel, l.Stride, l.Padding
	case BatchNorm2d:
		a["num_features"], a["eps"], a["momentum"] = l.NumFeatures, l.Eps, l.Momentum
	case ReLU:
		a["inplace"] = l.Inplace
	case LeakyReLU:
		a["inplace"], a["negative_slope"] = l.Inplace, l.NegativeSlope
	case Dropout:
		a["inplace"], a["p"] = l.Inplace, l.P
	case Flatten:
		a["start_dim"], a["end_dim"] = l.StartDim, l.EndDim
	case Linear:
		a["in_features"], a["out_features"], a["bias"] = l.InFeatures, l.OutFeatures, l.Bias
	}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
