package nn

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"convplayground/conv"
)

// ChainCase is one case of testdata/torch_chain.json (scripts/nn_golden.py):
// conv1's settings, the input shape, and what PyTorch did with them.
type ChainCase struct {
	InChannels    int     `json:"in_channels"`
	OutChannels   int     `json:"out_channels"`
	Kernel        int     `json:"kernel"`
	Stride        int     `json:"stride"`
	Padding       int     `json:"padding"`
	PaddingString string  `json:"padding_string"`
	Dilation      int     `json:"dilation"`
	PaddingMode   string  `json:"padding_mode"`
	Input         []int   `json:"input"`
	Stages        [][]any `json:"stages"` // [name, shape]
	Broken        string  `json:"broken"`
	Error         string  `json:"error"`
}

// Conv2d is the case's conv1.
func (c ChainCase) Conv2d() conv.Conv2d {
	l := conv.New(c.InChannels, c.OutChannels, c.Kernel, c.Stride, c.Padding)
	l.PaddingString, l.Dilation, l.PaddingMode = c.PaddingString, [2]int{c.Dilation, c.Dilation}, conv.PaddingMode(c.PaddingMode)
	return l
}

func chainCases(t *testing.T) (c2, h int, cases []ChainCase) {
	t.Helper()
	b, err := os.ReadFile("testdata/torch_chain.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		C2, H int
		Cases []ChainCase
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.C2, f.H, f.Cases
}

// The chain with another conv1 follows PyTorch layer by layer: the same
// shapes, and the same layer refusing with the same message.
func TestChainFromAgainstPyTorch(t *testing.T) {
	c2, h, cases := chainCases(t)
	net, err := New(c2, h, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		ch := net.ChainFrom(c.Conv2d(), "", c.Input)
		var got [][]any
		for _, s := range ch.Stages {
			got = append(got, []any{s.Name, s.Shape})
		}
		if len(got) != len(c.Stages) {
			t.Errorf("%+v: %d stages %v, torch %d %v", c, len(got), got, len(c.Stages), c.Stages)
			continue
		}
		for i, s := range c.Stages {
			want := []int{}
			for _, v := range s[1].([]any) {
				want = append(want, int(v.(float64)))
			}
			if got[i][0] != s[0] || !slices.Equal(got[i][1].([]int), want) {
				t.Errorf("%v on %v: stage %d is %v, torch %v", c.Conv2d(), c.Input, i, got[i], s)
			}
		}
		msg := ""
		if ch.Err != nil {
			msg = ch.Err.Error()
		}
		if ch.Broken != c.Broken || msg != c.Error {
			t.Errorf("%v on %v: broken at %q with %q, torch at %q with %q", c.Conv2d(), c.Input, ch.Broken, msg, c.Broken, c.Error)
		}
	}
}

// PredictWith with the network's own conv1 is Predict; with a conv1 that
// breaks the chain it refuses with the chain's message.
func TestPredictWith(t *testing.T) {
	net, err := New(32, 128, 7)
	if err != nil {
		t.Fatal(err)
	}
	x := conv.Zeros(1, 1, Side, Side)
	for i := range x.Data {
		x.Data[i] = float32(i%29) / 29
	}
	want, err := net.Predict(x.Data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := net.PredictWith(FirstLayer{newNet(32).conv1, net.Params[0], net.Params[1]}, x)
	if err != nil || got != want {
		t.Errorf("PredictWith own conv1 = %v, %v; Predict %v", got, err, want)
	}
	s2 := conv.New(1, 20, 5, 2, 2)
	if _, err := net.PredictWith(FirstLayer{s2, net.Params[0], net.Params[1]}, x); err == nil ||
		err.Error() != "fc1: mat1 and mat2 shapes cannot be multiplied (1x32 and 800x128)" {
		t.Errorf("stride 2: %v", err)
	}
}
