package nn

import (
	"fmt"
	"math"
	"sync"
)

// Trainer trains a Net with Adam (torch.optim.Adam's update, no weight decay)
// on mini-batches of a fixed size. Each batch is split into fixed shares,
// one per goroutine; the shares' gradients are summed in a fixed order, so a
// run gives the same weights however the goroutines are scheduled.
type Trainer struct {
	Net               *Net
	LR                float64 // learning rate; change it between steps for a schedule
	Beta1, Beta2, Eps float64
	batch             int
	shares            []*worker
	m, v              [8][]float32 // Adam moments
	step              int
}

// NewTrainer prepares Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8) for batches
// of the given size split across the given number of goroutines.
func NewTrainer(net *Net, batch, goroutines int) (*Trainer, error) {
	if batch < 1 || goroutines < 1 || goroutines > batch {
		return nil, fmt.Errorf("nn: batch %d over %d goroutines", batch, goroutines)
	}
	t := &Trainer{Net: net, LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, batch: batch}
	for _, n := range split(batch, goroutines) {
		w, err := newWorker(net, n)
		if err != nil {
			return nil, err
		}
		t.shares = append(t.shares, w)
	}
	for i, p := range net.Params {
		t.m[i], t.v[i] = make([]float32, p.Len()), make([]float32, p.Len())
	}
	return t, nil
}

// split divides n into k near-equal parts.
func split(n, k int) []int {
	parts := make([]int, k)
	for i := range parts {
		parts[i] = n / k
		if i < n%k {
			parts[i]++
		}
	}
	return parts
}

// Step trains on one batch: images holds batch×784 pixels ([0,1], see the
// package comment), labels batch digits. It returns the batch's mean
// cross-entropy loss (before the update) and how many images it classified right.
func (t *Trainer) Step(images []float32, labels []uint8) (loss float64, correct int, err error) {
	if len(labels) != t.batch || len(images) != t.batch*Side*Side {
		return 0, 0, fmt.Errorf("nn: Step wants %d images and labels, got %d pixels and %d labels", t.batch, len(images), len(labels))
	}
	for _, y := range labels {
		if y >= Classes {
			return 0, 0, fmt.Errorf("nn: label %d is not a digit", y)
		}
	}
	losses, corrects, errs := make([]float64, len(t.shares)), make([]int, len(t.shares)), make([]error, len(t.shares))
	var wg sync.WaitGroup
	off := 0
	for i, w := range t.shares {
		imgs, lbls := images[off*Side*Side:(off+w.n)*Side*Side], labels[off:off+w.n]
		off += w.n
		wg.Go(func() {
			copy(w.x.Data, imgs)
			if errs[i] = w.forward(t.Net); errs[i] == nil {
				losses[i], corrects[i], errs[i] = w.backward(t.Net, lbls, 1/float32(t.batch))
			}
		})
	}
	wg.Wait()
	for i := range t.shares {
		if errs[i] != nil {
			return 0, 0, errs[i]
		}
		loss += losses[i]
		correct += corrects[i]
	}
	t.adam()
	return loss / float64(t.batch), correct, nil
}

// adam sums the shares' gradients and applies one Adam update.
func (t *Trainer) adam() {
	t.step++
	c1 := 1 - math.Pow(t.Beta1, float64(t.step))
	c2 := 1 - math.Pow(t.Beta2, float64(t.step))
	lr := float32(t.LR / c1)
	b1, b2, eps := float32(t.Beta1), float32(t.Beta2), float32(t.Eps)
	sqrtC2 := float32(math.Sqrt(c2))
	for i, p := range t.Net.Params {
		g := t.shares[0].grads[i].Data
		for _, w := range t.shares[1:] {
			for k, v := range w.grads[i].Data {
				g[k] += v
			}
		}
		m, v := t.m[i], t.v[i]
		for k, gk := range g {
			m[k] = b1*m[k] + (1-b1)*gk
			v[k] = b2*v[k] + (1-b2)*gk*gk
			// torch: p -= lr/c1 · m / (√v/√c2 + eps)
			p.Data[k] -= lr * m[k] / (float32(math.Sqrt(float64(v[k])))/sqrtC2 + eps)
		}
	}
}

// Evaluate classifies images (n×784 pixels) and returns the accuracy in
// [0,1] and the mean cross-entropy loss, using the given number of goroutines.
func Evaluate(net *Net, images []float32, labels []uint8, goroutines int) (acc, loss float64, err error) {
	const batch = 100
	n := len(labels)
	if len(images) != n*Side*Side || n == 0 {
		return 0, 0, fmt.Errorf("nn: Evaluate got %d pixels for %d labels", len(images), n)
	}
	goroutines = max(1, min(goroutines, (n+batch-1)/batch))
	losses, corrects, errs := make([]float64, goroutines), make([]int, goroutines), make([]error, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			ws := map[int]*worker{}
			for start := g * batch; start < n && errs[g] == nil; start += goroutines * batch {
				size := min(batch, n-start)
				w := ws[size]
				if w == nil {
					if w, errs[g] = newWorker(net, size); errs[g] != nil {
						return
					}
					ws[size] = w
				}
				copy(w.x.Data, images[start*Side*Side:(start+size)*Side*Side])
				if errs[g] = w.forward(net); errs[g] != nil {
					return
				}
				for i, y := range labels[start : start+size] {
					if y >= Classes {
						errs[g] = fmt.Errorf("nn: label %d is not a digit", y)
						return
					}
					p := w.probs.Data[i*Classes : (i+1)*Classes]
					losses[g] -= math.Log(max(float64(p[y]), 1e-30))
					if Argmax(p) == int(y) {
						corrects[g]++
					}
				}
			}
		})
	}
	wg.Wait()
	correct := 0
	for g := range goroutines {
		if errs[g] != nil {
			return 0, 0, errs[g]
		}
		loss += losses[g]
		correct += corrects[g]
	}
	return float64(correct) / float64(n), loss / float64(n), nil
}
