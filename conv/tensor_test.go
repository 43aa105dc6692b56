package conv

import "testing"

// NewTensor refuses a negative or oversized shape, with the messages of
// torch.empty and of Geometry, before allocating.
func TestNewTensorRefuses(t *testing.T) {
	for _, tc := range []struct {
		shape []int
		want  string
	}{
		{[]int{2, -1}, "Trying to create tensor with negative dimension -1: [2, -1]"},
		{[]int{1 << 15, 1 << 15, 1}, "tensor of shape [32768, 32768, 1] is too large (limit 268435456 elements)"},
		{[]int{MaxElements, 2, 0, -3}, "Trying to create tensor with negative dimension -3: [268435456, 2, 0, -3]"},
	} {
		if _, err := NewTensor(tc.shape...); err == nil || err.Error() != tc.want {
			t.Errorf("NewTensor(%v): %v, want %q", tc.shape, err, tc.want)
		}
	}
	if tt, err := NewTensor(MaxElements/4, 0, 4); err != nil || tt.Len() != 0 {
		t.Errorf("an empty tensor: %v, %v", tt, err)
	}
}
