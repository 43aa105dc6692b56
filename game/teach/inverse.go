package teach

import (
	"convplayground/conv"
)

// ShapeInverse is the shape inverse of a ConvTranspose2d: the Conv2d with
// the same kernel, stride, padding, dilation and groups (in and out
// swapped, conv.ConvTranspose2d.Inverse) read on the transposed output. It
// maps Sizes[a][0]..Sizes[a][1] all to the input's size on axis a (the
// floor division drops the rest), and the transposed layer makes
// Sizes[a][0] + output_padding of them: output_padding picks which one,
// and it is exact while output_padding is below the stride.
type ShapeInverse struct {
	Conv  conv.Conv2d
	Geom  conv.Geometry // the Conv2d on the transposed output's shape
	Err   error         // its refusal (Geom is then unset)
	Exact bool          // it gives the input's shape back
	Sizes [2][2]int     // per axis, the sizes it maps to the input's size
}

// InverseOf is the shape inverse of the transposed layer of geometry g.
func InverseOf(g conv.TransposeGeometry) ShapeInverse {
	c := g.Conv
	inv := ShapeInverse{Conv: c.Inverse()}
	for a := 0; a < 2; a++ {
		lo := g.Output[2+a] - c.OutputPadding[a]
		inv.Sizes[a] = [2]int{lo, lo + c.Stride[a] - 1}
	}
	inv.Geom, inv.Err = inv.Conv.Geometry(g.Output)
	inv.Exact = inv.Err == nil && inv.Geom.Output[2] == g.Input[2] && inv.Geom.Output[3] == g.Input[3]
	return inv
}
