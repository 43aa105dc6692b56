package modelfile

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestLayersAndConvs(t *testing.T) {
	ts, err := Load(filepath.Join("testdata", "cnn.pt"))
	if err != nil {
		t.Fatal(err)
	}
	var prefixes []string
	for _, l := range Layers(ts) {
		prefixes = append(prefixes, l.Prefix)
	}
	if want := []string{"features.0", "features.1", "features.3", "classifier"}; !slices.Equal(prefixes, want) {
		t.Errorf("layers %v, want %v", prefixes, want)
	}
	if l := Layers(ts)[1]; len(l.Tensors) != 5 || l.Tensors[4].Name != "features.1.num_batches_tracked" {
		t.Errorf("the batch norm layer has %d tensors", len(l.Tensors))
	}
	convs := Convs(ts)
	if len(convs) != 2 {
		t.Fatalf("%d convs, want 2", len(convs))
	}
	if c := convs[0]; c.Prefix != "features.0" || c.Weight.Name != "features.0.weight" || !slices.Equal(c.Weight.Shape, []int{4, 1, 3, 3}) || c.Bias == nil || c.Bias.Name != "features.0.bias" {
		t.Errorf("first conv %+v", c)
	}
	if c := convs[1]; c.Prefix != "features.3" || !slices.Equal(c.Weight.Shape, []int{6, 4, 3, 3}) || c.Bias != nil {
		t.Errorf("second conv (bias=False) %+v", c)
	}
	if Prefix("weight") != "" || Prefix("a.b.c") != "a.b" {
		t.Error("Prefix")
	}
	// A bias of the wrong length is not the conv's.
	odd := []Tensor{
		{Name: "w.weight", Shape: []int{2, 1, 3, 3}, DType: Float32, F32: make([]float32, 18)},
		{Name: "w.bias", Shape: []int{3}, DType: Float32, F32: make([]float32, 3)},
		{Name: "x.weight", Shape: []int{2, 1, 3, 3}, DType: Int64, I64: make([]int64, 18)},
	}
	if c := Convs(odd); len(c) != 1 || c[0].Bias != nil {
		t.Errorf("convs of odd tensors: %+v", c)
	}
}
