package livetrain

import (
	"os"
	"strings"
	"strconv"
	"testing"
	"time"

	"convplayground/nn/mnistdata"
)

// scratch: accuracy vs images for recipes. EXP="adam,0.001,16,0;sgd,0.05,32,0.9"
func TestExp(t *testing.T) {
	spec := os.Getenv("EXP")
	if spec == "" {
		t.Skip()
	}
	f, err := os.Open("../assets/mnist12k.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	s, err := mnistdata.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	d := Dataset{s.Train.Pixels, s.Train.Labels, s.Test.Pixels, s.Test.Labels}
	maxImages, _ := strconv.Atoi(os.Getenv("EXPN"))
	if maxImages == 0 {
		maxImages = 16000
	}
	for _, r := range strings.Split(spec, ";") {
		f := strings.Split(r, ",")
		lr, _ := strconv.ParseFloat(f[1], 64)
		b, _ := strconv.Atoi(f[2])
		mom, _ := strconv.ParseFloat(f[3], 64)
		every := 2000 / b
		cfg := Config{Optimizer: f[0], LR: lr, Batch: b, Momentum: mom, Seed: 1, TestEvery: every}
		w := NewWorker(time.Now)
		if err := w.Control(Message{Start: &cfg}); err != nil {
			t.Fatal(err)
		}
		w.Data(d)
		line := r + ":"
		t0 := time.Now()
		for w.s.step*b < maxImages {
			u, _, err := w.Next()
			if err != nil {
				t.Fatal(err)
			}
			if u.Test != nil {
				line += " " + strconv.Itoa(u.Test.Step*b/1000) + "k=" + strconv.FormatFloat(100*u.Test.Accuracy, 'f', 1, 64)
			}
		}
		t.Log(line, time.Since(t0).Round(time.Second))
	}
}
