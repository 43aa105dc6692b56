package conv

import "fmt"

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func shapeOf(t *Tensor) []int {
	if t == nil {
		return nil
	}
	return t.Shape
}

func shapeErr(what string, got, want []int) error {
	return fmt.Errorf("%s has shape %s, expected %s", what, fmtShape(got), fmtShape(want))
}
