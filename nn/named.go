package nn

import (
	"convplayground/conv"
	"convplayground/conv/npy/arrays"
)

// NamedArrays is a state_dict read from a file (an .npz, a torch.save, a
// .safetensors: package modelfile's tensors) as LoadStateDict takes it:
// float values as they are, an integer tensor (num_batches_tracked, or
// integers copied into a float entry) as float32 values, and as a Count
// when it holds one value.
func NamedArrays(list []arrays.Array) []Named {
	sd := make([]Named, len(list))
	for i := range list {
		a := &list[i]
		sd[i].Key = a.Name
		sd[i].Value = &conv.Tensor{Shape: a.Shape, Data: a.F32}
		if a.DType == arrays.Int64 || a.DType == arrays.Int32 {
			sd[i].Value.Data = make([]float32, len(a.I64))
			for j, v := range a.I64 {
				sd[i].Value.Data[j] = float32(v)
			}
			if len(a.I64) == 1 {
				sd[i].Count = &a.I64[0]
			}
		}
	}
	return sd
}
