package modelfile

import "strings"

// Layer is the tensors of one layer: those whose names share the prefix
// before the last dot ("features.0" for features.0.weight and
// features.0.bias).
type Layer struct {
	Prefix  string
	Tensors []*Tensor
}

// Prefix is a tensor name's layer: the name up to its last dot ("" for a
// name without one).
func Prefix(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return ""
}

// Layers groups the tensors by layer, in the order each layer first appears.
func Layers(ts []Tensor) []Layer {
	var layers []Layer
	index := map[string]int{}
	for i := range ts {
		p := Prefix(ts[i].Name)
		j, ok := index[p]
		if !ok {
			j = len(layers)
			index[p] = j
			layers = append(layers, Layer{Prefix: p})
		}
		layers[j].Tensors = append(layers[j].Tensors, &ts[i])
	}
	return layers
}

// Conv is a convolution's weights found in a model: Weight is a float
// tensor [Cout, Cin, k, k], Bias its layer's float "bias" of shape [Cout],
// or nil when the layer has none.
type Conv struct {
	Prefix       string
	Weight, Bias *Tensor
}

// Convs picks the conv layers, in the model's order: the layers whose float
// "weight" has the shape [Cout, Cin, k, k] (non-empty), each with its float
// "bias" when that has the shape [Cout].
func Convs(ts []Tensor) []Conv {
	var convs []Conv
	for _, l := range Layers(ts) {
		var c Conv
		for _, t := range l.Tensors {
			switch last := strings.TrimPrefix(t.Name, l.Prefix+"."); {
			case t.F32 == nil:
			case last == "weight" && len(t.Shape) == 4 && t.Shape[2] == t.Shape[3] && t.Shape[0]*t.Shape[1]*t.Shape[2] > 0:
				c.Weight = t
			case last == "bias" && len(t.Shape) == 1:
				c.Bias = t
			}
		}
		if c.Weight == nil {
			continue
		}
		if c.Bias != nil && c.Bias.Shape[0] != c.Weight.Shape[0] {
			c.Bias = nil
		}
		c.Prefix = l.Prefix
		convs = append(convs, c)
	}
	return convs
}
