package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"convplayground/conv/npy"
	"convplayground/internal/golden"
)

// cmd/net against torch 1.13 on the random networks of
// scripts/nn_layers_golden.py (package nn's fixtures): eval forward, the
// state_dict after training steps, load_state_dict's refusals and the
// layers' refusals, through files and the command line.
const fixtures = "../../nn/testdata/layers"

type fixture struct{ golden.LayerCase }

func loadFixtures(t *testing.T) []fixture {
	cs, err := golden.LayerCases(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]fixture, len(cs))
	for i, c := range cs {
		out[i] = fixture{c}
	}
	return out
}

// files writes a case's arch text, its "state." arrays as a state_dict
// .npz, x and labels into dir, and returns the arrays by name.
func (f fixture) files(t *testing.T, dir string) map[string]npy.Array {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "arch.txt"), []byte(f.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	byName := map[string]npy.Array{}
	if f.File == "" {
		return byName
	}
	as, err := f.Arrays(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	var state []npy.Array
	for _, a := range as {
		byName[a.Name] = a
		if key, ok := strings.CutPrefix(a.Name, "state."); ok {
			a.Name = key
			state = append(state, a)
		}
	}
	if err := npy.SaveNPZ(filepath.Join(dir, "state.npz"), state); err != nil {
		t.Fatal(err)
	}
	x := byName["x"]
	if err := npy.Save(filepath.Join(dir, "x.npy"), x.Shape, x.F32); err != nil {
		t.Fatal(err)
	}
	if l, ok := byName["labels"]; ok {
		var b bytes.Buffer
		if err := npy.WriteInt64(&b, l.Shape, l.I64); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "labels.npy"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return byName
}

// netRun runs the command and returns its exit status, stdout and stderr.
func netRun(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// near compares within tol·max(1, |want|) and returns the largest such error.
func near(t *testing.T, what string, got, want npy.Array, tol float64) float64 {
	t.Helper()
	if fmt.Sprint(got.Shape) != fmt.Sprint(want.Shape) {
		t.Errorf("%s: shape %v, torch %v", what, got.Shape, want.Shape)
		return math.Inf(1)
	}
	worst := 0.0
	for i, v := range want.F32 {
		e := math.Abs(float64(got.F32[i]-v)) / max(1, math.Abs(float64(v)))
		worst = max(worst, e)
		if !(e <= tol) {
			t.Errorf("%s[%d] = %g, torch %g", what, i, got.F32[i], v)
			return e
		}
	}
	return worst
}

func TestNetAgainstPyTorch(t *testing.T) {
	counts := map[string]int{}
	var worst float64
	for _, f := range loadFixtures(t) {
		eval := f.Kind == "load" && f.Error == "" ||
			f.Kind == "grad" && (!f.Train || !strings.Contains(f.Text, "BatchNorm") && !strings.Contains(f.Text, "Dropout"))
		if f.Kind == "grad" && !eval {
			continue // training-mode forward: package nn's own test
		}
		t.Run(fmt.Sprintf("%03d_%s", f.ID, f.Kind), func(t *testing.T) {
			dir := t.TempDir()
			as := f.files(t, dir)
			in := func(name string) string { return filepath.Join(dir, name) }
			switch {
			case eval:
				code, _, stderr := netRun("-arch", in("arch.txt"), "-weights", in("state.npz"), "-x", in("x.npy"), "-o", in("out.npy"))
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				shape, data, err := npy.Load(filepath.Join(dir, "out.npy"))
				if err != nil {
					t.Fatal(err)
				}
				worst = max(worst, near(t, "out", npy.Array{Shape: shape, F32: data}, as["out"], 1e-4))
			case f.Kind == "train":
				code, _, stderr := netRun("-arch", in("arch.txt"), "-weights", in("state.npz"), "-x", in("x.npy"), "-labels", in("labels.npy"),
					"-train-steps", fmt.Sprint(f.Steps), "-lr", fmt.Sprint(f.LR), "-optim", f.Optim, "-momentum", fmt.Sprint(f.Momentum), "-save", in("after.npz"))
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				after, err := npy.LoadNPZ(filepath.Join(dir, "after.npz"))
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range after {
					want, ok := as["after."+a.Name]
					switch {
					case !ok:
						t.Errorf("%s is not in torch's state_dict", a.Name)
					case a.DType == npy.Int64:
						if a.I64[0] != want.I64[0] || want.DType != npy.Int64 {
							t.Errorf("%s = %d, torch %v", a.Name, a.I64[0], want.I64)
						}
					default:
						worst = max(worst, near(t, a.Name, a, want, 1e-4))
					}
				}
			default: // a refusal: load_state_dict's or a layer's
				args := []string{"-arch", in("arch.txt"), "-x", in("x.npy")}
				switch {
				case f.Kind == "load":
					args = append(args, "-weights", in("state.npz"), "-o", in("out.npy"))
				case f.Kind == "loss": // logits [N, C] straight through, labels refused
					if err := os.WriteFile(in("arch.txt"), []byte("nn.Sequential(nn.Flatten())"), 0o644); err != nil {
						t.Fatal(err)
					}
					var b bytes.Buffer
					if err := npy.WriteInt64(&b, []int{len(f.Labels)}, f.Labels); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(in("labels.npy"), b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					args = append(args, "-labels", in("labels.npy"), "-train-steps", "1")
				case f.Train: // BatchNorm's refusal of one value per channel
					writeLabels(t, dir, f.Input[0])
					args = append(args, "-labels", in("labels.npy"), "-train-steps", "1")
				default:
					args = append(args, "-o", in("out.npy"))
				}
				if f.Kind == "error" || f.Kind == "loss" {
					if err := npy.Save(in("x.npy"), f.Input, make([]float32, product(f.Input))); err != nil {
						t.Fatal(err)
					}
				}
				code, _, stderr := netRun(args...)
				first, _, _ := strings.Cut(f.Error, "\n")
				if code != 1 || !strings.HasPrefix(stderr, first+"\n") {
					t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and torch's %q", code, stderr, first)
				}
			}
			counts[f.Kind]++
		})
	}
	t.Logf("cases %v; largest error relative to max(1,|torch|) %.2g", counts, worst)
	if counts["grad"] < 8 || counts["train"] < 15 || counts["error"] < 20 || counts["load"] < 5 || counts["loss"] < 3 {
		t.Errorf("too few cases: %v", counts)
	}
}

func product(s []int) int {
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}

// writeLabels writes n zero labels (int64) to dir/labels.npy.
func writeLabels(t *testing.T, dir string, n int) {
	var b bytes.Buffer
	if err := npy.WriteInt64(&b, []int{n}, make([]int64, n)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "labels.npy"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The command line: what is refused with status 2, -summary's table, the
// text from stdin, and the default initialisation from -seed.
func TestNetCommandLine(t *testing.T) {
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	text := "nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(36, 10))"
	if err := os.WriteFile(in("arch.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := npy.Save(in("x.npy"), []int{2, 1, 8, 8}, make([]float32, 128)); err != nil {
		t.Fatal(err)
	}
	// No products, but a billion steps is still too much work.
	if err := os.WriteFile(in("relu.txt"), []byte("nn.Sequential(nn.Flatten(), nn.ReLU())"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeLabels(t, dir, 2)
	for _, args := range [][]string{
		{},
		{"-arch", in("arch.txt")},
		{"-arch", in("arch.txt"), "-x", in("x.npy")}, // nothing to do
		{"-arch", in("arch.txt"), "-x", in("x.npy"), "-o", in("o.npy"), "-bogus"},
		{"-arch", in("missing.txt"), "-x", in("x.npy"), "-o", in("o.npy")},
		{"-arch", in("x.npy"), "-x", in("x.npy"), "-o", in("o.npy")}, // not a network text
		{"-arch", in("arch.txt"), "-x", in("arch.txt"), "-o", in("o.npy")},
		{"-arch", in("arch.txt"), "-x", in("x.npy"), "-weights", in("x.npy"), "-o", in("o.npy")},
		{"-arch", in("arch.txt"), "-x", in("x.npy"), "-o", in("o.npy"), "-max-macs", "1000"},
		{"-arch", in("relu.txt"), "-x", in("x.npy"), "-labels", in("labels.npy"), "-train-steps", "1000000000"},
		{"-arch", in("arch.txt"), "-x", in("x.npy"), "-train-steps", "2"},
		{"-arch", in("arch.txt"), "-x", in("x.npy"), "-labels", in("x.npy"), "-train-steps", "2", "-optim", "rmsprop"},
		{"-arch", in("arch.txt"), "-x", in("x.npy"), "-labels", in("x.npy"), "-train-steps", "2"}, // float labels
	} {
		if code, _, stderr := netRun(args...); code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}

	// A constructor's TypeError is Python refusing the network: status 1, its message first.
	if err := os.WriteFile(in("typo.txt"), []byte("nn.Sequential(nn.Conv2d(1, 4))"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := netRun("-arch", in("typo.txt"), "-x", in("x.npy"), "-o", in("o.npy"))
	if want := "Conv2d.__init__() missing 1 required positional argument: 'kernel_size'\n"; code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}

	code, stdout, stderr := netRun("-arch", in("arch.txt"), "-x", in("x.npy"), "-summary")
	if code != 0 {
		t.Fatalf("-summary: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"├─Conv2d: 1-1", "[2, 4, 6, 6]", "├─Linear: 1-6", "[2, 10]", "Total params: 418", "Total mult-adds: 3,312", "Sequential      "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("-summary lacks %q:\n%s", want, stdout)
		}
	}

	// A broken chain: the table up to the layer that refuses, then PyTorch's message.
	if err := os.WriteFile(in("broken.txt"), []byte("nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten(), nn.Linear(47, 10))"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = netRun("-arch", in("broken.txt"), "-x", in("x.npy"), "-summary")
	if want := "mat1 and mat2 shapes cannot be multiplied (2x144 and 47x10)\n"; code != 1 || !strings.HasPrefix(stderr, want) ||
		!strings.Contains(stdout, "[2, 144]") || !strings.Contains(stdout, "ERROR") {
		t.Errorf("-summary of a broken chain: exit %d, stdout\n%s\nstderr %q; want 1 and %q", code, stdout, stderr, want)
	}

	// The text from stdin; two runs with one seed initialise alike, another seed not.
	save := func(seed, name string) []npy.Array {
		var out, errb bytes.Buffer
		args := []string{"-arch", "-", "-x", in("x.npy"), "-seed", seed, "-save", in(name)}
		if code := run(args, strings.NewReader(text), &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		as, err := npy.LoadNPZ(in(name))
		if err != nil {
			t.Fatal(err)
		}
		return as
	}
	a, b, c := save("7", "a.npz"), save("7", "b.npz"), save("8", "c.npz")
	keys := []string{}
	for _, e := range a {
		keys = append(keys, e.Name)
	}
	if got := strings.Join(keys, " "); got != "0.weight 0.bias 1.weight 1.bias 1.running_mean 1.running_var 1.num_batches_tracked 5.weight 5.bias" {
		t.Errorf("state_dict keys %s", got)
	}
	if fmt.Sprint(a[0].F32) != fmt.Sprint(b[0].F32) || fmt.Sprint(a[0].F32) == fmt.Sprint(c[0].F32) {
		t.Error("-seed does not decide the initialisation")
	}
	// kaiming_uniform(a=√5): |w| ≤ 1/√fan_in, fan_in = 9 for the conv, 36 for the Linear.
	for _, k := range []struct {
		i     int
		bound float64
	}{{0, 1.0 / 3}, {1, 1.0 / 3}, {7, 1.0 / 6}, {8, 1.0 / 6}} {
		lo, hi := 0.0, 0.0
		for _, v := range a[k.i].F32 {
			lo, hi = min(lo, float64(v)), max(hi, float64(v))
		}
		if hi > k.bound || lo < -k.bound || hi-lo < k.bound/2 {
			t.Errorf("%s in [%g, %g], want spread over ±%g", a[k.i].Name, lo, hi, k.bound)
		}
	}
	if fmt.Sprint(a[2].F32) != fmt.Sprint([]float32{1, 1, 1, 1}) || fmt.Sprint(a[5].F32) != fmt.Sprint([]float32{1, 1, 1, 1}) || a[6].I64[0] != 0 {
		t.Errorf("BatchNorm2d init: weight %v, running_var %v, num_batches_tracked %v", a[2].F32, a[5].F32, a[6].I64)
	}
}
