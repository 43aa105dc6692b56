package state

import (
	"slices"
	"testing"

	"convplayground/conv"
)

// batchHook is what the hook (package wasm/hook) reports of the batch.
type batchHook struct {
	Input, Weight, Output []int
	Code                  string
	Batch, Sample         int
}

func batchHookOf(t *testing.T, s *State) batchHook {
	t.Helper()
	h := batchHook{Input: s.InputShape(), Weight: s.Bank.WeightShape(), Output: []int{}, Code: s.Export.Code(), Batch: s.Input.N(), Sample: s.Sample}
	if s.Out != nil {
		h.Output = slices.Clone(s.Out.Shape)
	}
	return h
}

// withBatch steps the batch to n, checking the steps stop at 1 and MaxBatch.
func withBatch(t *testing.T, s *State, n int) {
	t.Helper()
	for s.Input.N() < n {
		if !s.Step(SetBatch, +1) {
			t.Fatalf("batch stuck at %d", s.Input.N())
		}
	}
	for s.Input.N() > n {
		s.Step(SetBatch, -1)
	}
}

// The MNIST example: a batch of 16 through Conv2d(1,20,5,1,2) is, sample
// by sample, conv.Forward of that sample (the drawing first, then MNIST
// test digits as the dataset stores them), also after a stroke recomputed
// sample 0 alone, and every value says [16,...].
func TestBatchIsForwardPerSample(t *testing.T) {
	s := fresh(t)
	if !s.Trained.LoadLearned() {
		t.Skip(s.Notice)
	}
	withBatch(t, s, MaxBatch)
	if s.Step(SetBatch, +1) || s.Input.N() != 16 {
		t.Fatalf("batch went past %d: %d", MaxBatch, s.Input.N())
	}
	s.Recompute()
	s.Input.Stroke(6, 6, 20, 22, false) // recomputes sample 0 alone
	s.Recompute()
	if s.Err != nil {
		t.Fatal(s.Err)
	}
	w, b := s.Model.Net.Conv1()
	for i := 0; i < 16; i++ {
		x := conv.Zeros(1, 1, 28, 28)
		if i == 0 {
			copy(x.Data, s.Canvas[:])
		} else {
			for j, p := range s.Digits[i-1].Pixels {
				x.Data[j] = float32(p) / 255
			}
		}
		y, err := conv.Forward(conv.New(1, 20, 5, 1, 2), x, w, b)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Out.Data[i*y.Len() : (i+1)*y.Len()]; !equal(got, y.Data) {
			t.Fatalf("sample %d of the batch differs from conv.Forward of it alone", i)
		}
	}
	h := batchHookOf(t, s)
	if !slices.Equal(h.Input, []int{16, 1, 28, 28}) || !slices.Equal(h.Output, []int{16, 20, 28, 28}) ||
		!slices.Equal(h.Weight, []int{20, 1, 5, 5}) || h.Batch != 16 {
		t.Errorf("hook: input %v weight %v output %v batch %d", h.Input, h.Weight, h.Output, h.Batch)
	}
	if want := "nn.Conv2d(1, 20, kernel_size=5, stride=1, padding=2)  # [16, 1, 28, 28] → [16, 20, 28, 28]"; h.Code != want || s.Export.Code() != want {
		t.Errorf("code %q, want %q", h.Code, want)
	}
	if sh := s.Export.Shapes(); !slices.Equal(sh.Input, []int{16, 1, 28, 28}) || !slices.Equal(sh.Output, []int{16, 20, 28, 28}) ||
		sh.Counts.N != 16 || sh.Counts.MACs != 6272000 {
		t.Errorf("shapes: %+v", sh)
	}
	bv := s.Input.BatchView()
	if bv.SharedWeight() != "one weight [20, 1, 5, 5] for all 16" || len(bv.Samples) != 16 ||
		bv.Samples[0].Source != "drawing" || bv.Samples[3].Source != "MNIST test #2" || bv.Samples[3].Label != s.Digits[2].Label {
		t.Errorf("batch view: %q, samples %+v", bv.SharedWeight(), bv.Samples)
	}
}

// SelectSample shows another sample's maps: the accessors read it, the
// maps' ranges are its own, and the batch is not recomputed.
func TestSelectSample(t *testing.T) {
	s := fresh(t)
	withBatch(t, s, 5)
	s.Recompute()
	ver := s.OutVersion
	if s.Input.SelectSample(5) || s.Notice != "no sample 5 in a batch of 5" || s.Sample != 0 {
		t.Errorf("sample 5 of 5: selected %d, notice %q", s.Sample, s.Notice)
	}
	if !s.Input.SelectSample(3) || s.Recompute() || s.OutVersion == ver {
		t.Fatal("selecting a sample: not shown, or the batch recomputed")
	}
	if got, want := s.InputValue(0, 14, 14), float32(s.Digits[2].Pixels[14*28+14])/255; got != want {
		t.Errorf("input of sample 3 at (14,14) = %v, MNIST says %v", got, want)
	}
	v, ok := s.Teach.OutValue(2, 10, 11)
	if !ok || v != s.Out.At(3, 2, 10, 11) || s.Input.MapPlane(2)[10*28+11] != v {
		t.Errorf("OutValue reads %v, not sample 3's %v", v, s.Out.At(3, 2, 10, 11))
	}
	sum, b, ok := explainSum(s, 2, 10, 11)
	if !ok || abs32(sum+b-v) > 1e-5 {
		t.Errorf("Explain on sample 3: %v + %v, map %v", sum, b, v)
	}
	lo, hi := slices.Min(s.Input.MapPlane(1)), slices.Max(s.Input.MapPlane(1))
	if s.MapMin[1] != lo || s.MapMax[1] != hi {
		t.Errorf("map 1 range [%v, %v], sample 3's is [%v, %v]", s.MapMin[1], s.MapMax[1], lo, hi)
	}
	s.Step(SetBatch, -1)
	s.Step(SetBatch, -1)
	s.Recompute()
	if s.Sample != 2 || s.Out.Shape[0] != 3 {
		t.Errorf("batch of 3: sample %d selected, output %v", s.Sample, s.Out.Shape)
	}
	s.Input.Stroke(3, 3, 9, 9, false)
	if s.Sample != 0 {
		t.Error("a stroke does not show the drawing's maps")
	}
}

func abs32(v float32) float32 { return max(v, -v) }

// A dropped .npy batch is the batch: its samples in order, N from the file;
// the photo slot gets an RGB one, with the file's samples beside it.
func TestLoadNPYBatch(t *testing.T) {
	for _, shape := range [][]int{{4, 1, 28, 28}, {16, 1, 28, 28}, {5, 3, 20, 12}} {
		s := fresh(t)
		n := shape[0] * shape[1] * shape[2] * shape[3]
		data := ramp(n)
		if err := s.Input.LoadNPY("b.npy", npyFile(t, shape, data)); err != nil {
			t.Fatal(err)
		}
		s.Recompute()
		if s.Err != nil || !slices.Equal(s.InputShape(), shape) || s.Out.Shape[0] != shape[0] {
			t.Fatalf("%v: input %v, err %v", shape, s.InputShape(), s.Err)
		}
		per := n / shape[0]
		for i := 0; i < shape[0]; i++ {
			for j := 0; j < per; j += 7 {
				c, y, x := j/(shape[2]*shape[3]), j/shape[3]%shape[2], j%shape[3]
				if got := s.Input.SampleValue(i, c, y, x); got != data[i*per+j] {
					t.Fatalf("%v: sample %d value %d = %v, file %v", shape, i, j, got, data[i*per+j])
				}
			}
		}
		if bv := s.Input.BatchView(); bv.Samples[1].Source != "b.npy [1]" {
			t.Errorf("%v: sample 1 is %q", shape, bv.Samples[1].Source)
		}
		// A later single picture replaces the file's batch.
		if err := s.Input.LoadNPY("one.npy", npyFile(t, shape[1:], data[:per])); err != nil {
			t.Fatal(err)
		}
		if s.Input.N() != shape[0] || s.Input.BatchView().Samples[1].Source == "b.npy [1]" {
			t.Errorf("%v: after a single file: N %d, sample 1 %q", shape, s.Input.N(), s.Input.BatchView().Samples[1].Source)
		}
	}
}

// Next to the RGB photo the default samples are MNIST digits resized to
// 64x64, grey in every channel, and the batch is still one conv.Forward.
func TestPhotoBatch(t *testing.T) {
	s := fresh(t)
	s.Input.SetPhoto(true)
	withBatch(t, s, 3)
	s.Recompute()
	if s.Err != nil || !slices.Equal(s.Out.Shape, []int{3, 8, 64, 64}) {
		t.Fatalf("photo batch: %v, %v", s.Err, s.Out.Shape)
	}
	if src := s.Input.BatchView().Samples[2].Source; src != "MNIST test #1, resized to 64x64, grey in 3 channels" {
		t.Errorf("sample 2: %q", src)
	}
	// Output pixel (⌊sy·64/28⌋, ⌊sx·64/28⌋) reads source pixels within
	// 0.44 of (sy, sx): inside a 2x2 block of one grey it is that grey, on
	// R, G and B.
	d := s.Digits[0].Pixels
	found := 0
	for sy := 1; sy < 28; sy++ {
		for sx := 1; sx < 28; sx++ {
			p := d[sy*28+sx]
			if p == 0 || d[(sy-1)*28+sx] != p || d[sy*28+sx-1] != p || d[(sy-1)*28+sx-1] != p {
				continue
			}
			found++
			y, x := sy*64/28, sx*64/28
			for c := 0; c < 3; c++ {
				if v := s.Input.SampleValue(1, c, y, x); abs32(v-float32(p)/255) > 1e-6 {
					t.Fatalf("sample 1 channel %d at (%d,%d) = %v inside a block of %d/255", c, y, x, v, p)
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no inked 2x2 block of one grey in MNIST test #0")
	}
}
