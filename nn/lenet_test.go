package nn

import (
	"math"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/nn/arch"
)

// The committed network is arch.LeNet's nn.Sequential text: built from the
// text, with the Net's state_dict loaded, it computes the Net's logits bit
// for bit (so it has the Net's 99.28 %, TestDefaultWeightsAccuracy).
func TestLeNetIsTheSequentialText(t *testing.T) {
	net, err := defaultNet()
	if err != nil {
		t.Fatal(err)
	}
	spec, err := arch.Parse(arch.LeNet)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	own := net.Sequential()
	if err := s.LoadStateDict(own.StateDict()); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, e := range s.StateDict() {
		keys = append(keys, e.Key)
	}
	if got := strings.Join(keys, " "); got != "0.weight 0.bias 3.weight 3.bias 7.weight 7.bias 9.weight 9.bias" {
		t.Errorf("state_dict keys %s", got)
	}
	_, test := loadMNIST(t)
	x := conv.FromData(test.Images[:16*784], 16, 1, Side, Side)
	a, err := s.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	b, err := own.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Data {
		if math.Float32bits(a.Data[i]) != math.Float32bits(b.Data[i]) {
			t.Fatalf("logit %d: %v from the text, %v from the Net", i, a.Data[i], b.Data[i])
		}
	}
	for i := range 16 {
		p, err := net.Predict(test.Images[i*784 : (i+1)*784])
		if err != nil {
			t.Fatal(err)
		}
		if Argmax(p[:]) != Argmax(a.Data[i*Classes:(i+1)*Classes]) {
			t.Errorf("image %d: Predict and the Sequential disagree", i)
		}
	}
}
