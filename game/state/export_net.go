package state

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"

	"convplayground/conv"
	"convplayground/conv/npy"
)

// The whole network out of the playground: the nn.Sequential text, its
// state_dict (small parameters inline as nested lists, the others in an
// .npz saved beside the snippet, read with numpy: no torch.load), the
// input batch, and every layer's output shape printed as it runs.

// NetNPZName is the file the snippet reads the large parameters from.
const NetNPZName = "network_state.npz"

// inlineMax is the most values a parameter written into the snippet has
// (a 20x1x5x5 filter bank is 500; LeNet's fc1 102,400 goes to the .npz).
const inlineMax = 4096

// netEntry is one state_dict entry of the network on screen.
type netEntry struct {
	key   string
	t     *conv.Tensor // nil for a count
	count int64
}

// netState is the state_dict of the network: layer 0's weight and bias
// (the filter bank), then each later layer's.
func (ex *Export) netState() []netEntry {
	s := ex.s
	sd := []netEntry{{key: "0.weight", t: s.w}, {key: "0.bias", t: s.b}}
	for i, l := range s.Net.built {
		if l == nil {
			continue
		}
		for _, e := range l.State() {
			key := fmt.Sprintf("%d.%s", i+1, e.Name)
			if e.Count != nil {
				sd = append(sd, netEntry{key: key, count: *e.Count})
				continue
			}
			sd = append(sd, netEntry{key: key, t: e.Value})
		}
	}
	return sd
}

// networkCode is PyTorchCode for a network of more than one layer.
func (ex *Export) networkCode() string {
	s := ex.s
	var b strings.Builder
	b.WriteString("import torch\nfrom torch import nn\n")
	sd := s.Export.netState()
	big := false
	for _, e := range sd {
		big = big || e.t != nil && e.t.Len() > inlineMax
	}
	if big {
		b.WriteString("import numpy as np\n")
	}
	fmt.Fprintf(&b, "\nm = %s\n", s.Layers.NetText())
	b.WriteString("sd = {\n")
	for _, e := range sd {
		switch {
		case e.t == nil:
			fmt.Fprintf(&b, "    %q: torch.tensor(%d),\n", e.key, e.count)
		case len(e.t.Shape) == 1 && e.t.Len() <= inlineMax:
			fmt.Fprintf(&b, "    %q: torch.tensor(%s, dtype=torch.float32),\n", e.key, PyList(e.t.Data, len(e.key)+20, "    "))
		case e.t.Len() <= inlineMax:
			fmt.Fprintf(&b, "    %q: torch.tensor(\n        %s,\n        dtype=torch.float32),\n", e.key, PyNested(e.t.Data, e.t.Shape, "        "))
		}
	}
	b.WriteString("}\n")
	if big {
		fmt.Fprintf(&b, "# the larger parameters, saved beside this snippet (numpy reads them: no torch.load)\n")
		fmt.Fprintf(&b, "sd.update({k: torch.from_numpy(v) for k, v in np.load(%q).items()})\n", NetNPZName)
	}
	b.WriteString("m.load_state_dict(sd)\nm.eval()\n")
	b.WriteString(pyInput(s.x))
	b.WriteString("ys, h = [], x\nwith torch.no_grad():\n    for i, layer in enumerate(m):\n        h = layer(h)\n        ys.append(h)\n")
	b.WriteString("        print(i, type(layer).__name__, list(h.shape))\ny = h\n")
	return b.String()
}

// NetNPZ is the .npz the network's snippet reads its larger parameters
// from, nil when every parameter is in the snippet.
func (ex *Export) NetNPZ() ([]byte, error) {
	s := ex.s
	s.Recompute()
	if len(s.Net.Tail) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	n := 0
	for _, e := range s.Export.netState() {
		if e.t == nil || e.t.Len() <= inlineMax {
			continue
		}
		w, err := z.Create(e.key + ".npy")
		if err != nil {
			return nil, err
		}
		if err := npy.Write(w, e.t.Shape, e.t.Data); err != nil {
			return nil, err
		}
		n++
	}
	if err := z.Close(); err != nil || n == 0 {
		return nil, err
	}
	return buf.Bytes(), nil
}
