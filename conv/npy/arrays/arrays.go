// Package arrays is what package npy hands out for an .npz, a named array
// and NumPy's dtype names, apart from npy's readers: a program that only
// takes arrays (nn, and so the training worker) links neither npy's zip and
// flate nor its file code. npy's Array and dtype constants are these.
package arrays

// The dtypes npy reads, by NumPy's names.
const (
	Float32 = "float32"
	Float64 = "float64"
	Int64   = "int64"
	Int32   = "int32"
)

// Array is one named array: the values of a float array (float32 or float64
// in the file) as float32 in F32, those of an int64 array in I64.
type Array struct {
	Name  string
	Shape []int
	DType string    // the dtype in the file: Float32, Float64, Int64, Int32, ...
	F32   []float32 // when DType is a float type
	I64   []int64   // when DType is Int64
}
