package conv

import (
	"fmt"
	"slices"
)

func shapeErr(what string, got, want []int) error {
	return fmt.Errorf("%s has shape %s, expected %s", what, FormatShape(got), FormatShape(want))
}

// tensorArg is a tensor argument of a call and the shape it must have.
type tensorArg struct {
	what     string
	t        *Tensor
	want     []int // nil: the layer has no such tensor (a bias without bias)
	optional bool  // t may be nil
}

// checkArgs returns an error for the first argument that is missing, does not
// have the shape wanted, or whose data do not fill its shape (the kernels
// index by shape and would panic).
func checkArgs(args ...tensorArg) error {
	for _, a := range args {
		switch {
		case a.t == nil && a.optional:
		case a.t == nil:
			return shapeErr(a.what, nil, a.want)
		case a.want == nil || !slices.Equal(a.t.Shape, a.want):
			return shapeErr(a.what, a.t.Shape, a.want)
		case len(a.t.Data) != Numel(a.t.Shape):
			return fmt.Errorf("%s of shape %s holds %d values, expected %d", a.what, FormatShape(a.t.Shape), len(a.t.Data), Numel(a.t.Shape))
		}
	}
	return nil
}
