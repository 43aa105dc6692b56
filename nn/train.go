package nn

import (
	"fmt"
	"sync"
)

// Trainer trains a Net with Adam (torch.optim.Adam's update, no weight decay)
// on mini-batches of a fixed size. Each batch is split into fixed shares,
// one per goroutine, each running the network as its own Sequential; the
// shares' gradients are summed in a fixed order, so a run gives the same
// weights however the goroutines are scheduled.
type Trainer struct {
	Net    *Net
	LR     float64 // learning rate; change it between steps for a schedule
	batch  int
	shares []*share
	adam   *Adam // over shares[0]'s Sequential, whose gradients collect the sum
}

// NewTrainer prepares Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8) for batches
// of the given size split across the given number of goroutines.
func NewTrainer(net *Net, batch, goroutines int) (*Trainer, error) {
	if batch < 1 || goroutines < 1 || goroutines > batch {
		return nil, fmt.Errorf("nn: batch %d over %d goroutines", batch, goroutines)
	}
	t := &Trainer{Net: net, LR: 1e-3, batch: batch}
	for _, n := range split(batch, goroutines) {
		t.shares = append(t.shares, net.newShare(n, true))
	}
	var err error
	t.adam, err = NewAdam(t.shares[0].seq, t.LR)
	return t, err
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
	losses, corrects, errs := make([]float64, len(t.shares)), make([]int, len(t.shares)), make([]error, len(t.shares))
	var wg sync.WaitGroup
	off := 0
	for i, w := range t.shares {
		imgs, lbls := images[off*Side*Side:(off+w.n)*Side*Side], labels[off:off+w.n]
		off += w.n
		wg.Go(func() {
			copy(w.x.Data, imgs)
			losses[i], corrects[i], errs[i] = w.step(lbls, t.batch)
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
	sum := t.shares[0].seq.Params()
	for _, w := range t.shares[1:] {
		for k, p := range w.seq.Params() {
			addInto(sum[k].Grad.Data, p.Grad.Data)
		}
	}
	t.adam.LR = t.LR
	t.adam.Step()
	return loss / float64(t.batch), correct, nil
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
			ws := map[int]*share{}
			for start := g * batch; start < n && errs[g] == nil; start += goroutines * batch {
				size := min(batch, n-start)
				w := ws[size]
				if w == nil {
					w = net.newShare(size, false)
					ws[size] = w
				}
				copy(w.x.Data, images[start*Side*Side:(start+size)*Side*Side])
				for i, y := range labels[start : start+size] {
					w.labels[i] = int(y)
				}
				logits, err := w.forward()
				if err != nil {
					errs[g] = err
					return
				}
				l, err := CrossEntropy(logits, w.labels, nil)
				if err != nil {
					errs[g] = err
					return
				}
				losses[g] += l * float64(size)
				corrects[g] += w.correct()
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
