package nn

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/conv/npy"
	"convplayground/internal/golden"
	"convplayground/nn/arch"
)

// The fixtures of scripts/nn_layers_golden.py (torch 1.13): layers with
// random settings and random small networks, forward and every gradient;
// K steps of SGD and Adam; what torch refuses, at which layer.
const layersDir = "testdata/layers"

type layerCase struct{ golden.LayerCase }

func layerCases(t *testing.T) []layerCase {
	t.Helper()
	cs, err := golden.LayerCases(layersDir)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]layerCase, len(cs))
	for i, c := range cs {
		out[i] = layerCase{c}
	}
	return out
}

// arrays reads a case's .npz: by name, and in the file's order.
func (c layerCase) arrays(t *testing.T) (map[string]npy.Array, []npy.Array) {
	t.Helper()
	as, err := c.Arrays(layersDir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]npy.Array{}
	for _, a := range as {
		m[a.Name] = a
	}
	return m, as
}

// stateDict is the arrays whose names start with "state.", in order, as a
// state_dict for LoadStateDict.
func stateDict(as []npy.Array) []Named {
	var sd []Named
	for _, a := range as {
		key, ok := strings.CutPrefix(a.Name, "state.")
		if !ok {
			continue
		}
		if a.I64 != nil {
			sd = append(sd, Named{Key: key, Entry: Entry{Count: &a.I64[0]}})
		} else {
			sd = append(sd, Named{Key: key, Entry: Entry{Value: &conv.Tensor{Shape: a.Shape, Data: a.F32}}})
		}
	}
	return sd
}

func tensor(a npy.Array) *conv.Tensor { return &conv.Tensor{Shape: a.Shape, Data: a.F32} }

// worst tracks the largest error relative to max(1, |want|) of a test.
type worst struct {
	err  float64
	what string
}

// near checks got against want within tol·max(1, |want|) per element.
func (w *worst) near(t *testing.T, what string, got *conv.Tensor, want npy.Array, tol float64) {
	t.Helper()
	if fmt.Sprint(got.Shape) != fmt.Sprint(want.Shape) && !(len(want.Shape) == 0 && len(got.Data) == 1) {
		t.Errorf("%s: shape %v, torch %v", what, got.Shape, want.Shape)
		return
	}
	for i, v := range want.F32 {
		e := math.Abs(float64(got.Data[i])-float64(v)) / max(1, math.Abs(float64(v)))
		if e > w.err || e != e {
			w.err, w.what = e, what
		}
		if !(e <= tol) {
			t.Errorf("%s[%d] = %g, torch %g", what, i, got.Data[i], v)
			return
		}
	}
}

// checkState compares every state_dict entry of s with torch's (prefix "after.").
func (w *worst) checkState(t *testing.T, s *Sequential, as map[string]npy.Array, tol float64) {
	t.Helper()
	for _, e := range s.StateDict() {
		want, ok := as["after."+e.Key]
		switch {
		case !ok:
			t.Errorf("%s: not in torch's state_dict", e.Key)
		case e.Count != nil:
			if *e.Count != want.I64[0] {
				t.Errorf("%s = %d, torch %d", e.Key, *e.Count, want.I64[0])
			}
		default:
			w.near(t, e.Key, e.Value, want, tol)
		}
	}
}

func buildText(t *testing.T, text string) *Sequential {
	t.Helper()
	spec, err := arch.Parse(text)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	s, err := Build(spec)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return s
}

func TestLayersAgainstPyTorch(t *testing.T) {
	var fwd, grad, train worst
	counts := map[string]int{}
	for _, c := range layerCases(t) {
		t.Run(fmt.Sprintf("%03d_%s", c.ID, c.Kind), func(t *testing.T) {
			counts[c.Kind]++
			switch c.Kind {
			case "grad":
				checkGrad(t, c, &fwd, &grad)
			case "train":
				checkTrain(t, c, &train)
			case "error":
				checkError(t, c)
			case "load":
				checkLoad(t, c, &fwd)
			case "loss":
				labels := make([]int, len(c.Labels))
				for i, l := range c.Labels {
					labels[i] = int(l)
				}
				if _, err := CrossEntropy(conv.Zeros(c.Input...), labels, nil); err == nil || err.Error() != c.Error {
					t.Errorf("cross_entropy of %v with labels %v: %v, torch %q", c.Input, c.Labels, err, c.Error)
				}
			default:
				t.Fatalf("unknown case kind %q", c.Kind)
			}
		})
	}
	t.Logf("cases %v; largest error relative to max(1,|torch|): forward %.2g (%s), gradients %.2g (%s), after training %.2g (%s)",
		counts, fwd.err, fwd.what, grad.err, grad.what, train.err, train.what)
	if counts["grad"] < 50 || counts["train"] < 15 || counts["error"] < 20 || counts["load"] < 5 || counts["loss"] < 3 {
		t.Errorf("too few cases: %v", counts)
	}
}

// checkGrad: the forward output, the state after it (BatchNorm's running
// statistics in training) and the gradients of (out·gy).sum().
func checkGrad(t *testing.T, c layerCase, fwd, grad *worst) {
	as, list := c.arrays(t)
	s := buildText(t, c.Text)
	for i, l := range s.Layers {
		if i < len(c.Repr) && l.String() != c.Repr[i] {
			t.Errorf("layer %d prints as %s, torch %s", i, l, c.Repr[i])
		}
	}
	if err := s.LoadStateDict(stateDict(list)); err != nil {
		t.Fatal(err)
	}
	s.Train = c.Train
	out, err := s.Forward(tensor(as["x"]))
	if err != nil {
		t.Fatal(err)
	}
	fwd.near(t, "out", out, as["out"], 1e-4)
	fwd.checkState(t, s, as, 1e-4)
	gx, err := s.Backward(tensor(as["gy"]))
	if err != nil {
		t.Fatal(err)
	}
	grad.near(t, "gx", gx, as["gx"], 1e-4)
	for _, p := range s.Params() {
		grad.near(t, "grad."+p.Key, p.Grad, as["grad."+p.Key], 1e-4)
	}
}

// checkTrain: K steps of cross_entropy and SGD or Adam, then every
// parameter and buffer within 1e-4·max(1, |w|), and each step's loss.
func checkTrain(t *testing.T, c layerCase, w *worst) {
	as, list := c.arrays(t)
	s := buildText(t, c.Text)
	if err := s.LoadStateDict(stateDict(list)); err != nil {
		t.Fatal(err)
	}
	s.Train = true
	var opt Optimizer
	var err error
	if c.Optim == "adam" {
		opt, err = NewAdam(s, c.LR)
	} else {
		opt, err = NewSGD(s, c.LR, c.Momentum)
	}
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]int, len(as["labels"].I64))
	for i, v := range as["labels"].I64 {
		labels[i] = int(v)
	}
	x := tensor(as["x"])
	losses := &conv.Tensor{Shape: []int{c.Steps}, Data: make([]float32, c.Steps)}
	for step := range c.Steps {
		loss, err := TrainStep(s, opt, x, labels)
		if err != nil {
			t.Fatal(err)
		}
		losses.Data[step] = float32(loss)
	}
	w.near(t, "losses", losses, as["losses"], 1e-4)
	w.checkState(t, s, as, 1e-4)
}

// checkError: the network is refused at the same layer with torch's first line.
func checkError(t *testing.T, c layerCase) {
	spec, err := arch.Parse(c.Text)
	if err != nil {
		t.Fatalf("%s: %v", c.Text, err)
	}
	s, err := Build(spec)
	if err == nil {
		s.Train = c.Train
		_, err = s.Forward(conv.Zeros(c.Input...))
	}
	var le *LayerError
	if !errors.As(err, &le) {
		t.Fatalf("%s on %v: %v, want torch's %q at layer %d", c.Text, c.Input, err, c.Error, c.Layer)
	}
	if le.Index != c.Layer || le.Err.Error() != c.Error {
		t.Errorf("%s on %v:\nlayer %d: %q\ntorch, layer %d: %q", c.Text, c.Input, le.Index, le.Err, c.Layer, c.Error)
	}
}

// checkLoad: load_state_dict's whole message, or the output after loading
// (float64 values converted).
func checkLoad(t *testing.T, c layerCase, fwd *worst) {
	as, list := c.arrays(t)
	s := buildText(t, c.Text)
	err := s.LoadStateDict(stateDict(list))
	if c.Error != "" {
		if err == nil || err.Error() != c.Error {
			t.Errorf("load_state_dict: %v\ntorch: %s", err, c.Error)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.Forward(tensor(as["x"]))
	if err != nil {
		t.Fatal(err)
	}
	fwd.near(t, "out", out, as["out"], 1e-4)
}
