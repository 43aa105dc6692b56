package lesson

import (
	"strconv"
	"testing"

	"convplayground/nn/arch"
)

func TestLink(t *testing.T) {
	n := len(Steps())
	for i := 0; i < n; i++ {
		got, open, ok := FromLink(LinkValue(i, true))
		if got != i || !open || !ok {
			t.Errorf("step %d: back as %d, %v, %v", i, got, open, ok)
		}
	}
	if LinkValue(3, true) != "4" || LinkValue(3, false) != "off" {
		t.Errorf("values %q, %q", LinkValue(3, true), LinkValue(3, false))
	}
	if _, open, ok := FromLink("off"); open || !ok {
		t.Error("off is not a closed card")
	}
	for _, v := range []string{"", "0", "-1", strconv.Itoa(n + 1), "x", "3.5", " 3"} {
		if _, _, ok := FromLink(v); ok {
			t.Errorf("FromLink(%q) accepted", v)
		}
	}
}

// The layers the steps name are those kinds in the LeNet's nn.Sequential.
func TestLeNetLayer(t *testing.T) {
	spec, err := arch.Parse(arch.LeNet)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"conv1": "Conv2d", "pool1": "MaxPool2d", "conv2": "Conv2d", "pool2": "MaxPool2d", "flatten": "Flatten", "fc1": "Linear", "fc2": "Linear"}
	for name, kind := range want {
		i := LeNetLayer(name)
		if i >= len(spec.Layers) || spec.Layers[i].Kind.String() != kind {
			t.Errorf("%s: layer %d is not a %s", name, i, kind)
		}
	}
	for _, st := range Steps() {
		if _, ok := want[st.Set.Layer]; st.Set.Layer != "" && !ok {
			t.Errorf("step %s names layer %q", st.ID, st.Set.Layer)
		}
	}
}
