package nn

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"convplayground/assets"
	"convplayground/conv"
	"convplayground/nn/mnist"
)

// The real MNIST data from the GoMNIST module, read once for all tests.
var (
	mnistOnce             sync.Once
	mnistTrain, mnistTest *mnist.Set
	mnistErr              error
)

func loadMNIST(t testing.TB) (train, test *mnist.Set) {
	t.Helper()
	mnistOnce.Do(func() {
		dir, err := mnist.Dir()
		if err != nil {
			mnistErr = err
			return
		}
		mnistTrain, mnistTest, mnistErr = mnist.Load(dir)
	})
	if mnistErr != nil {
		t.Fatal(mnistErr)
	}
	return mnistTrain, mnistTest
}

// The committed weights classify the 10k MNIST test images at ≥ 99.0 %.
func TestDefaultWeightsAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: classifying the 10,000 test images takes a while")
	}
	net, err := defaultNet()
	if err != nil {
		t.Fatal(err)
	}
	if c2, h := net.Widths(); c2 != 32 || h != 128 {
		t.Errorf("widths C2=%d H=%d, the documentation says 32 and 128", c2, h)
	}
	_, test := loadMNIST(t)
	if test.Len() != 10000 {
		t.Fatalf("%d test images", test.Len())
	}
	acc, loss, err := Evaluate(net, test.Images, test.Labels, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test accuracy %.2f%%, loss %.4f", 100*acc, loss)
	if acc < 0.99 {
		t.Errorf("test accuracy %.2f%% < 99.0%%", 100*acc)
	}
	if math.Abs(acc-DefaultAccuracy) > 0.5e-4 {
		t.Errorf("test accuracy %.4f, DefaultAccuracy says %.4f: update it", acc, DefaultAccuracy)
	}
}

// A short training run on real digits lowers the loss on them.
func TestShortTrainingLowersLoss(t *testing.T) {
	train, _ := loadMNIST(t)
	const n = 300
	imgs, lbls := train.Images[:n*784], train.Labels[:n]
	net, err := New(8, 32, 7)
	if err != nil {
		t.Fatal(err)
	}
	_, before, err := Evaluate(net, imgs, lbls, 2)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrainer(net, 50, 2)
	if err != nil {
		t.Fatal(err)
	}
	tr.LR = 3e-3
	for epoch := 0; epoch < 5; epoch++ {
		for b := 0; b < n; b += 50 {
			if _, _, err := tr.Step(imgs[b*784:(b+50)*784], lbls[b:b+50]); err != nil {
				t.Fatal(err)
			}
		}
	}
	acc, after, err := Evaluate(net, imgs, lbls, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loss %.3f → %.3f, accuracy %.1f%%", before, after, 100*acc)
	if !(after < before*0.5) {
		t.Errorf("loss %.3f → %.3f: did not halve", before, after)
	}
}

// Every parameter gradient of the whole network (conv, ReLU, pooling,
// linear, softmax cross-entropy) matches a central finite difference. The
// network is piecewise smooth: a step that flips a ReLU or moves a pooling
// maximum crosses a kink, so such trials are skipped (the pattern of signs
// and maxima is compared), and the others must agree closely.
func TestNetworkGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	net, err := New(4, 8, 3)
	if err != nil {
		t.Fatal(err)
	}
	labels := []uint8{3, 7}
	w := net.newShare(len(labels), true)
	for i := range w.x.Data {
		w.x.Data[i] = r.Float32()
	}
	loss := func() (float64, uint64) {
		logits, err := w.forward()
		if err != nil {
			t.Fatal(err)
		}
		l, err := CrossEntropy(logits, []int{3, 7}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return l, pattern(w)
	}
	_, base := loss()
	if _, _, err := w.step(labels, len(labels)); err != nil {
		t.Fatal(err)
	}
	grads := w.seq.Params()
	for pi, p := range net.Params {
		g := grads[pi].Grad.Data
		checked := 0
		for try := 0; try < 40 && checked < 6; try++ {
			k := r.IntN(p.Len())
			v := p.Data[k]
			// The largest step that crosses no kink: the error of the
			// float32 forward pass (~1e-6 in the loss) weighs less.
			for _, eps := range []float32{1e-2, 3e-3, 1e-3, 3e-4} {
				p.Data[k] = v + eps
				lp, pp := loss()
				p.Data[k] = v - eps
				lm, pm := loss()
				p.Data[k] = v
				if pp != base || pm != base {
					continue
				}
				checked++
				num := (lp - lm) / (2 * float64(eps))
				if math.Abs(num-float64(g[k])) > 2e-6/float64(eps)+2e-3*math.Abs(num) {
					t.Errorf("%s[%d]: backward %g, finite difference %g (step %g)", paramNames[pi], k, g[k], num, eps)
				}
				break
			}
		}
		if checked < 3 {
			t.Errorf("%s: only %d kink-free trials", paramNames[pi], checked)
		}
	}
}

// pattern hashes which ReLUs pass and where each pooling maximum is.
func pattern(w *share) uint64 {
	h := fnv.New64a()
	for _, i := range []int{1, 4, 8} { // the ReLUs' outputs
		for _, v := range w.seq.Outputs()[i].Data {
			if v > 0 {
				h.Write([]byte{1})
			} else {
				h.Write([]byte{0})
			}
		}
	}
	binary.Write(h, binary.LittleEndian, w.seq.Layers[2].(*MaxPool2d).arg)
	binary.Write(h, binary.LittleEndian, w.seq.Layers[5].(*MaxPool2d).arg)
	return h.Sum64()
}

// linear and its backward against central differences of Σ y·gy, which is
// linear in x, W and b, so the difference quotient is exact up to rounding.
func TestLinearGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const n, in, out = 3, 7, 6 // out not a multiple of 4: the tail loop runs
	rnd := func(shape ...int) *conv.Tensor {
		x := conv.Zeros(shape...)
		for i := range x.Data {
			x.Data[i] = float32(r.NormFloat64())
		}
		return x
	}
	x, W, b, gy := rnd(n, in), rnd(out, in), rnd(out), rnd(n, out)
	y := make([]float32, n*out)
	loss := func() float64 {
		linear(y, x.Data, W, b, n, nil)
		var s float64
		for i, v := range y {
			s += float64(v) * float64(gy.Data[i])
		}
		return s
	}
	gx, gW, gb := make([]float32, n*in), conv.Zeros(out, in), conv.Zeros(out)
	linearBackward(gx, gW, gb, gy.Data, x.Data, W, n, &termList{})
	for name, c := range map[string]struct {
		p *conv.Tensor
		g []float32
	}{"x": {x, gx}, "W": {W, gW.Data}, "b": {b, gb.Data}} {
		for k := range c.p.Data {
			v := c.p.Data[k]
			c.p.Data[k] = v + 0.5
			lp := loss()
			c.p.Data[k] = v - 0.5
			lm := loss()
			c.p.Data[k] = v
			if num := lp - lm; math.Abs(num-float64(c.g[k])) > 1e-5*max(1, math.Abs(num)) {
				t.Errorf("grad %s[%d] = %g, finite difference %g", name, k, c.g[k], num)
			}
		}
	}
}

func TestPredict(t *testing.T) {
	net, err := defaultNet()
	if err != nil {
		t.Fatal(err)
	}
	_, test := loadMNIST(t)
	for i := 0; i < 20; i++ {
		p, err := net.Predict(test.Images[i*784 : (i+1)*784])
		if err != nil {
			t.Fatal(err)
		}
		var s float64
		for _, v := range p {
			s += float64(v)
		}
		if math.Abs(s-1) > 1e-4 {
			t.Errorf("probabilities sum to %g", s)
		}
		if Argmax(p[:]) != int(test.Labels[i]) {
			t.Logf("test image %d: label %d, predicted %d", i, test.Labels[i], Argmax(p[:]))
		}
	}
	x := test.Images[:784]
	if a := testing.AllocsPerRun(20, func() { net.Predict(x) }); a != 0 {
		t.Errorf("Predict allocates %v times per call", a)
	}
	if _, err := net.Predict(make([]float32, 100)); err == nil {
		t.Error("Predict accepted 100 pixels")
	}
}

func TestConv1AndShapeChain(t *testing.T) {
	net, err := New(32, 128, 1)
	if err != nil {
		t.Fatal(err)
	}
	w, b := net.Conv1()
	if !slices.Equal(w.Shape, []int{20, 1, 5, 5}) || !slices.Equal(b.Shape, []int{20}) {
		t.Errorf("Conv1 shapes %v %v", w.Shape, b.Shape)
	}
	w.Data[0] = 42 // a copy: the network is untouched
	if net.Params[0].Data[0] == 42 {
		t.Error("Conv1 returned the network's own weights")
	}
	var got []string
	for _, s := range net.ShapeChain(16) {
		got = append(got, conv.FormatShape(s.Shape))
	}
	want := "[16, 1, 28, 28] [16, 20, 28, 28] [16, 20, 28, 28] [16, 20, 14, 14] [16, 32, 10, 10] [16, 32, 10, 10] [16, 32, 5, 5] [16, 800] [16, 128] [16, 128] [16, 10]"
	if strings.Join(got, " ") != want {
		t.Errorf("shape chain %s\nwant %s", strings.Join(got, " "), want)
	}
	if s := net.ShapeChain(1)[1].String(); s != "conv1 Conv2d(1, 20, kernel_size=5, stride=1, padding=2) → [1, 20, 28, 28]" {
		t.Errorf("stage string %q", s)
	}
	// The chain is what the layers really produce.
	seq := net.Sequential()
	if _, err := seq.Forward(conv.Zeros(2, 1, Side, Side)); err != nil {
		t.Fatal(err)
	}
	chain := net.ShapeChain(2)
	for i, out := range seq.Outputs() {
		if !slices.Equal(chain[i+1].Shape, out.Shape) {
			t.Errorf("stage %s: chain says %v, layer makes %v", chain[i+1].Name, chain[i+1].Shape, out.Shape)
		}
	}
}

func saved(t *testing.T, net *Net) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := net.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSaveLoadRoundTrip(t *testing.T) {
	net, err := New(6, 10, 5)
	if err != nil {
		t.Fatal(err)
	}
	b := saved(t, net)
	// Header, then each tensor's ndim + dims + float16 data (2 bytes a value).
	size := 12
	for _, p := range net.Params {
		size += 4 + 4*len(p.Shape) + 2*p.Len()
	}
	if len(b) != size || string(b[:4]) != "CPNN" || binary.LittleEndian.Uint32(b[4:]) != 3 {
		t.Fatalf("%d bytes starting %q, version %d, want %d starting CPNN, version 3", len(b), b[:4], binary.LittleEndian.Uint32(b[4:]), size)
	}
	// conv1.weight's data start after the header, ndim and 4 dims: its 500
	// high bytes, then its 500 low bytes.
	for _, j := range []int{0, 1, 499} {
		h := uint16(b[32+j])<<8 | uint16(b[32+500+j])
		if want := halfBits(net.Params[0].Data[j]); h != want {
			t.Errorf("weight %d is %#04x in the file, want %#04x (%g rounded)", j, h, want, net.Params[0].Data[j])
		}
	}
	got, err := Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// Load gives the float16-rounded weights: within half a float16 step
	// of the originals (2^-11 relative; 2^-25 absolute for the tiny ones
	// float16 holds as subnormals), and saving them again is lossless.
	for i := range net.Params {
		if !slices.Equal(got.Params[i].Shape, net.Params[i].Shape) {
			t.Fatalf("%s: shape %v after a round trip, want %v", paramNames[i], got.Params[i].Shape, net.Params[i].Shape)
		}
		for j, v := range net.Params[i].Data {
			if d := math.Abs(float64(got.Params[i].Data[j] - v)); d > max(math.Abs(float64(v))/2048, 0x1p-25) {
				t.Fatalf("%s[%d]: %g after a round trip, was %g", paramNames[i], j, got.Params[i].Data[j], v)
			}
		}
	}
	if again := saved(t, got); !bytes.Equal(again, b) {
		t.Error("saving the loaded network gives different bytes")
	}
}

// A weight outside float16's range is refused, and nothing is written.
func TestSaveRefusesHugeWeight(t *testing.T) {
	net, err := New(4, 8, 5)
	if err != nil {
		t.Fatal(err)
	}
	net.Params[5].Data[3] = 70000
	var buf bytes.Buffer
	if err := net.Save(&buf); err == nil || !strings.Contains(err.Error(), "fc1.bias[3] = 70000") {
		t.Errorf("error %v, want one naming fc1.bias[3] = 70000", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written", buf.Len())
	}
}

func TestLoadMalformed(t *testing.T) {
	net, err := New(4, 8, 5)
	if err != nil {
		t.Fatal(err)
	}
	good := saved(t, net)
	put := func(b []byte, off int, v uint32) []byte {
		b = append([]byte(nil), b...)
		binary.LittleEndian.PutUint32(b[off:], v)
		return b
	}
	// conv1.weight's dims start at byte 16; its data at 32: the high bytes
	// of its 500 values, then their low bytes.
	putHalf := func(b []byte, i int, h uint16) []byte {
		b = append([]byte(nil), b...)
		b[32+i], b[32+500+i] = byte(h>>8), byte(h)
		return b
	}
	cases := map[string]struct {
		file []byte
		msg  string
	}{
		"empty":       {nil, "truncated"},
		"wrong magic": {append([]byte("PK\x03\x04"), good[4:]...), "not a weights file"},
		"version 1":   {put(good, 4, 1), "version 1, this build reads only version 3 (float16"},
		"version 2":   {put(good, 4, 2), "version 2, this build reads only version 3 (float16 weights in byte planes)"},
		"version 4":   {put(good, 4, 4), "version 4"},
		"count":       {put(good, 8, 7), "7 tensors"},
		"ndim":        {put(good, 12, 9), "9 dimensions"},
		"conv1 3x3":   {put(put(good, 24, 3), 28, 3), "conv1.weight has shape [20, 1, 3, 3], want [20, 1, 5, 5]"},
		"huge dim":    {put(good, 16, 1<<30), "too large"},
		"NaN":         {putHalf(good, 1, 0x7e00), "value 1 is NaN"},
		"Inf":         {putHalf(good, 0, 0xfc00), "value 0 is -Inf"},
		"Inf last":    {putHalf(good, 499, 0x7c00), "value 499 is +Inf"},
		"trailing":    {append(append([]byte(nil), good...), 0), "after the last tensor"},
	}
	for _, cut := range []int{3, 11, 14, 40, len(good) / 2, len(good) - 1} {
		cases[fmt.Sprint("truncated at ", cut)] = struct {
			file []byte
			msg  string
		}{good[:cut], "truncated"}
	}
	// A conv2.weight that does not match conv1's 20 channels.
	bad, _ := New(4, 8, 5)
	bad.Params[2].Shape = []int{4, 10, 5, 10}
	cases["conv2 in-channels"] = struct {
		file []byte
		msg  string
	}{saved(t, bad), "conv2.weight has shape [4, 10, 5, 10], want [4, 20, 5, 5]"}
	for name, c := range cases {
		_, err := Load(bytes.NewReader(c.file))
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want one containing %q", name, err, c.msg)
		}
	}
	// Every prefix fails cleanly, never panics.
	for cut := 0; cut < len(good); cut += 97 {
		if _, err := Load(bytes.NewReader(good[:cut])); err == nil {
			t.Fatalf("prefix of %d bytes accepted", cut)
		}
	}
}

func TestNewRejectsWidths(t *testing.T) {
	for _, w := range [][2]int{{0, 10}, {10, 0}, {MaxWidth + 1, 10}} {
		if _, err := New(w[0], w[1], 1); err == nil {
			t.Errorf("New(%d, %d) accepted", w[0], w[1])
		}
	}
	net, _ := New(2, 2, 1)
	if _, err := NewTrainer(net, 0, 1); err == nil {
		t.Error("batch 0 accepted")
	}
	tr, _ := NewTrainer(net, 2, 1)
	if _, _, err := tr.Step(make([]float32, 2*784), []uint8{1, 12}); err == nil {
		t.Error("label 12 accepted")
	}
}

// BenchmarkTrainStep reports training throughput (images/s) of the default
// network on batches of 50 split over 2 goroutines, as cmd/train runs.
func BenchmarkTrainStep(b *testing.B) {
	net, err := New(32, 128, 1)
	if err != nil {
		b.Fatal(err)
	}
	tr, err := NewTrainer(net, 50, 2)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	imgs, lbls := make([]float32, 50*784), make([]uint8, 50)
	for i := range imgs {
		imgs[i] = r.Float32()
	}
	for i := range lbls {
		lbls[i] = uint8(r.IntN(10))
	}
	b.ResetTimer()
	for range b.N {
		if _, _, err := tr.Step(imgs, lbls); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(50*b.N)/b.Elapsed().Seconds(), "images/s")
}

func BenchmarkPredict(b *testing.B) {
	net, err := New(32, 128, 1)
	if err != nil {
		b.Fatal(err)
	}
	x := make([]float32, 784)
	for range b.N {
		net.Predict(x)
	}
}

// defaultNet is the committed network, from the bytes package assets embeds.
func defaultNet() (*Net, error) {
	b, err := assets.FS.ReadFile(DefaultFile)
	if err != nil {
		return nil, err
	}
	return Default(b)
}
