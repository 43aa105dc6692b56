package nn

import (
	"fmt"
	"strings"
	"testing"

	"convplayground/conv"
	"convplayground/nn/arch"
)

// Any network of the supported layers on any small input shape runs
// forward and backward in both modes or returns an error: never a panic.
func FuzzSequential(f *testing.F) {
	f.Add([]byte{0, 3, 5, 9, 1, 2, 1, 8, 8, 2})
	f.Add([]byte{7, 7, 7, 1, 0, 0, 4, 1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		next := func() int {
			if len(b) == 0 {
				return 0
			}
			v := int(b[0])
			b = b[1:]
			return v
		}
		shape := []int{next() % 3, next() % 4, next() % 9, next() % 9}[:1+next()%4]
		var layers []string
		for range 1 + next()%4 {
			a, c := next()%5, next()%4
			layers = append(layers, [...]string{
				fmt.Sprintf("nn.Conv2d(%d, %d, %d, stride=%d, padding=%d, groups=%d)", a, c, next()%4, 1+next()%2, next()%3, 1+next()%2),
				"nn.ReLU()", "nn.Tanh()", "nn.Sigmoid()", "nn.LeakyReLU(0.5)",
				fmt.Sprintf("nn.MaxPool2d(%d, stride=%d, padding=%d)", next()%4, next()%3, next()%2),
				fmt.Sprintf("nn.AvgPool2d(%d, padding=%d)", next()%4, next()%2),
				fmt.Sprintf("nn.BatchNorm2d(%d)", a),
				"nn.Dropout(0.5)",
				fmt.Sprintf("nn.Flatten(%d)", next()%3-1),
				fmt.Sprintf("nn.Linear(%d, %d)", next()%12, c),
			}[next()%11])
		}
		spec, err := arch.Parse("nn.Sequential(" + strings.Join(layers, ", ") + ")")
		if err != nil {
			t.Fatal(err)
		}
		s, err := Build(spec)
		if err != nil {
			return
		}
		s.Reset(1)
		x := conv.Zeros(shape...)
		for _, train := range []bool{false, true} {
			s.Train = train
			y, err := s.Forward(x)
			if err != nil {
				return
			}
			if _, err := s.Backward(conv.Zeros(y.Shape...)); err != nil {
				t.Fatalf("%v on %v: Backward after a Forward: %v", layers, shape, err)
			}
		}
	})
}
