package state

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"convplayground/conv/npy"
)

// netExportCases are networks whose snippets PyTorch runs.
var netExportCases = []struct {
	name  string
	setup func(t *testing.T, s *State)
}{
	{"the trained LeNet (fc1 in the .npz)", func(t *testing.T, s *State) { s.Layers.LoadNetPreset(1) }},
	{"TinyVGG", func(t *testing.T, s *State) { s.Layers.LoadNetPreset(2) }},
	{"every kind, batch of 3", func(t *testing.T, s *State) {
		err := s.Layers.ApplyNet(`nn.Sequential(nn.Conv2d(1, 6, 3, padding=1), nn.BatchNorm2d(6), nn.LeakyReLU(0.2),
			nn.AvgPool2d(2), nn.Dropout(0.3), nn.Conv2d(6, 4, 3, stride=2), nn.Tanh(), nn.MaxPool2d(2, 1),
			nn.Flatten(), nn.Linear(100, 12), nn.Sigmoid())`)
		if err != nil {
			t.Fatal(err)
		}
		s.Step(SetBatch, +2)
	}},
}

// PyTorch runs the whole network's snippet (its state_dict loaded
// strictly, the .npz read with numpy) and prints every layer's shape; each
// layer's output equals the playground's within 1e-4·max(1,|y|).
func TestNetworkCodeRuns(t *testing.T) {
	for i, c := range netExportCases {
		s := fresh(t)
		c.setup(t, s)
		s.Recompute()
		dir := t.TempDir()
		code := s.Export.PyTorchCode()
		if err := os.WriteFile(filepath.Join(dir, "net.py"), []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
		z, err := s.Export.NetNPZ()
		if err != nil {
			t.Fatal(err)
		}
		if (z != nil) != (i == 0) || strings.Contains(code, NetNPZName) != (z != nil) {
			t.Errorf("%s: .npz %d bytes, the snippet names it: %v", c.name, len(z), strings.Contains(code, NetNPZName))
		}
		if z != nil {
			if err := os.WriteFile(filepath.Join(dir, NetNPZName), z, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := python(t, `
import os, sys, numpy as np
os.chdir(sys.argv[1])
g = {}
exec(open("net.py").read(), g)
for i, y in enumerate(g["ys"]):
    np.save("y%d.npy" % i, y.detach().numpy())`, dir)
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) != s.Layers.NumLayers() {
			t.Fatalf("%s: python printed %q", c.name, out)
		}
		for l := range s.Layers.NumLayers() {
			want := fmt.Sprintf("%d %s %s", l, s.Layers.LayerSpec(l).Kind, strings.ReplaceAll(fmt.Sprint(s.Layers.LayerShape(l)), " ", ", "))
			if lines[l] != want {
				t.Errorf("%s: PyTorch printed %q, want %q", c.name, lines[l], want)
			}
			shape, y, err := npy.Load(filepath.Join(dir, fmt.Sprintf("y%d.npy", l)))
			mine := s.Layers.LayerOutput(l)
			if err != nil || !equalShape(shape, mine.Shape) {
				t.Fatalf("%s: layer %d: %v %v", c.name, l, shape, err)
			}
			for j, v := range y {
				if d := math.Abs(float64(v - mine.Data[j])); d > 1e-4*max(1, math.Abs(float64(v))) {
					t.Fatalf("%s: layer %d: y[%d] = %v in PyTorch, %v here", c.name, l, j, v, mine.Data[j])
				}
			}
		}
	}
}

// The network's snippet is read in the code box: no line is wider than it
// (a Linear's rows of 128 or 160 weights wrap under their first number).
func TestNetworkCodeWidth(t *testing.T) {
	for _, c := range netExportCases {
		s := fresh(t)
		c.setup(t, s)
		s.Recompute()
		for i, l := range strings.Split(s.Export.PyTorchCode(), "\n") {
			if len([]rune(l)) > codeWidth {
				t.Errorf("%s: line %d has %d columns (the code box %d): %q", c.name, i+1, len([]rune(l)), codeWidth, l)
			}
		}
	}
}
