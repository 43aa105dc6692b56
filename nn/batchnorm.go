package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"convplayground/conv"
)

// BatchNorm2d is nn.BatchNorm2d(num_features, eps, momentum) with affine
// weight and bias and running statistics (PyTorch's defaults). In training
// it normalises with the batch's mean and biased variance and moves the
// running mean and the running (unbiased) variance by momentum; in eval it
// normalises with the running statistics.
type BatchNorm2d struct {
	Eps, Momentum                         float64
	Weight, Bias, RunningMean, RunningVar Entry
	Tracked                               int64 // num_batches_tracked

	// What Forward used, per channel, for Backward, and whether they were
	// the batch's.
	mean, invstd []float64
	trained      bool
}

// NewBatchNorm2d is nn.BatchNorm2d(n, eps, momentum): weight 1, bias 0,
// running mean 0 and variance 1.
func NewBatchNorm2d(n int, eps, momentum float64) (*BatchNorm2d, error) {
	if n < 0 {
		return nil, fmt.Errorf("Trying to create tensor with negative dimension %d: [%d]", n, n)
	}
	if n > conv.MaxElements {
		return nil, fmt.Errorf("BatchNorm2d(%d) is too large (limit %d features)", n, conv.MaxElements)
	}
	b := &BatchNorm2d{Eps: eps, Momentum: momentum,
		Weight: param("weight", n), Bias: param("bias", n),
		RunningMean: Entry{Name: "running_mean", Value: conv.Zeros(n)},
		RunningVar:  Entry{Name: "running_var", Value: conv.Zeros(n)},
		mean:        make([]float64, n), invstd: make([]float64, n),
	}
	b.reset(nil)
	return b, nil
}

func (b *BatchNorm2d) features() int { return b.Weight.Value.Len() }

func (b *BatchNorm2d) String() string {
	return fmt.Sprintf("BatchNorm2d(%d, eps=%s, momentum=%s, affine=True, track_running_stats=True)", b.features(), pyFloat(b.Eps), pyFloat(b.Momentum))
}

func (b *BatchNorm2d) State() []Entry {
	return []Entry{b.Weight, b.Bias, b.RunningMean, b.RunningVar, {Name: "num_batches_tracked", Count: &b.Tracked}}
}

// reset is reset_parameters and reset_running_stats (no randomness).
func (b *BatchNorm2d) reset(*rand.Rand) {
	for i := range b.Weight.Value.Data {
		b.Weight.Value.Data[i], b.Bias.Value.Data[i] = 1, 0
		b.RunningMean.Value.Data[i], b.RunningVar.Value.Data[i] = 0, 1
	}
	b.Tracked = 0
}

// OutShape is _BatchNormBase's input check, then batch_norm's of the
// running statistics' size. (Training's "more than 1 value per channel"
// is Forward's: it depends on the mode.)
func (b *BatchNorm2d) OutShape(in []int) ([]int, error) {
	if len(in) != 4 {
		return nil, fmt.Errorf("expected 4D input (got %dD input)", len(in))
	}
	if in[1] != b.features() {
		return nil, fmt.Errorf("running_mean should contain %d elements not %d", in[1], b.features())
	}
	return in, nil
}

func (b *BatchNorm2d) Forward(y, x *conv.Tensor, train bool) error {
	n, c, hw := x.Shape[0], x.Shape[1], x.Shape[2]*x.Shape[3]
	count := n * hw
	if train && count == 1 { // (an empty batch passes, as in PyTorch)
		return fmt.Errorf("Expected more than 1 value per channel when training, got input size %s", sizeString(x.Shape))
	}
	for ch := range c {
		mean, invstd := float64(b.RunningMean.Value.Data[ch]), 1/math.Sqrt(float64(b.RunningVar.Value.Data[ch])+b.Eps)
		if train && count > 0 {
			var s float64
			for i := range n {
				for _, v := range x.Data[(i*c+ch)*hw:][:hw] {
					s += float64(v)
				}
			}
			mean = s / float64(count)
			var ss float64
			for i := range n {
				for _, v := range x.Data[(i*c+ch)*hw:][:hw] {
					d := float64(v) - mean
					ss += d * d
				}
			}
			invstd = 1 / math.Sqrt(ss/float64(count)+b.Eps)
			// In double, as ATen's batch_norm_cpu_update_stats_template.
			m := b.Momentum
			rm, rv := b.RunningMean.Value.Data, b.RunningVar.Value.Data
			rm[ch] = float32(m*mean + (1-m)*float64(rm[ch]))
			rv[ch] = float32(m*ss/float64(count-1) + (1-m)*float64(rv[ch]))
		}
		b.mean[ch], b.invstd[ch] = mean, invstd
		scale := invstd * float64(b.Weight.Value.Data[ch])
		shift := float64(b.Bias.Value.Data[ch]) - mean*scale
		for i := range n {
			off := (i*c + ch) * hw
			for j, v := range x.Data[off : off+hw] {
				y.Data[off+j] = float32(float64(v)*scale + shift)
			}
		}
	}
	if train {
		b.Tracked++
	}
	b.trained = train
	return nil
}

// Backward: in training the batch statistics depend on x too, so
// gx = w·invstd·(gy − mean(gy) − x̂·mean(gy·x̂)); in eval gx = w·invstd·gy.
func (b *BatchNorm2d) Backward(gx, gy, x, _ *conv.Tensor) error {
	n, c, hw := x.Shape[0], x.Shape[1], x.Shape[2]*x.Shape[3]
	count := float64(n * hw)
	for ch := range c {
		mean, invstd := b.mean[ch], b.invstd[ch]
		var sum, dot float64 // Σ gy, Σ gy·(x − mean)
		for i := range n {
			off := (i*c + ch) * hw
			for j, g := range gy.Data[off : off+hw] {
				sum += float64(g)
				dot += float64(g) * (float64(x.Data[off+j]) - mean)
			}
		}
		b.Weight.Grad.Data[ch] += float32(dot * invstd)
		b.Bias.Grad.Data[ch] += float32(sum)
		if gx == nil {
			continue
		}
		w := float64(b.Weight.Value.Data[ch])
		var gmean, k float64 // subtracted in training only
		if b.trained && count > 0 {
			gmean, k = sum/count, dot*invstd*invstd/count
		}
		for i := range n {
			off := (i*c + ch) * hw
			for j, g := range gy.Data[off : off+hw] {
				d := float64(x.Data[off+j]) - mean
				gx.Data[off+j] = float32((float64(g) - gmean - d*k) * invstd * w)
			}
		}
	}
	return nil
}
