package conv

import "fmt"

func shapeOf(t *Tensor) []int {
	if t == nil {
		return nil
	}
	return t.Shape
}

func shapeErr(what string, got, want []int) error {
	return fmt.Errorf("%s has shape %s, expected %s", what, fmtShape(got), fmtShape(want))
}
